// Pure builders of everything the ECS Express target sends, from the checked config and the resolved
// image and roles. The same objects are sent by a real deploy and printed by --dry-run.
// API: https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_CreateExpressGatewayService.html
import type {
  CreateExpressGatewayServiceCommandInput,
  UpdateExpressGatewayServiceCommandInput,
} from '@aws-sdk/client-ecs';
import type { CreateRoleCommandInput } from '@aws-sdk/client-iam';

import type { DeployConfig } from '../../core/deploy-config.js';
import { appRoleName } from '../ownership/names.js';
import { toolTags, toolTagsEcs } from '../ownership/owner.js';
import { partitionOf, TOOL } from '../shared/names.js';

/** Express creates the cluster named default when it is missing; deploy uses it. */
export const CLUSTER = 'default';
export const EXECUTION_POLICY_ARN = 'arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy';
export const INFRASTRUCTURE_POLICY_ARN =
  'arn:aws:iam::aws:policy/service-role/AmazonECSInfrastructureRoleforExpressGatewayServices';
/** The name AWS's own tutorial uses, shared by every Express service of the account. */
export const INFRASTRUCTURE_ROLE_NAME = 'ecsInfrastructureRoleForExpressServices';
export const SECRETS_POLICY_NAME = 'read-app-secrets';
/** One execution role per app and region (IAM is global), so each may read exactly its own secrets. */
export const executionRoleName = (config: DeployConfig, region: string) => appRoleName(config, region, 'executionRole');
export const EXECUTION_PRINCIPAL = 'ecs-tasks.amazonaws.com';
export const INFRASTRUCTURE_PRINCIPAL = 'ecs.amazonaws.com';

export interface Resolved {
  image: string;
  port: number;
  environment: Record<string, string>;
  executionRoleArn: string;
  infrastructureRoleArn: string;
  /** The app's task role (migrate makes one from the App Runner instance role). */
  taskRoleArn?: string;
}

/** Update, Describe and Delete take only the ARN, which is the cluster and the name. */
export const serviceArnOf = (region: string, account: string, name: string) =>
  `arn:${partitionOf(region)}:ecs:${region}:${account}:service/${CLUSTER}/${name}`;

export const roleArnOf = (region: string, account: string, name: string) =>
  `arn:${partitionOf(region)}:iam::${account}:role/${name}`;

/**
 * App Runner's sizes (vCPU, GB) are Fargate task sizes one for one: cpu units are vCPU × 1024 and memory
 * is MiB. Sent explicitly, because the documented defaults disagree (API reference 256/512, guide 1024/2048).
 */
export const fargateSize = (config: DeployConfig) => ({
  cpu: String(Math.round(config.instance.cpu * 1024)),
  memory: String(Math.round(config.instance.memory * 1024)),
});

const trust = (service: string) =>
  JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: { Service: service }, Action: 'sts:AssumeRole' }],
  });

export function executionRoleInput(config: DeployConfig, region: string): CreateRoleCommandInput {
  const name = config.service.name;
  return {
    RoleName: executionRoleName(config, region),
    Description: `ECS pulls the image of ${name} in ${region}, writes its logs and reads its secrets with this role (created by ${TOOL}).`,
    AssumeRolePolicyDocument: trust(EXECUTION_PRINCIPAL),
    Tags: toolTags(config),
  };
}

export function infrastructureRoleInput(): CreateRoleCommandInput {
  return {
    RoleName: INFRASTRUCTURE_ROLE_NAME,
    Description: `ECS Express Mode creates load balancers, certificates and scaling for services with this role (created by ${TOOL}).`,
    AssumeRolePolicyDocument: trust(INFRASTRUCTURE_PRINCIPAL),
    Tags: [{ Key: 'created-by', Value: TOOL }],
  };
}

function container(config: DeployConfig, r: Resolved) {
  return {
    image: r.image,
    containerPort: r.port,
    environment: Object.entries(r.environment).map(([name, value]) => ({ name, value })),
    secrets: Object.entries(config.secrets ?? {}).map(([name, valueFrom]) => ({ name, valueFrom })),
  };
}

function common(config: DeployConfig, r: Resolved) {
  const network =
    config.network && 'vpcSubnets' in config.network
      ? {
          networkConfiguration: {
            subnets: config.network.vpcSubnets,
            securityGroups: config.network.vpcSecurityGroups,
          },
        }
      : {};
  return {
    executionRoleArn: r.executionRoleArn,
    primaryContainer: container(config, r),
    ...fargateSize(config),
    healthCheckPath: config.healthCheck.path,
    scalingTarget: scalingTarget(config),
    ...(r.taskRoleArn ? { taskRoleArn: r.taskRoleArn } : {}),
    ...network,
  };
}

/** Average CPU (Express's default) unless migrate recorded App Runner's concurrency as requests per task. */
function scalingTarget(config: DeployConfig) {
  const perTarget = config.migratedFrom?.requestsPerTarget;
  return {
    minTaskCount: config.autoScaling.minSize,
    maxTaskCount: config.autoScaling.maxSize,
    ...(perTarget ? { autoScalingMetric: 'REQUEST_COUNT_PER_TARGET' as const, autoScalingTargetValue: perTarget } : {}),
  };
}

/** The task role's ARN when the config names one (migratedFrom.taskRole). */
export const taskRoleArnOf = (config: DeployConfig, region: string, account: string) =>
  config.migratedFrom?.taskRole ? roleArnOf(region, account, config.migratedFrom.taskRole) : undefined;

export function createInput(config: DeployConfig, r: Resolved): CreateExpressGatewayServiceCommandInput {
  return {
    serviceName: config.service.name,
    cluster: CLUSTER,
    infrastructureRoleArn: r.infrastructureRoleArn,
    ...common(config, r),
    tags: toolTagsEcs(config),
  };
}

/** Update cannot change the name, cluster, infrastructure role or tags. */
export function updateInput(
  serviceArn: string,
  config: DeployConfig,
  r: Resolved,
): UpdateExpressGatewayServiceCommandInput {
  return { serviceArn, ...common(config, r) };
}

export const describeCommand = (serviceArn: string, region: string) =>
  `aws ecs describe-express-gateway-service --service-arn ${serviceArn} --region ${region} --query service.status`;

export const consoleUrl = (region: string, name: string) =>
  `https://${region}.console.aws.amazon.com/ecs/v2/clusters/${CLUSTER}/services/${name}/health?region=${region}`;
