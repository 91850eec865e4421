// App Runner's roles: the ECR access role App Runner pulls images with (shared by every service, the name
// the console uses too), and, when the app reads secrets or sends traces, an instance role of its own.
import type { Iam } from '../../aws/iam.js';
import type { Context } from '../shared/context.js';
import { ensureRole } from '../shared/roles.js';
import {
  ECR_ACCESS_POLICY_ARN, XRAY_POLICY_ARN, accessRoleInput, instanceRoleInput, needsInstanceRole, secretsPolicyInput,
} from './resources.js';

export const ensureAccessRole = (ctx: Context, iam: Iam) =>
  ensureRole(ctx, iam, accessRoleInput(), [ECR_ACCESS_POLICY_ARN], 'lets App Runner pull from ECR');

/** The instance role's ARN, or undefined when the app needs none. */
export async function ensureInstanceRole(ctx: Context, iam: Iam, account: string): Promise<string | undefined> {
  const { config } = ctx;
  if (!needsInstanceRole(config)) return undefined;
  const tracing = config.observability?.tracing === true;
  const arn = await ensureRole(ctx, iam, instanceRoleInput(config.service.name), tracing ? [XRAY_POLICY_ARN] : [],
    'the app runs as it: read its secrets, send traces');
  // Written every time, so the role allows exactly the secrets the config lists now.
  const policy = secretsPolicyInput(config, account, ctx.region);
  if (policy) await iam.putRolePolicy(policy);
  return arn;
}
