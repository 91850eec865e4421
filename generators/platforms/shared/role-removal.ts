// Whether delete may remove one of the app's own roles, decided by the ownership removal planner
// (ownership/removal.ts): only a role carrying this app's id, and never while a service deploy can read
// still runs as it (in this app's regions, on the platform the role's trust policy admits: no other
// service can assume it), or while IAM says something else used it lately in a region where delete
// removes nothing. Both platforms' delete plans ask here.
import { isIamNotFound } from '../../aws/iam.js';
import type { TargetId } from '../../core/options.js';
import { legacyNamesOf } from '../ownership/names.js';
import { keyOf } from '../ownership/refs.js';
import type { Candidate } from '../ownership/removal.js';
import type { Live, RemovalPlan } from '../platform.js';
import { removal } from './removal.js';
import { decideRemovals } from './usage.js';

interface RoleAsk {
  /** This version's name for the role, then the one older versions used (legacyNamesOf). */
  name: string;
  kind: 'instanceRole' | 'executionRole';
  /** For the plan's lines: "instance role", "task execution role". */
  what: string;
  platform: TargetId;
  /** Say "already gone" when the role is missing (the config implies one). */
  expected: boolean;
}

export async function appRoleRemovals(live: Live, plan: RemovalPlan, ask: RoleAsk): Promise<void> {
  const { iam } = live.clients;
  const { config } = live;
  const names = [...new Set([ask.name, legacyNamesOf(config.service.name)[ask.kind]])];
  const found = (await Promise.all(names.map(async (name) => ({ name, role: await iam.roleWithTags(name) })))).filter(
    (r) => r.role,
  );
  if (!found.length) {
    if (ask.expected) plan.absent.push(`the IAM role ${ask.name}`);
    return;
  }
  const id = config.app?.id;
  if (!id) {
    for (const { name } of found)
      plan.kept.push(
        `the IAM role ${name}: ${config.service.name}'s deploy config has no app id, so delete cannot prove the role is this app's (deploy adds the id)`,
      );
    return;
  }
  const roles: Candidate[] = found.map(({ name, role }) => ({
    kind: 'role',
    key: keyOf('role', '', name),
    label: name,
    tags: role!.tags,
    region: '',
    name,
    lastUsed: role!.RoleLastUsed?.LastUsedDate
      ? { at: role!.RoleLastUsed.LastUsedDate, region: role!.RoleLastUsed.Region }
      : undefined,
  }));
  const decided = await decideRemovals(live, ask.platform, roles, [ask.platform]);
  for (const c of decided.remove.filter((x) => x.kind === 'role')) {
    plan.removals.push(removal(`the IAM role ${c.name} (${ask.what})`, () => iam.deleteRole(c.name), isIamNotFound));
  }
  for (const { candidate, reason } of decided.keep.filter((x) => x.candidate.kind === 'role'))
    plan.kept.push(`the IAM role ${candidate.name}: ${reason}`);
}
