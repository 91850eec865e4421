// A role deploy needs, through the role decider: created (tagged with the app id) when missing; kept as
// the app needs it when it carries this app's id (managed policies attached, the inline policy written);
// any other role is used only if it already allows what the app needs, and then nothing on it changes.
// The account-wide roles (App Runner's ECR access role, ECS Express's infrastructure role) go through
// here too with `shared: true`: created with `created-by` only (they belong to no single app, so no
// delete of an app may take them); one this tool made keeps its managed policies attached, and one made
// otherwise (the console's, a tutorial's) is used as it is if it allows what the app needs.
import type { CreateRoleCommandInput, PutRolePolicyCommandInput, Role } from '@aws-sdk/client-iam';

import type { AppId } from '../../core/app-id.js';
import type { ManagedNeed } from './needs.js';
import { type AnyTags, CREATED_BY_KEY, ownerText, ownTags, tagMap, TOOL } from './owner.js';
import { decideRole, type RoleNeed, roleRefusal } from './role.js';

export interface RoleIam {
  roleWithTags(name: string): Promise<(Role & { tags: AnyTags }) | undefined>;
  createRole(input: CreateRoleCommandInput): Promise<Role>;
  attachedPolicies(roleName: string): Promise<string[]>;
  attachRolePolicy(input: { RoleName: string; PolicyArn: string }): Promise<void>;
  putRolePolicy(input: PutRolePolicyCommandInput): Promise<void>;
  /** The inline policies' documents and the default versions of the attached customer-managed ones. */
  policyDocuments(roleName: string): Promise<string[]>;
}

export interface RoleSpec {
  input: CreateRoleCommandInput;
  managed: ManagedNeed[];
  inline?: PutRolePolicyCommandInput;
  need: RoleNeed;
  /** For messages: what the role is for. */
  why: string;
  shared?: boolean;
}

export interface RoleOutput {
  info(text: string): void;
  /** The ledger: what this run changed on AWS. */
  note(text: string): void;
}

export class RoleRefused extends Error {}

/** The role's ARN, ready for the app; throws RoleRefused when a role that is not ours falls short. */
export async function useRole(iam: RoleIam, out: RoleOutput, id: AppId, spec: RoleSpec): Promise<string> {
  const name = spec.input.RoleName!;
  const existing = await iam.roleWithTags(name);
  if (!existing) return createRole(iam, out, id, spec);
  const attached = await iam.attachedPolicies(name);
  if (spec.shared && tagMap(existing.tags)[CREATED_BY_KEY] === TOOL)
    return reuseShared(iam, out, spec, existing.Arn!, attached);
  const facts = {
    name,
    tags: existing.tags,
    trustPolicy: existing.AssumeRolePolicyDocument,
    attachedPolicyArns: attached,
    documents: [] as string[],
  };
  const quick = decideRole(facts, id, spec.need);
  const decision = quick.use
    ? quick
    : decideRole({ ...facts, documents: await iam.policyDocuments(name) }, id, spec.need);
  if (!decision.use) throw new RoleRefused(roleRefusal(name, decision));
  if (!decision.ours) {
    out.info(
      `Using the IAM role ${name} as it is (${spec.why}): it is not this app's (${ownerText(decision.ownership)}), ` +
        'but it already allows what the app needs, so deploy leaves its policies alone.',
    );
    return existing.Arn!;
  }
  out.info(`Reusing the IAM role ${name} (${spec.why}).`);
  for (const m of spec.managed) {
    if (attached.includes(m.arn)) continue;
    await iam.attachRolePolicy({ RoleName: name, PolicyArn: m.arn });
    out.note(`The policy ${m.arn.split('/').pop()} was attached to the role ${name}.`);
  }
  if (spec.inline) await iam.putRolePolicy(spec.inline);
  return existing.Arn!;
}

/** An account-wide role this tool made (created-by, no app id by design): its managed policies are kept attached. */
async function reuseShared(
  iam: RoleIam,
  out: RoleOutput,
  spec: RoleSpec,
  arn: string,
  attached: string[],
): Promise<string> {
  const name = spec.input.RoleName!;
  out.info(`Reusing the IAM role ${name} (${spec.why}).`);
  for (const m of spec.managed) {
    if (attached.includes(m.arn)) continue;
    await iam.attachRolePolicy({ RoleName: name, PolicyArn: m.arn });
    out.note(`The policy ${m.arn.split('/').pop()} was attached to the role ${name}.`);
  }
  return arn;
}

async function createRole(iam: RoleIam, out: RoleOutput, id: AppId, spec: RoleSpec): Promise<string> {
  const name = spec.input.RoleName!;
  const tags = spec.shared ? [{ Key: CREATED_BY_KEY, Value: TOOL }] : ownTags(id).pascal;
  const role = await iam.createRole({
    ...spec.input,
    Tags: [...(spec.input.Tags ?? []).filter((t) => !tags.some((o) => o.Key === t.Key)), ...tags],
  });
  out.note(`The IAM role ${name} was created and is kept (deploy reuses it).`);
  out.info(`Created the IAM role ${name} (${spec.why}).`);
  for (const m of spec.managed) await iam.attachRolePolicy({ RoleName: name, PolicyArn: m.arn });
  if (spec.inline) await iam.putRolePolicy(spec.inline);
  return role.Arn!;
}
