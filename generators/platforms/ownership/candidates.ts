// What delete looks at: every deployment the finder found, everything the Tagging API returned for the
// app id, and the roles and repositories named (by this version's names and by the old ones) after each
// deployment, read with their tags. Whether each goes is the removal planner's decision (removal.ts):
// this only gathers, so that a resource under an old name, in another region or of the other platform is
// seen at all.
import type { AppId } from '../../core/app-id.js';
import type { TargetId } from '../../core/options.js';
import type { Deployment, Found } from './deployments.js';
import { legacyNamesOf, namesOf } from './names.js';
import { type AnyTags, ownTags } from './owner.js';
import { keyOf, parseArn, type ResourceKind } from './refs.js';
import type { Candidate } from './removal.js';

export interface CandidateReads {
  /** The role with its tags and IAM's last use, or undefined when there is none. */
  role(name: string): Promise<{ tags: AnyTags; lastUsed?: { at: Date; region?: string } } | undefined>;
  /** The repository's tags in that region, or undefined when there is none. */
  repository(region: string, name: string): Promise<{ tags: AnyTags } | undefined>;
}

const KIND_LABEL: Record<ResourceKind, string> = {
  service: 'service',
  role: 'IAM role',
  repository: 'ECR repository',
  autoScaling: 'auto scaling configuration',
  observability: 'observability configuration',
  vpcConnector: 'VPC connector',
  logGroup: 'log group',
};

export const serviceLabel = (d: Pick<Deployment, 'name' | 'region'>, platformLabel: string) =>
  `the ${platformLabel} service ${d.name} in ${d.region}`;

export async function gatherCandidates(
  id: AppId,
  found: Found,
  extraRepositories: { region: string; name: string }[],
  reads: CandidateReads,
  platformLabel: (p: TargetId) => string,
): Promise<Candidate[]> {
  const out = new Map<string, Candidate>();
  const add = (c: Candidate) => void (out.has(c.key) || out.set(c.key, c));
  for (const d of found.deployments) {
    add({
      kind: 'service',
      key: keyOf('service', d.region, d.name, d.platform),
      label: serviceLabel(d, platformLabel(d.platform)),
      tags: ownTags(id).pascal,
      region: d.region,
      name: d.name,
      arn: d.arn,
    });
  }
  for (const r of found.resources) {
    const p = parseArn(r.arn);
    if (!p || p.kind === 'service') continue;
    add({
      kind: p.kind,
      key: keyOf(p.kind, p.region, p.name),
      label: `the ${KIND_LABEL[p.kind]} ${p.name} in ${p.region}`,
      tags: r.tags,
      region: p.region,
      name: p.name,
      arn: r.arn,
    });
  }
  const roleNames = new Set<string>();
  const repos = [...extraRepositories];
  for (const d of found.deployments) {
    const now = namesOf({ id, name: d.name, region: d.region });
    const old = legacyNamesOf(d.name);
    for (const n of [now.instanceRole, now.executionRole, old.instanceRole, old.executionRole]) roleNames.add(n);
    repos.push({ region: d.region, name: now.repository }, { region: d.region, name: old.repository });
  }
  for (const name of roleNames) {
    const role = await reads.role(name);
    if (role)
      add({
        kind: 'role',
        key: keyOf('role', '', name),
        label: `the ${KIND_LABEL.role} ${name}`,
        tags: role.tags,
        region: '',
        name,
        lastUsed: role.lastUsed,
      });
  }
  for (const { region, name } of repos) {
    if (out.has(keyOf('repository', region, name))) continue;
    const repo = await reads.repository(region, name);
    if (repo)
      add({
        kind: 'repository',
        key: keyOf('repository', region, name),
        label: `the ${KIND_LABEL.repository} ${name} in ${region}`,
        tags: repo.tags,
        region,
        name,
      });
  }
  return [...out.values()];
}
