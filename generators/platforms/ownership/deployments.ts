// Finding every deployment of the app, not just the one the deploy config names today: after a rename,
// a region change or a target switch the old service keeps running and billing, so status lists it and
// delete removes it. Three sources, so that the answer is right whatever the Tagging API covers:
// - the Resource Groups Tagging API in every region (GetResources by the app-id tag): App Runner and ECS
//   services, configurations, connectors, repositories, log groups;
// - IAM (global; GetResources does not return roles): this app's roles carry the region in their name
//   (names.ts), which says where it was deployed even if GetResources missed the service;
// - each platform's own service list, in every region the first two point at and the config's region,
//   read with tags (ECS Express services are new: their coverage by GetResources is not documented).
// Ownership is still decided by the id tag (owner.ts), never by the names used to look.
import { type AppId, idSuffix } from '../../core/app-id.js';
import type { TargetId } from '../../core/options.js';
import { type AnyTags, APP_ID_KEY, ownership } from './owner.js';
import { parseArn } from './refs.js';

export interface TaggedResource {
  arn: string;
  tags: Record<string, string>;
}

export interface ListedService {
  platform: TargetId;
  name: string;
  arn: string;
  tags: AnyTags;
}

/** The narrow AWS reads the finder needs; generators/aws/* build them, tests fake them. */
export interface FinderClients {
  tagged(region: string, key: string, value: string): Promise<TaggedResource[]>;
  /**
   * The live services of the region that may be this app's, with their tags. `appRunner`: the Tagging API
   * returned an App Runner resource of the app there, so App Runner's own list is read too (it is
   * covered by GetResources, so elsewhere there is nothing of the app to find on it).
   */
  services(region: string, hints: { appRunner: boolean }): Promise<ListedService[]>;
  /** Names of the account's IAM roles (ListRoles). */
  roleNames(): Promise<string[]>;
  /** Whether a service the Tagging API named is still there (it may list a deleted ECS service for a while). */
  isLive(deployment: Deployment): Promise<boolean>;
}

export interface Deployment {
  platform: TargetId;
  region: string;
  name: string;
  arn: string;
}

export interface Found {
  deployments: Deployment[];
  /** Everything else the Tagging API returned for the id (configurations, repositories, log groups). */
  resources: TaggedResource[];
  /** Regions that could not be read, with why (an opt-in region the account has not enabled, a denied call). */
  unreachable: { region: string; reason: string }[];
}

// Answers of a region the account has not enabled: the credentials are unknown there.
export const NOT_ENABLED = /^(UnrecognizedClientException|InvalidClientTokenId|AuthFailure|InvalidSignatureException)$/;

/** The regions this app's role names mention (`...-<region>-<id8>`). */
export function regionsOfRoles(roleNames: string[], id: AppId): string[] {
  // <area>[-gov|-iso…]-<direction>-<n>: a plain `[a-z]+(-[a-z]+)+-\d` would also take the service name's words.
  const tail = new RegExp(
    `-([a-z]{2}(?:-gov|-iso[a-z]?)?-(?:central|(?:north|south)?(?:east|west)|north|south)-\\d+)-${idSuffix(id)}$`,
    'i',
  );
  return [...new Set(roleNames.map((n) => tail.exec(n)?.[1]?.toLowerCase()).filter((r): r is string => Boolean(r)))];
}

/** Any App Runner resource (service, configuration, connector): the app has been on App Runner in that region. */
const APPRUNNER_ARN = /^arn:[^:]+:apprunner:/;

const firstLine = (error: unknown) => String((error as Error).message ?? error).split('\n')[0]!;

export async function findDeployments(
  id: AppId,
  regions: string[],
  home: string,
  clients: FinderClients,
): Promise<Found> {
  const found: Found = { deployments: [], resources: [], unreachable: [] };
  const hit = new Set<string>([home]);
  const appRunnerIn = new Set<string>();
  const perRegion = await Promise.all(
    regions.map(async (region) => {
      try {
        return { region, list: await clients.tagged(region, APP_ID_KEY, id) };
      } catch (error) {
        const code = (error as { code?: string; name?: string }).code ?? (error as Error).name;
        if (!NOT_ENABLED.test(code ?? '')) found.unreachable.push({ region, reason: firstLine(error) });
        return { region, list: [] };
      }
    }),
  );
  const byArn = new Map<string, Deployment>();
  for (const { region, list } of perRegion) {
    for (const r of list) {
      const parsed = parseArn(r.arn);
      if (APPRUNNER_ARN.test(r.arn)) appRunnerIn.add(region);
      if (parsed?.kind === 'service' && parsed.platform)
        byArn.set(r.arn, { platform: parsed.platform, region, name: parsed.name, arn: r.arn });
      else found.resources.push(r);
      hit.add(region);
    }
  }
  for (const [arn, d] of byArn) if (!(await clients.isLive(d))) byArn.delete(arn);
  for (const region of regionsOfRoles(await clients.roleNames(), id)) hit.add(region);
  for (const region of hit) {
    let listed: ListedService[];
    try {
      listed = await clients.services(region, { appRunner: appRunnerIn.has(region) });
    } catch (error) {
      // A denied or failing list in one region says nothing about the others: report it, go on.
      found.unreachable.push({ region, reason: firstLine(error) });
      continue;
    }
    for (const s of listed) {
      if (ownership(s.tags, id).kind === 'ours' && !byArn.has(s.arn))
        byArn.set(s.arn, { platform: s.platform, region, name: s.name, arn: s.arn });
    }
  }
  found.deployments = [...byArn.values()].sort((a, b) =>
    `${a.region}${a.platform}${a.name}`.localeCompare(`${b.region}${b.platform}${b.name}`),
  );
  return found;
}

/** The deployments other than the one the config names now (status: "also running: …"). */
export const others = (all: Deployment[], current: { platform: TargetId; region: string; name: string }) =>
  all.filter((d) => !(d.platform === current.platform && d.region === current.region && d.name === current.name));
