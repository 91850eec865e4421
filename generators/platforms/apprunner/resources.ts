// The names App Runner resources get (roles, connector, configurations, log groups, console pages) and
// pure builders of the requests for what a service leans on: the ECR access role, the instance role
// (secrets, tracing), the VPC connector and the observability configuration.
import type {
  CreateObservabilityConfigurationCommandInput,
  CreateVpcConnectorCommandInput,
} from '@aws-sdk/client-apprunner';
import type {
  AttachRolePolicyCommandInput,
  CreateRoleCommandInput,
  PutRolePolicyCommandInput,
} from '@aws-sdk/client-iam';

import type { DeployConfig } from '../../core/deploy-config.js';
import { appResourceName, appRoleName } from '../ownership/names.js';
import { toolTags } from '../ownership/owner.js';
import { partitionOf, TOOL_TAG } from '../shared/names.js';
import { secretResources } from '../shared/secrets.js';

export { secretResources } from '../shared/secrets.js';

/** The App Runner console page of this region (`fragment`: services, connections, ...). */
export const consoleUrl = (region: string, fragment: string) =>
  `https://${region}.console.aws.amazon.com/apprunner/home?region=${region}#/${fragment}`;

export const serviceConsoleUrl = (region: string, serviceArn: string) =>
  consoleUrl(region, `services/dashboard?service_arn=${encodeURIComponent(serviceArn)}&active_tab=logs`);

/** The two log groups App Runner writes for a service: its own events, and the app's output. */
export const logGroups = (name: string, serviceId: string) => ({
  service: `/aws/apprunner/${name}/${serviceId}/service`,
  application: `/aws/apprunner/${name}/${serviceId}/application`,
});

export const ACCESS_ROLE_NAME = 'AppRunnerECRAccessRole';
export const ECR_ACCESS_POLICY_ARN = 'arn:aws:iam::aws:policy/service-role/AWSAppRunnerServicePolicyForECRAccess';
/** What App Runner's tracing sidecar needs to send segments to X-Ray. */
export const XRAY_POLICY_ARN = 'arn:aws:iam::aws:policy/AWSXRayDaemonWriteAccess';
export const SECRETS_POLICY_NAME = 'read-app-secrets';

const trust = (service: string) =>
  JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: { Service: service }, Action: 'sts:AssumeRole' }],
  });

export function accessRoleInput(): CreateRoleCommandInput {
  return {
    RoleName: ACCESS_ROLE_NAME,
    Description: 'Lets App Runner pull images from Amazon ECR (created by create-apprunner-app).',
    AssumeRolePolicyDocument: trust('build.apprunner.amazonaws.com'),
    Tags: [TOOL_TAG],
  };
}

export const attachPolicyInput = (): AttachRolePolicyCommandInput => ({
  RoleName: ACCESS_ROLE_NAME,
  PolicyArn: ECR_ACCESS_POLICY_ARN,
});
export const accessRoleArn = (account: string, region: string) =>
  `arn:${partitionOf(region)}:iam::${account}:role/${ACCESS_ROLE_NAME}`;

/** An instance role is needed when the app reads secrets or sends traces; one per service. */
export const needsInstanceRole = (config: DeployConfig) =>
  Boolean(config.secrets && Object.keys(config.secrets).length) || config.observability?.tracing === true;
/** IAM is global: one role per app and region (ownership/names.ts), so no other region's service shares it. */
export const instanceRoleName = (config: DeployConfig, region: string) => appRoleName(config, region, 'instanceRole');
export const instanceRoleArn = (account: string, region: string, config: DeployConfig) =>
  `arn:${partitionOf(region)}:iam::${account}:role/${instanceRoleName(config, region)}`;
export const INSTANCE_PRINCIPAL = 'tasks.apprunner.amazonaws.com';

export function instanceRoleInput(config: DeployConfig, region: string): CreateRoleCommandInput {
  return {
    RoleName: instanceRoleName(config, region),
    Description: `The App Runner service ${config.service.name} in ${region} runs as this role (created by create-apprunner-app).`,
    AssumeRolePolicyDocument: trust(INSTANCE_PRINCIPAL),
    Tags: toolTags(config),
  };
}

/** Read access to exactly the configured secrets and nothing more; undefined without secrets. */
export function secretsPolicyInput(
  config: DeployConfig,
  account: string,
  region: string,
): PutRolePolicyCommandInput | undefined {
  if (!config.secrets || !Object.keys(config.secrets).length) return undefined;
  const { secrets, parameters } = secretResources(config.secrets, account, region);
  const statements = [
    ...(secrets.length ? [{ Effect: 'Allow', Action: ['secretsmanager:GetSecretValue'], Resource: secrets }] : []),
    ...(parameters.length ? [{ Effect: 'Allow', Action: ['ssm:GetParameters'], Resource: parameters }] : []),
  ];
  return {
    RoleName: instanceRoleName(config, region),
    PolicyName: SECRETS_POLICY_NAME,
    PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: statements }),
  };
}

/** Unique per app (ownership/names.ts), as every per-app name. */
export const vpcConnectorName = (config: DeployConfig) => appResourceName(config, 'vpcConnector');
export const observabilityName = (config: DeployConfig) => appResourceName(config, 'observability');

/** Only when the config gives subnets and security groups (a given connector ARN is used as it is). */
export function vpcConnectorInput(config: DeployConfig): CreateVpcConnectorCommandInput | undefined {
  const network = config.network;
  if (!network || !('vpcSubnets' in network)) return undefined;
  return {
    VpcConnectorName: vpcConnectorName(config),
    Subnets: [...network.vpcSubnets],
    SecurityGroups: [...network.vpcSecurityGroups],
    Tags: toolTags(config),
  };
}

export function observabilityInput(config: DeployConfig): CreateObservabilityConfigurationCommandInput | undefined {
  if (config.observability?.tracing !== true) return undefined;
  return {
    ObservabilityConfigurationName: observabilityName(config),
    TraceConfiguration: { Vendor: 'AWSXRAY' },
    Tags: toolTags(config),
  };
}
