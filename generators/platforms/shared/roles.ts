// A role a platform needs, through the ownership role decider (ownership/use-role.ts): created and tagged
// with the app id when missing; kept as the app needs it when it carries this app's id; any other role is
// used as it is only if it already allows what the app needs, and refused otherwise. The need is read off
// the requests deploy would send (managed policies, the inline policy), so it cannot drift from them.
// Each platform names its own roles (platforms/<id>/requests.ts, resources.ts).
import type { CreateRoleCommandInput, PutRolePolicyCommandInput } from '@aws-sdk/client-iam';

import type { Iam } from '../../aws/iam.js';
import type { ManagedNeed } from '../ownership/needs.js';
import { roleNeed } from '../ownership/needs.js';
import { isOurs } from '../ownership/owner.js';
import { RoleRefused, useRole } from '../ownership/use-role.js';
import type { Context } from './context.js';
import { DeployError } from './errors.js';

export interface RoleRequest {
  input: CreateRoleCommandInput;
  /** The service that assumes the role (its trust policy's principal). */
  principal: string;
  managed: ManagedNeed[];
  /** Written on every deploy of a role that is ours, so it allows exactly what the config lists now. */
  inline?: PutRolePolicyCommandInput;
  why: string;
  /** An account-wide role (AWS's own name): tagged created-by only, since no single app's delete may take it. */
  shared?: boolean;
}

export async function ensureRole(ctx: Context, iam: Iam, request: RoleRequest): Promise<string> {
  const id = ctx.config.app?.id;
  if (!id) throw new Error('deploy gives the config an app id before it creates anything'); // app-id-file.ts
  const spec = {
    input: request.input,
    managed: request.managed,
    inline: request.inline,
    why: request.why,
    shared: request.shared,
    need: roleNeed(request.principal, request.managed, inlineResources(request.inline)),
  };
  try {
    return await useRole(iam, { info: (t) => ctx.ui.info(t), note: (t) => ctx.ledger.note(t) }, id, spec);
  } catch (error) {
    if (error instanceof RoleRefused) throw new DeployError(error.message);
    throw error;
  }
}

/**
 * When the config lists no secret any more, the inline policy that granted the old ones goes from this
 * app's own role (a role that is not ours is never changed): otherwise the role would go on reading a
 * secret the app no longer names.
 */
export async function revokeInline(ctx: Context, iam: Iam, roleName: string, policyName: string): Promise<void> {
  const role = await iam.roleWithTags(roleName);
  if (!role || !isOurs(role.tags, ctx.config)) return;
  if (!(await iam.inlinePolicyNames(roleName)).includes(policyName)) return;
  await iam.deleteRolePolicy(roleName, policyName);
  ctx.ui.info(`Removed the policy ${policyName} from the IAM role ${roleName}: the app reads no secret now.`);
  ctx.ledger.note(`The inline policy ${policyName} was removed from the role ${roleName}.`);
}

/** The secrets and parameters the inline policy grants: the role must already allow reading each. */
function inlineResources(inline: PutRolePolicyCommandInput | undefined) {
  const out = { secrets: [] as string[], parameters: [] as string[] };
  if (!inline?.PolicyDocument) return out;
  const doc = JSON.parse(inline.PolicyDocument) as { Statement: { Action: string[]; Resource: string[] }[] };
  for (const s of doc.Statement) {
    if (s.Action.includes('secretsmanager:GetSecretValue')) out.secrets.push(...s.Resource);
    if (s.Action.includes('ssm:GetParameters')) out.parameters.push(...s.Resource);
  }
  return out;
}
