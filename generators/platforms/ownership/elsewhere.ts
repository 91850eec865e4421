// The app's deployments other than the one the config names now (an old name, another region, the other
// platform), each with what it bills: status lists them ("also running: …"), delete removes them.
// Found by the app id (deployments.ts), read with each region's own clients, closed at the end.
import { createAppRunner } from '../../aws/apprunner.js';
import type { AwsOptions } from '../../aws/call.js';
import { createEcs } from '../../aws/ecs.js';
import { createTagging } from '../../aws/tagging.js';
import type { AppId } from '../../core/app-id.js';
import type { DeployConfig } from '../../core/deploy-config.js';
import type { TargetId } from '../../core/options.js';
import { loadPlatform } from '../load.js';
import type { Live } from '../platform.js';
import { partitionOf } from '../shared/names.js';
import type { Timing } from '../shared/settings.js';
import { type Deployment, findDeployments, others } from './deployments.js';
import { type AccountReaders, finderClients, type RegionReaders } from './readers.js';
import { offersAppRunner, regionsToSearch } from './regions.js';

export interface Elsewhere {
  deployment: Deployment;
  /** Dollars a month at its live size, when it could be read. */
  monthly?: number;
}

interface Here {
  config: DeployConfig;
  region: string;
  platform: TargetId;
  account: string;
  roleNames(): Promise<string[]>;
  profile?: string;
  signal: AbortSignal;
  timing: Timing;
}

/** Each region's readers, opened once on demand; close() frees them all. */
export function accountReaders(o: {
  profile?: string;
  signal: AbortSignal;
  account: string;
  roleNames(): Promise<string[]>;
}): AccountReaders & { close(): void } {
  const opened = new Map<string, Promise<RegionReaders & { close(): void }>>();
  let roles: Promise<string[]> | undefined;
  return {
    region(region) {
      if (!opened.has(region)) opened.set(region, openRegion({ region, profile: o.profile, signal: o.signal }));
      return opened.get(region)!;
    },
    roleNames: () => (roles ??= o.roleNames()),
    ecsServiceArn: (region, name) => `arn:${partitionOf(region)}:ecs:${region}:${o.account}:service/default/${name}`,
    close() {
      for (const r of opened.values())
        void r.then(
          (x) => x.close(),
          () => undefined,
        );
    },
  };
}

export async function deploymentsElsewhere(
  here: Here,
): Promise<{ elsewhere: Elsewhere[]; unreachable: { region: string; reason: string }[] }> {
  const id = here.config.app?.id as AppId | undefined;
  if (!id) return { elsewhere: [], unreachable: [] };
  const readers = accountReaders(here);
  try {
    const found = await findDeployments(
      id,
      regionsToSearch(here.region),
      here.region,
      finderClients(readers, id, here.config.service.name, {
        platform: here.platform,
        region: here.region,
        name: here.config.service.name,
      }),
    );
    const rest = others(found.deployments, {
      platform: here.platform,
      region: here.region,
      name: here.config.service.name,
    });
    const elsewhere = await Promise.all(rest.map(async (d) => ({ deployment: d, monthly: await monthlyOf(d, here) })));
    return { elsewhere, unreachable: found.unreachable };
  } finally {
    readers.close();
  }
}

async function openRegion(o: AwsOptions): Promise<RegionReaders & { close(): void }> {
  const [tagging, ecs, appRunner] = await Promise.all([
    createTagging(o),
    createEcs(o),
    offersAppRunner(o.region) ? createAppRunner(o) : undefined,
  ]);
  return {
    tagged: (key, value) => tagging.tagged(key, value),
    ecs,
    ...(appRunner
      ? {
          appRunner: {
            listServices: () => appRunner.listServices(),
            describeService: (arn: string) => appRunner.describeService(arn),
            tagsOf: (arn: string) => appRunner.tagsOf(arn),
          },
        }
      : {}),
    close: () => {
      tagging.close();
      ecs.close();
      appRunner?.close();
    },
  };
}

/** What the platform's status would say it bills, read with that region's clients. */
async function monthlyOf(d: Deployment, here: Here): Promise<number | undefined> {
  const platform = await loadPlatform(d.platform);
  const clients = await platform.connect({ region: d.region, profile: here.profile, signal: here.signal });
  try {
    const config: DeployConfig = { ...here.config, service: { name: d.name, region: d.region } };
    const live: Live = { clients, config, region: d.region, timing: here.timing, signal: here.signal };
    const view = await platform.describeLive(live);
    if (!view) return undefined;
    const monthly = platform.liveCost(config, view).json.monthly;
    return typeof monthly === 'number' ? monthly : undefined;
  } finally {
    clients.close();
  }
}
