// The App Runner service as deploy creates it, built from the L2 constructs in
// @aws-cdk/aws-apprunner-alpha (https://docs.aws.amazon.com/cdk/api/v2/docs/aws-apprunner-alpha-readme.html).
// Where the L2 cannot say something, the L1 (aws-cdk-lib/aws-apprunner, one class per CloudFormation
// resource) does, and a comment says why.
import * as path from 'node:path';
import * as apprunner from '@aws-cdk/aws-apprunner-alpha';
import { CfnOutput, CfnParameter, Duration, Fn, IgnoreMode, Stack, Token, type StackProps } from 'aws-cdk-lib';
import { CfnService, CfnVpcConnector } from 'aws-cdk-lib/aws-apprunner';
import { DockerImageAsset, Platform } from 'aws-cdk-lib/aws-ecr-assets';
import * as iam from 'aws-cdk-lib/aws-iam';
import type { Construct } from 'constructs';
import { literalValues } from './literal';
import { appSecrets, grantRead, type AppSecret } from './secrets';
import type { ServiceSettings } from './settings';

export interface ServiceStackProps extends StackProps {
  settings: ServiceSettings;
}

/** The app's root folder, where its Dockerfile is: infra/ sits inside it. */
const APP_ROOT = path.join(__dirname, '..', '..');

export class ServiceStack extends Stack {
  constructor(scope: Construct, id: string, props: ServiceStackProps) {
    super(scope, id, props);
    const s = props.settings;
    const secrets = appSecrets(this, s.secrets);

    // The identity the running app has. It may read exactly the app's secrets (and send traces when
    // tracing is on), nothing more.
    // https://docs.aws.amazon.com/apprunner/latest/dg/security_iam_service-with-iam.html#security_iam_service-with-iam-roles-service.instance
    const instanceRole = new iam.Role(this, 'InstanceRole', {
      assumedBy: new iam.ServicePrincipal('tasks.apprunner.amazonaws.com'),
      description: `What ${s.serviceName} may do in AWS while it runs.`,
    });
    // An image app's secrets are granted as the service is given them (ArnSecret below); a code app
    // lists its own in apprunner.yaml (run.secrets), and App Runner reads them with this role too.
    if (s.source.kind === 'code') grantRead(instanceRole, secrets);

    const service = new apprunner.Service(this, 'Service', {
      serviceName: s.serviceName,
      source: s.source.kind === 'image' ? this.imageSource(s, secrets) : this.codeSource(),
      // An image app's new image reaches the service through `cdk deploy` (a new asset hash), so App
      // Runner's own redeploy-on-push would only deploy twice. For a code app, true rebuilds on every
      // push to the branch ($1 a month).
      autoDeploymentsEnabled: false,
      cpu: apprunner.Cpu.of(`${s.cpu} vCPU`),
      memory: apprunner.Memory.of(`${s.memory} GB`),
      instanceRole,
      // App Runner's default is a TCP check; this asks the app's own health route over HTTP.
      healthCheck: apprunner.HealthCheck.http({
        path: s.healthCheckPath,
        interval: Duration.seconds(5),
        timeout: Duration.seconds(2),
        healthyThreshold: 1,
        unhealthyThreshold: 5,
      }),
      // Instances from minSize to maxSize, one more per maxConcurrency requests in flight. No name:
      // CloudFormation makes one, so a change of numbers (a replacement) never collides with the old one.
      autoScalingConfiguration: new apprunner.AutoScalingConfiguration(this, 'AutoScaling', s.scaling),
      vpcConnector: s.network ? this.vpcConnector(s.network) : undefined,
      observabilityConfiguration: s.tracing ? this.tracing(instanceRole) : undefined,
    });
    if (s.source.kind === 'code') this.sourceDirectory(service);
    // The grants are a policy of their own: it must exist before the first instance reads the secrets.
    const grants = instanceRole.node.tryFindChild('DefaultPolicy');
    if (grants) service.node.addDependency(grants);

    new CfnOutput(this, 'ServiceUrl', { description: "The service's public HTTPS address.", value: `https://${service.serviceUrl}` });
    new CfnOutput(this, 'ServiceArn', { description: "The service's ARN (for aws apprunner commands).", value: service.serviceArn });
  }

  /** `cdk deploy` builds the Dockerfile for App Runner's platform and pushes it to the CDK's ECR repository. */
  private imageSource(s: ServiceSettings, secrets: AppSecret[]): apprunner.Source {
    const asset = new DockerImageAsset(this, 'Image', {
      directory: APP_ROOT,
      platform: Platform.LINUX_AMD64,
      // The app's .dockerignore applies; this CDK app itself never belongs in the image.
      ignoreMode: IgnoreMode.DOCKER,
      exclude: ['infra'],
    });
    return apprunner.Source.fromAsset({
      asset,
      imageConfiguration: {
        port: s.port,
        environmentVariables: literalValues(s.environment),
        environmentSecrets: Object.fromEntries(secrets.map((secret) => [secret.name, new ArnSecret(secret)])),
      },
    });
  }

