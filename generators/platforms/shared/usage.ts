// Whether anything this delete does not remove still uses one of the app's resources (a role, the ECR
// repository, an App Runner configuration or connector): the removal planner (ownership/removal.ts)
// decides, over every service deploy can read in the app's regions. The services this run of delete
// removes (live.removing: the current deployment and the app's others) count as gone, so a target switch
// in one region does not keep the repository both deployments pulled from. Each region's services are
// read once per plan, however many resources ask.
import { AwsCallError, kindOf } from '../../aws/errors.js';
import type { AppId } from '../../core/app-id.js';
import type { TargetId } from '../../core/options.js';
import { regionsOfRoles } from '../ownership/deployments.js';
import { accountReaders } from '../ownership/elsewhere.js';
import { referenceLister } from '../ownership/readers.js';
import { keyOf, type ServiceRef } from '../ownership/refs.js';
import { type Candidate, planRemoval, type RemovalPlan as Decided } from '../ownership/removal.js';
import type { Live } from '../platform.js';

/** The app id tag, as the planner reads it on the services this run removes. */
const ID_TAG = 'create-apprunner-app:app-id';

/** The services this delete removes, as planner candidates: the live one and live.removing. */
function removingServices(live: Live, id: AppId, platform: TargetId): Candidate[] {
  const keys = new Set([keyOf('service', live.region, live.config.service.name, platform), ...(live.removing ?? [])]);
  return [...keys].map((key) => {
    const [, , region = '', ...name] = key.split(':');
    return { kind: 'service', key, label: '', tags: { [ID_TAG]: id }, region, name: name.join(':') };
  });
}

/** An account App Runner is closed to (SubscriptionRequiredException) runs no App Runner service. */
const noneIfClosed = (listing: Promise<ServiceRef[]>) =>
  listing.catch((error: unknown) => {
    if (error instanceof AwsCallError && kindOf(error) === 'not-subscribed') return [];
    throw error;
  });

type Listing = Map<string, Promise<ServiceRef[]>>;
const listings = new WeakMap<Live, Listing>();

/**
 * The planner's decision on `candidates` (none of them services), looking for users on `platforms` only:
 * a role can only be assumed by the service its trust names; any service may pull from a repository.
 */
export async function decideRemovals(
  live: Live,
  platform: TargetId,
  candidates: Candidate[],
  platforms: readonly TargetId[],
): Promise<Decided> {
  const id = live.config.app!.id as AppId;
  const { iam, sts } = live.clients;
  const readers = accountReaders({
    profile: live.profile,
    signal: live.signal,
    account: (await sts.callerIdentity()).account,
    roleNames: () => iam.roleNames(),
  });
  const cache: Listing = listings.get(live) ?? new Map();
  listings.set(live, cache);
  try {
    const regions = [...new Set([live.region, ...regionsOfRoles(await readers.roleNames(), id)])];
    const listed = (region: string, p: TargetId) => {
      const key = `${region}|${p}`;
      if (!cache.has(key))
        cache.set(
          key,
          noneIfClosed(referenceLister(readers, id, regions, [live.config.service.name], [p]).servicesIn(region)),
        );
      return cache.get(key)!;
    };
    return await planRemoval(id, [...removingServices(live, id, platform), ...candidates], {
      regions: async () => regions,
      servicesIn: async (region) => (await Promise.all(platforms.map((p) => listed(region, p)))).flat(),
    });
  } catch (error) {
    if (live.signal.aborted || !(error instanceof AwsCallError)) throw error;
    // Unproven is kept: delete says why, and a later run (once the reads answer) removes it.
    const reason = `delete could not read which services use it (${error.operation}: ${error.code}); run delete again once that answers`;
    return { remove: [], keep: candidates.map((candidate) => ({ candidate, reason })) };
  } finally {
    readers.close();
  }
}
