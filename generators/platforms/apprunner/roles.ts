// App Runner's roles: the ECR access role App Runner pulls images with (shared by every service, the name
// the console uses too), and, when the app reads secrets or sends traces, an instance role of its own
// (one per app and region). Both go through the role decider (shared/roles.ts).
import type { Iam } from '../../aws/iam.js';
import type { ManagedNeed } from '../ownership/needs.js';
import type { Context } from '../shared/context.js';
import { ensureRole, revokeInline } from '../shared/roles.js';
import {
  accessRoleInput,
  ECR_ACCESS_POLICY_ARN,
  INSTANCE_PRINCIPAL,
  instanceRoleInput,
  instanceRoleName,
  needsInstanceRole,
  SECRETS_POLICY_NAME,
  secretsPolicyInput,
  XRAY_POLICY_ARN,
} from './resources.js';

// The actions of each managed policy the app relies on, as the AWS managed policy reference lists them.
// https://docs.aws.amazon.com/aws-managed-policy/latest/reference/AWSAppRunnerServicePolicyForECRAccess.html
// https://docs.aws.amazon.com/aws-managed-policy/latest/reference/AWSXRayDaemonWriteAccess.html
const ECR_ACCESS: ManagedNeed = {
  arn: ECR_ACCESS_POLICY_ARN,
  actions: [
    'ecr:GetDownloadUrlForLayer',
    'ecr:BatchGetImage',
    'ecr:DescribeImages',
    'ecr:GetAuthorizationToken',
    'ecr:BatchCheckLayerAvailability',
  ],
};
const XRAY: ManagedNeed = { arn: XRAY_POLICY_ARN, actions: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'] };

export const ensureAccessRole = (ctx: Context, iam: Iam) =>
  ensureRole(ctx, iam, {
    input: accessRoleInput(),
    principal: 'build.apprunner.amazonaws.com',
    managed: [ECR_ACCESS],
    why: 'lets App Runner pull from ECR',
    shared: true,
  });

/** The instance role's ARN, or undefined when the app needs none. */
export async function ensureInstanceRole(ctx: Context, iam: Iam, account: string): Promise<string | undefined> {
  const { config } = ctx;
  const inline = secretsPolicyInput(config, account, ctx.region);
  if (!inline) await revokeInline(ctx, iam, instanceRoleName(config, ctx.region), SECRETS_POLICY_NAME);
  if (!needsInstanceRole(config)) return undefined;
  return ensureRole(ctx, iam, {
    input: instanceRoleInput(config, ctx.region),
    principal: INSTANCE_PRINCIPAL,
    managed: config.observability?.tracing === true ? [XRAY] : [],
    inline,
    why: 'the app runs as it: read its secrets, send traces',
  });
}