  /**
   * App Runner builds the repository with apprunner.yaml (runtime, variables and secrets included)
   * through a connection someone finished in the App Runner console: no API can do that step.
   */
  private codeSource(): apprunner.Source {
    const connectionArn = new CfnParameter(this, 'ConnectionArn', {
      type: 'String',
      allowedPattern: 'arn:aws[a-z-]*:apprunner:[a-z0-9-]+:[0-9]{12}:connection/.+',
      description: 'App Runner connection to GitHub, finished by hand in the App Runner console.',
    });
    const repositoryUrl = new CfnParameter(this, 'RepositoryUrl', {
      type: 'String',
      allowedPattern: 'https://.+',
      description: 'The repository App Runner builds, e.g. https://github.com/owner/repo.',
    });
    const branch = new CfnParameter(this, 'Branch', { type: 'String', default: 'main', description: 'The branch App Runner builds.' });
    return apprunner.Source.fromGitHub({
      repositoryUrl: repositoryUrl.valueAsString,
      branch: branch.valueAsString,
      configurationSource: apprunner.ConfigurationSourceType.REPOSITORY,
      connection: apprunner.GitHubConnection.fromConnectionArn(connectionArn.valueAsString),
    });
  }

  /**
   * L1 fallback: the L2 GitHub source has no SourceDirectory. When the app is not at the repository's
   * root, deploy with `-c sourceDirectory=<its folder>`.
   */
  private sourceDirectory(service: apprunner.Service): void {
    const folder: unknown = this.node.tryGetContext('sourceDirectory');
    if (typeof folder === 'string' && folder !== '') {
      (service.node.defaultChild as CfnService).addPropertyOverride('SourceConfiguration.CodeRepository.SourceDirectory', folder);
    }
  }

  private vpcConnector(network: NonNullable<ServiceSettings['network']>): apprunner.IVpcConnector {
    if ('vpcConnectorArn' in network) {
      // arn:aws:apprunner:<region>:<account>:vpcconnector/<name>/<revision>/<id>
      const [, name, revision] = network.vpcConnectorArn.split(':')[5]!.split('/');
      return apprunner.VpcConnector.fromVpcConnectorAttributes(this, 'VpcConnector', {
        vpcConnectorArn: network.vpcConnectorArn, vpcConnectorName: name!, vpcConnectorRevision: Number(revision), securityGroups: [],
      });
    }
    // L1 fallback: the L2 VpcConnector wants the VPC as an object, which the CDK gets only from a
    // lookup that needs AWS credentials at synth time; the subnets and security groups are known ids.
    // Outbound traffic then enters the VPC through them. https://docs.aws.amazon.com/apprunner/latest/dg/network-vpc.html
    const connector = new CfnVpcConnector(this, 'VpcConnector', { subnets: network.subnets, securityGroups: network.securityGroups });
    return apprunner.VpcConnector.fromVpcConnectorAttributes(this, 'VpcConnectorRef', {
      vpcConnectorArn: connector.attrVpcConnectorArn,
      vpcConnectorName: Fn.select(1, Fn.split('/', connector.attrVpcConnectorArn)),
      vpcConnectorRevision: Token.asNumber(connector.attrVpcConnectorRevision),
      securityGroups: [],
    });
  }

  /**
   * Traces each request with AWS X-Ray; the app still has to send spans (AWS Distro for OpenTelemetry).
   * https://docs.aws.amazon.com/apprunner/latest/dg/monitor-xray.html
   */
  private tracing(instanceRole: iam.Role): apprunner.IObservabilityConfiguration {
    instanceRole.addManagedPolicy(iam.ManagedPolicy.fromAwsManagedPolicyName('AWSXRayDaemonWriteAccess'));
    return new apprunner.ObservabilityConfiguration(this, 'Observability', {
      traceConfigurationVendor: apprunner.TraceConfigurationVendor.AWSXRAY,
    });
  }
}

/**
 * A secret as App Runner takes it: the ARN as given (a Secrets Manager ARN may end in
 * :json-key:stage:version) and a grant on exactly that secret or parameter.
 */
class ArnSecret extends apprunner.Secret {
  readonly arn: string;
  readonly hasField: boolean;
  constructor(private readonly secret: AppSecret) {
    super();
    this.arn = secret.valueFrom;
    this.hasField = secret.valueFrom !== secret.resourceArn && secret.action === 'secretsmanager:GetSecretValue';
  }

  grantRead(grantee: iam.IGrantable): iam.Grant {
    return iam.Grant.addToPrincipal({ grantee, actions: [this.secret.action], resourceArns: [this.secret.resourceArn] });
  }
}
