// deploy's workshop settings: --owner, --expires-in and --name-suffix owner recorded in the deploy config
// (workshop:, and service.name for a suffix) before anything else reads it, so the run's tags and every
// later deploy's carry them; and the default owner in a shared account.
//
// When is an account shared? When the region already holds a service this tool made for another app
// (the Tagging API, created-by=create-apprunner-app with another app id): then a deploy without an owner
// tags one, taken from the caller STS names (an IAM user's name, or the role session name that SSO and
// workshop accounts set to the person), and says so. Nothing is renamed without --name-suffix owner.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { createTagging } from '../aws/tagging.js';
import { DEPLOY_CONFIG_FILE, type DeployConfig } from '../core/deploy-config.js';
import { withWorkshop } from '../core/deploy-config-file.js';
import { UsageError } from '../core/errors.js';
import { ownerFromCaller, suffixedName, type Workshop, type WorkshopFlags } from '../core/workshop.js';
import { nameProblem } from '../platforms/ownership/names.js';
import { APP_ID_KEY, CREATED_BY_KEY, TOOL } from '../platforms/ownership/owner.js';
import { parseArn } from '../platforms/ownership/refs.js';
import type { Ui } from '../platforms/shared/ui.js';

/** The service name rule of every platform at once: a name must fit wherever the app may go. */
const serviceNameProblem = (name: string) => nameProblem('appRunnerService', name) ?? nameProblem('ecsService', name);

/**
 * Records the flags in the deploy config (not on a dry run: it only says what would change). The owner
 * for a suffix without --owner is the config's, else the caller's (`callerArn`, read only when needed).
 */
export async function recordWorkshop(
  dir: string,
  config: DeployConfig,
  flags: WorkshopFlags,
  o: { callerArn: () => Promise<string>; dryRun: boolean; ui: Ui; now?: number },
): Promise<void> {
  let owner = flags.owner ?? config.workshop?.owner;
  if (!owner && flags.nameSuffix) {
    owner = ownerFromCaller(await o.callerArn());
    if (!owner)
      throw new UsageError(
        '--name-suffix owner needs an owner, and your AWS caller names no person (the root user?): add --owner <name>.',
      );
  }
  const w: Workshop = {
    ...(owner && owner !== config.workshop?.owner ? { owner } : {}),
    ...(flags.expiresInMs ? { expiresAt: new Date((o.now ?? Date.now()) + flags.expiresInMs).toISOString() } : {}),
  };
  let name: string | undefined;
  if (flags.nameSuffix && owner) {
    const next = suffixedName(config.service.name, owner, serviceNameProblem);
    if ('error' in next) throw new UsageError(next.error);
    if (next.name !== config.service.name) name = next.name;
  }
  if (!Object.keys(w).length && !name) return;
  const said = [
    w.owner ? `owner ${w.owner}` : '',
    w.expiresAt ? `expires-at ${w.expiresAt}` : '',
    name ? `service name ${name}` : '',
  ].filter(Boolean);
  if (o.dryRun) {
    o.ui.info(`Dry run: deploy would record ${said.join(', ')} in ${DEPLOY_CONFIG_FILE}; nothing was written.`);
    return;
  }
  const file = join(dir, DEPLOY_CONFIG_FILE);
  writeFileSync(file, withWorkshop(readFileSync(file, 'utf8'), w, name));
  o.ui.info(`Recorded ${said.join(', ')} in ${DEPLOY_CONFIG_FILE}: deploy tags everything it creates with it.`);
}

/** Whether the region holds a service this tool made for another app (see the header). */
async function sharedRegion(region: string, profile: string | undefined, id: string | undefined, signal: AbortSignal) {
  const tagging = await createTagging({ region, profile, signal });
  try {
    const mine = (await tagging.tagged(CREATED_BY_KEY, TOOL)).filter((r) => parseArn(r.arn)?.kind === 'service');
    return mine.some((r) => r.tags[APP_ID_KEY] && r.tags[APP_ID_KEY] !== id);
  } finally {
    tagging.close();
  }
}

/**
 * The owner a deploy without one takes in a shared account: recorded in the config and returned (to
 * tag this run), or undefined. A failed look (a denied GetResources) is one line, not the deploy's end.
 */
export async function defaultOwner(
  dir: string,
  config: DeployConfig,
  o: { region: string; profile?: string; signal: AbortSignal; ui: Ui; callerArn: string },
): Promise<string | undefined> {
  if (config.workshop?.owner) return undefined;
  const owner = ownerFromCaller(o.callerArn);
  if (!owner) return undefined;
  try {
    if (!(await sharedRegion(o.region, o.profile, config.app?.id, o.signal))) return undefined;
  } catch (error) {
    if (o.signal.aborted) throw error;
    o.ui.warn(
      `Could not tell whether the account is shared (${String((error as Error).message).split('\n')[0]}): no owner tag set. --owner <name> sets one.`,
    );
    return undefined;
  }
  const file = join(dir, DEPLOY_CONFIG_FILE);
  writeFileSync(file, withWorkshop(readFileSync(file, 'utf8'), { owner }));
  o.ui.info(
    `This account looks shared (${o.region} holds services other apps deployed with ${TOOL}): tagging owner=${owner}, ` +
      `from your AWS caller, and recording it in ${DEPLOY_CONFIG_FILE}. --owner <name> sets another.`,
  );
  return owner;
}

/** The config with the shared-account owner added, when defaultOwner takes one (this run's tags carry it). */
export async function withDefaultOwner(
  dir: string,
  config: DeployConfig,
  o: Parameters<typeof defaultOwner>[2],
): Promise<DeployConfig> {
  const owner = await defaultOwner(dir, config, o);
  return owner ? { ...config, workshop: { ...config.workshop, owner } } : config;
}
