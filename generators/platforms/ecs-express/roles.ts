// ECS Express's roles, through the role decider (shared/roles.ts): the task execution role of this app
// in this region (pull the image, write the logs, read exactly the configured secrets), and the account's
// infrastructure role (AWS's own name, shared by every Express service: ECS makes the load balancer,
// certificate and scaling with it).
import type { Iam } from '../../aws/iam.js';
import type { ManagedNeed } from '../ownership/needs.js';
import type { Context } from '../shared/context.js';
import { ensureRole, revokeInline } from '../shared/roles.js';
import { secretsPolicyDocument } from '../shared/secrets.js';
import {
  EXECUTION_POLICY_ARN,
  EXECUTION_PRINCIPAL,
  executionRoleInput,
  INFRASTRUCTURE_POLICY_ARN,
  INFRASTRUCTURE_PRINCIPAL,
  infrastructureRoleInput,
  SECRETS_POLICY_NAME,
} from './requests.js';

// The actions of each managed policy the app relies on, as the AWS managed policy reference lists them.
// https://docs.aws.amazon.com/aws-managed-policy/latest/reference/AmazonECSTaskExecutionRolePolicy.html
// https://docs.aws.amazon.com/aws-managed-policy/latest/reference/AmazonECSInfrastructureRoleforExpressGatewayServices.html
const EXECUTION: ManagedNeed = {
  arn: EXECUTION_POLICY_ARN,
  actions: [
    'ecr:GetAuthorizationToken',
    'ecr:BatchCheckLayerAvailability',
    'ecr:GetDownloadUrlForLayer',
    'ecr:BatchGetImage',
    'logs:CreateLogStream',
    'logs:PutLogEvents',
  ],
};
const INFRASTRUCTURE: ManagedNeed = {
  arn: INFRASTRUCTURE_POLICY_ARN,
  actions: [
    'elasticloadbalancing:CreateLoadBalancer',
    'elasticloadbalancing:CreateTargetGroup',
    'elasticloadbalancing:CreateListener',
    'ec2:CreateSecurityGroup',
    'acm:RequestCertificate',
    'application-autoscaling:RegisterScalableTarget',
    'cloudwatch:PutMetricAlarm',
  ],
};

export async function ensureExecutionRole(ctx: Context, iam: Iam, account: string): Promise<string> {
  const input = executionRoleInput(ctx.config, ctx.region);
  const policy = secretsPolicyDocument(ctx.config.secrets, account, ctx.region);
  if (!policy) await revokeInline(ctx, iam, input.RoleName!, SECRETS_POLICY_NAME);
  return ensureRole(ctx, iam, {
    input,
    principal: EXECUTION_PRINCIPAL,
    managed: [EXECUTION],
    inline: policy ? { RoleName: input.RoleName, PolicyName: SECRETS_POLICY_NAME, PolicyDocument: policy } : undefined,
    why: 'ECS pulls the image, writes the logs and reads the secrets with it',
  });
}

export const ensureInfrastructureRole = (ctx: Context, iam: Iam) =>
  ensureRole(ctx, iam, {
    input: infrastructureRoleInput(),
    principal: INFRASTRUCTURE_PRINCIPAL,
    managed: [INFRASTRUCTURE],
    shared: true,
    why: 'ECS creates the load balancer, certificate and scaling with it',
  });
