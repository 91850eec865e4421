// The Amazon ECS Express Mode service as deploy creates it: the app's image, built and pushed by
// `cdk deploy`, run on Fargate behind a load balancer ECS manages.
import * as path from 'node:path';
import { CfnOutput, IgnoreMode, Stack, type StackProps } from 'aws-cdk-lib';
import { DockerImageAsset, Platform } from 'aws-cdk-lib/aws-ecr-assets';
import type { Construct } from 'constructs';
import { ExpressGatewayService } from './express-gateway-service';
import { literalValues } from './literal';
import { appSecrets } from './secrets';
import type { ServiceSettings } from './settings';

export interface ServiceStackProps extends StackProps {
  settings: ServiceSettings;
}

/** The app's root folder, where its Dockerfile is: infra/ sits inside it. */
const APP_ROOT = path.join(__dirname, '..', '..');

/** App Runner sizes map 1:1 onto Fargate: 1 vCPU = 1024 CPU units, 1 GB = 1024 MiB. */
export const fargateUnits = (size: string) => Math.round(Number(size) * 1024);

export class ServiceStack extends Stack {
  constructor(scope: Construct, id: string, props: ServiceStackProps) {
    super(scope, id, props);
    const s = props.settings;
    if (s.source.kind !== 'image') {
      throw new Error('ECS Express Mode runs container images only: this app needs a Dockerfile (--source image).');
    }

    // `cdk deploy` builds the Dockerfile for Fargate's x86 platform and pushes it to the CDK's ECR repository.
    const image = new DockerImageAsset(this, 'Image', {
      directory: APP_ROOT,
      platform: Platform.LINUX_AMD64,
      // The app's .dockerignore applies; this CDK app itself never belongs in the image.
      ignoreMode: IgnoreMode.DOCKER,
      exclude: ['infra'],
    });

    const service = new ExpressGatewayService(this, 'Service', {
      serviceName: s.serviceName,
      image: image.imageUri,
      containerPort: s.port,
      healthCheckPath: s.healthCheckPath,
      cpu: fargateUnits(s.cpu),
      memory: fargateUnits(s.memory),
      environment: literalValues(s.environment),
      secrets: appSecrets(this, s.secrets),
      minTaskCount: s.scaling.minSize,
      maxTaskCount: s.scaling.maxSize,
      // An App Runner VPC connector has no meaning here: Express tasks run in the VPC itself. Subnets
      // given for a connector become the tasks' subnets; private ones make the load balancer internal.
      network: s.network && 'subnets' in s.network ? s.network : undefined,
    });
    // X-Ray tracing (settings.tracing) is App Runner's observability configuration; Express has none.

    new CfnOutput(this, 'ServiceUrl', { description: "The service's public HTTPS address.", value: service.url });
    new CfnOutput(this, 'ServiceArn', { description: "The service's ARN (for aws ecs commands).", value: service.resource.attrServiceArn });
  }
}
