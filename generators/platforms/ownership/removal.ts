// The removal planner: what `delete` removes, what it keeps, and why. It removes only resources that
// carry this app's id tag, and never a role, repository, configuration, connector or log group that any
// service it does not remove still uses, in any region it was told about and on either platform
// (App Runner and ECS alike: a hand-made ECS service running as this app's role keeps that role).
// The AWS reads sit behind two narrow interfaces, so the decision is tested against fakes.
import type { AppId } from '../../core/app-id.js';
import { platformOf } from '../registry.js';
import { type AnyTags, ownership, ownerText } from './owner.js';
import type { ResourceKind, ServiceRef } from './refs.js';

/** A resource that might be this app's: found by its id tag, by this version's names, or by the old names. */
export interface Candidate {
  kind: ResourceKind;
  /** refs.ts keyOf(): how services refer to it. */
  key: string;
  /** For messages: "the IAM role ecsTaskExecution-my-api-us-east-1-k3j5m2q7". */
  label: string;
  tags: AnyTags;
  /** The region it lives in ('' for IAM). */
  region: string;
  /** Its name, and its ARN where the API deletes by ARN (services, App Runner configurations and connectors). */
  name: string;
  arn?: string;
  /** IAM's RoleLastUsed: where and when anything last assumed the role (IAM sees every user, listed or not). */
  lastUsed?: { at: Date; region?: string };
}

export interface ReferenceLister {
  /** The regions to look for users in: every region the account runs services in that deploy can reach. */
  regions(): Promise<string[]>;
  /** Every service in the region, on every platform, with the keys of what it uses. */
  servicesIn(region: string): Promise<ServiceRef[]>;
}

export interface RemovalPlan {
  /** In the order to remove them: services first (what depends on them goes after), then the rest. */
  remove: Candidate[];
  keep: { candidate: Candidate; reason: string }[];
}

const ORDER: ResourceKind[] = [
  'service',
  'autoScaling',
  'observability',
  'vpcConnector',
  'role',
  'repository',
  'logGroup',
];

/** A role used this recently in a region where nothing of this app is removed is someone else's to lose. */
const RECENT_MS = 30 * 24 * 3600_000;

export async function planRemoval(
  id: AppId,
  candidates: Candidate[],
  refs: ReferenceLister,
  opts: { keepImage?: boolean; now?: Date } = {},
): Promise<RemovalPlan> {
  const unique = [...new Map(candidates.map((c) => [c.key, c])).values()];
  const regions = [...new Set([...(await refs.regions()), ...unique.map((c) => c.region).filter(Boolean)])];
  const services = (await Promise.all(regions.map((r) => refs.servicesIn(r)))).flat();
  const plan: RemovalPlan = { remove: [], keep: [] };
  const removing = new Set<string>();
  for (const c of unique.filter((x) => x.kind === 'service')) {
    const o = ownership(c.tags, id);
    if (o.kind === 'ours') {
      plan.remove.push(c);
      removing.add(c.key);
    } else plan.keep.push({ candidate: c, reason: `not this app's: ${ownerText(o)}` });
  }
  const removedRegions = new Set(plan.remove.map((c) => c.region));
  for (const c of unique.filter((x) => x.kind !== 'service')) {
    const reason =
      keepReason(c, id, services, removing, opts) ?? lastUseReason(c, removedRegions, opts.now ?? new Date());
    if (reason) plan.keep.push({ candidate: c, reason });
    else plan.remove.push(c);
  }
  plan.remove.sort((a, b) => ORDER.indexOf(a.kind) - ORDER.indexOf(b.kind));
  return plan;
}

// The services listed are those deploy can read; a role can also be used by what it cannot list (an ECS
// service in another cluster, a Lambda function, a person). IAM records the last use, whoever it was.
function lastUseReason(c: Candidate, removedRegions: Set<string>, now: Date): string | undefined {
  const used = c.kind === 'role' ? c.lastUsed : undefined;
  if (!used || now.getTime() - used.at.getTime() > RECENT_MS || (used.region && removedRegions.has(used.region)))
    return undefined;
  return (
    `IAM says it was last used on ${used.at.toISOString().slice(0, 10)}${used.region ? ` in ${used.region}` : ''}, ` +
    'where delete removes no service of this app: something it cannot see may still run as it'
  );
}

function keepReason(
  c: Candidate,
  id: AppId,
  services: ServiceRef[],
  removing: Set<string>,
  opts: { keepImage?: boolean },
): string | undefined {
  const o = ownership(c.tags, id);
  if (o.kind === 'legacy')
    return `made by an older version (no app id), so delete cannot prove it is this app's; remove it by hand if nothing uses it`;
  if (o.kind === 'foreign') return `not this app's: ${ownerText(o)}`;
  const users = services.filter((s) => !removing.has(s.key) && s.uses.includes(c.key));
  if (users.length) {
    const names = users.map((u) => `${u.name} (${platformOf(u.platform).short}, ${u.region})`);
    return `still used by ${names.join(', ')}`;
  }
  if (c.kind === 'repository' && opts.keepImage) return 'kept with its images: --keep-image';
  return undefined;
}
