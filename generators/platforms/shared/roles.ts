// A role a target needs, created if missing and reused if present; the managed policies it must have are
// (re)attached on every deploy. Each platform names its own roles (platforms/<id>/requests.ts, resources.ts).
import type { CreateRoleCommandInput } from '@aws-sdk/client-iam';
import type { Iam } from '../../aws/iam.js';
import type { Context } from './context.js';

export async function ensureRole(ctx: Context, iam: Iam, input: CreateRoleCommandInput, managed: string[], why: string): Promise<string> {
  const name = input.RoleName!;
  let role = await iam.getRole(name);
  let attached: string[] = [];
  if (role) {
    attached = await iam.attachedPolicies(name);
    ctx.ui.info(`Reusing the IAM role ${name} (${why}).`);
  } else {
    role = await iam.createRole(input);
    ctx.ledger.note(`The IAM role ${name} was created and is kept (deploy reuses it).`);
    ctx.ui.info(`Created the IAM role ${name} (${why}).`);
  }
  for (const policy of managed) {
    if (attached.includes(policy)) continue;
    await iam.attachRolePolicy({ RoleName: name, PolicyArn: policy });
    if (attached.length) ctx.ledger.note(`The policy ${policy.split('/').pop()} was attached to the role ${name}.`);
  }
  return role.Arn!;
}
