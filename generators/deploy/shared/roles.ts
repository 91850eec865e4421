// The IAM roles a service needs: the ECR access role App Runner pulls images with (shared by every
// service, the name the console uses too), and, when the app reads secrets or sends traces, an instance
// role of its own. Reused when they exist; what they must allow is (re)applied on every deploy.
import type { CreateRoleCommandInput } from '@aws-sdk/client-iam';
import type { Aws } from './aws.js';
import type { Context } from './context.js';
import {
  ECR_ACCESS_POLICY_ARN, XRAY_POLICY_ARN, accessRoleInput, instanceRoleInput, needsInstanceRole, secretsPolicyInput,
} from '../targets/apprunner/resources.js';

export async function ensureRole(ctx: Context, aws: Aws, input: CreateRoleCommandInput, managed: string[], why: string): Promise<string> {
  const name = input.RoleName!;
  let role = await aws.getRole(name);
  let attached: string[] = [];
  if (role) {
    attached = await aws.attachedPolicies(name);
  } else {
    role = await aws.createRole(input);
    ctx.ledger.note(`The IAM role ${name} was created and is kept (deploy reuses it).`);
    ctx.ui.info(`Created the IAM role ${name} (${why}).`);
  }
  for (const policy of managed) {
    if (attached.includes(policy)) continue;
    await aws.attachRolePolicy({ RoleName: name, PolicyArn: policy });
    if (attached.length) ctx.ledger.note(`The policy ${policy.split('/').pop()} was attached to the role ${name}.`);
  }
  return role.Arn!;
}

export const ensureAccessRole = (ctx: Context, aws: Aws) =>
  ensureRole(ctx, aws, accessRoleInput(), [ECR_ACCESS_POLICY_ARN], 'lets App Runner pull from ECR');

/** The instance role's ARN, or undefined when the app needs none. */
export async function ensureInstanceRole(ctx: Context, aws: Aws, account: string): Promise<string | undefined> {
  const { config } = ctx;
  if (!needsInstanceRole(config)) return undefined;
  const tracing = config.observability?.tracing === true;
  const arn = await ensureRole(ctx, aws, instanceRoleInput(config.service.name), tracing ? [XRAY_POLICY_ARN] : [],
    'the app runs as it: read its secrets, send traces');
  // Written every time, so the role allows exactly the secrets the config lists now.
  const policy = secretsPolicyInput(config, account, ctx.region);
  if (policy) await aws.putRolePolicy(policy);
  return arn;
}
