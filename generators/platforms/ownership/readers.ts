// The finder's and the removal planner's AWS reads (deployments.ts FinderClients, removal.ts
// ReferenceLister), built from the thin clients of one region at a time (opened on demand, once per
// region). Typed by the few calls used, so any client with those calls fits.
// Coverage, said plainly: App Runner services are listed whole in every region App Runner is offered
// (ListServices, DescribeService). ECS Express services are looked up by the names this app's config and
// roles carry (DescribeExpressGatewayService); an ECS service made by hand is seen through IAM's
// RoleLastUsed instead (removal.ts).
import type { Service, ServiceSummary } from '@aws-sdk/client-apprunner';
import type { ECSExpressGatewayService } from '@aws-sdk/client-ecs';

import { type AppId, idSuffix } from '../../core/app-id.js';
import type { TargetId } from '../../core/options.js';
import type { Deployment, FinderClients, ListedService, TaggedResource } from './deployments.js';
import { appRunnerUses, ecsUses, keyOf, type ServiceRef } from './refs.js';
import { offersAppRunner } from './regions.js';
import type { ReferenceLister } from './removal.js';

export interface RegionReaders {
  tagged(key: string, value: string): Promise<TaggedResource[]>;
  /** Absent where App Runner is not offered. */
  appRunner?: {
    listServices(): Promise<ServiceSummary[]>;
    describeService(arn: string): Promise<Service | undefined>;
    tagsOf(arn: string): Promise<{ Key?: string; Value?: string }[]>;
  };
  ecs: { describeExpress(serviceArn: string): Promise<ECSExpressGatewayService | undefined> };
}

export interface AccountReaders {
  /** The clients of one region (the caller caches and closes them). */
  region(region: string): Promise<RegionReaders>;
  roleNames(): Promise<string[]>;
  /** arn:<partition>:ecs:<region>:<account>:service/default/<name> */
  ecsServiceArn(region: string, name: string): string;
}

const EXEC_PREFIX = 'ecsTaskExecution-';

/** The service names this app's ECS execution roles carry for `region` (a name cut to fit 64 is not whole). */
export function ecsNamesFromRoles(roleNames: string[], id: AppId, region: string): string[] {
  const tail = `-${region}-${idSuffix(id)}`;
  return roleNames
    .filter((n) => n.startsWith(EXEC_PREFIX) && n.toLowerCase().endsWith(tail) && n.length < 64)
    .map((n) => n.slice(EXEC_PREFIX.length, n.length - tail.length));
}

async function ecsServices(
  r: RegionReaders,
  readers: AccountReaders,
  names: string[],
  region: string,
): Promise<{ service: ECSExpressGatewayService; name: string }[]> {
  const out = [];
  for (const name of new Set(names)) {
    const service = await r.ecs.describeExpress(readers.ecsServiceArn(region, name));
    if (service && service.status?.statusCode === 'ACTIVE') out.push({ service, name });
  }
  return out;
}

/**
 * `current`: the deployment the command already reads itself (the config's name, region and platform):
 * it is not described a second time, since it is not "elsewhere" whatever the answer.
 */
export function finderClients(
  readers: AccountReaders,
  id: AppId,
  configName: string,
  current?: { platform: TargetId; region: string; name: string },
): FinderClients {
  const isCurrent = (platform: TargetId, region: string, name: string) =>
    current?.platform === platform && current.region === region && current.name === name;
  let roles: Promise<string[]> | undefined;
  const roleNames = () => (roles ??= readers.roleNames());
  return {
    tagged: async (region, key, value) => (await readers.region(region)).tagged(key, value),
    roleNames,
    async services(region, hints) {
      const r = await readers.region(region);
      const listed: ListedService[] = [];
      if (hints.appRunner && r.appRunner && offersAppRunner(region)) {
        for (const s of (await r.appRunner.listServices()).filter((x) => x.Status !== 'DELETED')) {
          listed.push({
            platform: 'apprunner',
            name: s.ServiceName!,
            arn: s.ServiceArn!,
            tags: await r.appRunner.tagsOf(s.ServiceArn!),
          });
        }
      }
      const names = [configName, ...ecsNamesFromRoles(await roleNames(), id, region)].filter(
        (n) => !isCurrent('ecs-express', region, n),
      );
      for (const { service, name } of await ecsServices(r, readers, names, region)) {
        listed.push({ platform: 'ecs-express', name, arn: service.serviceArn!, tags: service.tags ?? [] });
      }
      return listed;
    },
    async isLive(d: Deployment) {
      if (isCurrent(d.platform, d.region, d.name)) return true;
      const r = await readers.region(d.region);
      if (d.platform === 'apprunner')
        return Boolean(r.appRunner) && ((await r.appRunner!.describeService(d.arn))?.Status ?? 'DELETED') !== 'DELETED';
      return (await r.ecs.describeExpress(d.arn))?.status?.statusCode === 'ACTIVE';
    },
  };
}

/**
 * Every service of the regions given that deploy can read on `platforms`, with what each uses. A role can
 * only be used by the service its trust policy names, so a role's users are looked for on that platform.
 */
export function referenceLister(
  readers: AccountReaders,
  id: AppId,
  regions: string[],
  ecsNames: string[],
  platforms: readonly TargetId[] = ['apprunner', 'ecs-express'],
): ReferenceLister {
  return {
    regions: async () => regions,
    async servicesIn(region) {
      const r = await readers.region(region);
      const refs: ServiceRef[] = [];
      if (platforms.includes('apprunner') && r.appRunner && offersAppRunner(region)) {
        for (const s of (await r.appRunner.listServices()).filter((x) => x.Status !== 'DELETED')) {
          const described = await r.appRunner.describeService(s.ServiceArn!);
          if (described)
            refs.push({
              platform: 'apprunner',
              region,
              name: s.ServiceName!,
              key: keyOf('service', region, s.ServiceName!, 'apprunner'),
              uses: appRunnerUses(described),
            });
        }
      }
      const names = platforms.includes('ecs-express')
        ? [...ecsNames, ...ecsNamesFromRoles(await readers.roleNames(), id, region)]
        : [];
      for (const { service, name } of await ecsServices(r, readers, names, region)) {
        const configs = service.activeConfigurations ?? [];
        refs.push({
          platform: 'ecs-express',
          region,
          name,
          key: keyOf('service', region, name, 'ecs-express'),
          uses: ecsUses(region, {
            roleArns: [service.infrastructureRoleArn, ...configs.flatMap((c) => [c.executionRoleArn, c.taskRoleArn])],
            images: configs.map((c) => c.primaryContainer?.image),
            logGroups: configs.map((c) => c.primaryContainer?.awsLogsConfiguration?.logGroup),
          }),
        });
      }
      return refs;
    },
  };
}
