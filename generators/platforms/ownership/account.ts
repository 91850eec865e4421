// Every service this tool created in the account (list, sweep): not one app's deployments (deployments.ts
// finds those by the app id) but all of them, whoever deployed them. Found the same two ways the finder
// uses, so that the answer does not hang on what the Tagging API covers:
// - the Resource Groups Tagging API in each region (GetResources with created-by=create-apprunner-app);
// - IAM's role names: an ECS Express app's execution role is ecsTaskExecution-<name>-<region>-<id8>, which
//   names an Express service to describe even if GetResources missed it.
// Each candidate is then read live, with its tags, and kept only if those tags prove it is ours: the
// created-by tag AND an app id. A service without them is never listed, so never swept.
import type { Service } from '@aws-sdk/client-apprunner';
import type { ECSExpressGatewayService } from '@aws-sdk/client-ecs';

import type { TargetId } from '../../core/options.js';
import { type Found, NOT_ENABLED, type TaggedResource } from './deployments.js';
import { APP_ID_KEY, CREATED_BY_KEY, tagMap, TOOL } from './owner.js';
import { parseArn, PRIVATE_ECR } from './refs.js';

export interface OurService {
  platform: TargetId;
  region: string;
  name: string;
  arn: string;
  appId: string;
  tags: Record<string, string>;
  /** The platform's own state word (RUNNING, PAUSED, ACTIVE, DRAINING, …). */
  status: string;
  createdAt?: Date;
  /** The ECR repository of the image it runs, when it runs one from this account's private ECR. */
  repository?: string;
}

/** The reads it needs, one region at a time; ownership/elsewhere.ts accountReaders builds them. */
export interface AccountReads {
  tagged(region: string, key: string, value: string): Promise<TaggedResource[]>;
  roleNames(): Promise<string[]>;
  /** undefined where App Runner is not offered or it does not know the ARN. */
  appRunner(region: string, arn: string): Promise<{ service: Service; tags: Record<string, string> } | undefined>;
  ecs(region: string, arn: string): Promise<ECSExpressGatewayService | undefined>;
  ecsServiceArn(region: string, name: string): string;
}

/** ecsTaskExecution-<name>-<region>-<id8>: the service names the roles carry for `region` (any app). */
export function ecsNamesInRoles(roleNames: string[], region: string): string[] {
  const tail = new RegExp(`^ecsTaskExecution-(.+)-${region.replace(/-/g, '\\-')}-[a-z2-7]{8}$`, 'i');
  return [
    ...new Set(roleNames.map((n) => (n.length < 64 ? tail.exec(n)?.[1] : undefined)).filter(Boolean)),
  ] as string[];
}

/** The tags prove it: created-by this tool and an app id. */
export const isToolMade = (tags: Record<string, string>) => tags[CREATED_BY_KEY] === TOOL && Boolean(tags[APP_ID_KEY]);

const repositoryOf = (image: string | undefined) => (image ? PRIVATE_ECR.exec(image)?.[2] : undefined);
const firstLine = (error: unknown) => String((error as Error).message ?? error).split('\n')[0]!;

export async function findOurServices(
  regions: string[],
  reads: AccountReads,
): Promise<{ services: OurService[]; unreachable: Found['unreachable'] }> {
  const unreachable: Found['unreachable'] = [];
  let roles: string[] = [];
  try {
    roles = await reads.roleNames();
  } catch (error) {
    unreachable.push({ region: 'IAM (global)', reason: firstLine(error) });
  }
  const perRegion = await Promise.all(
    regions.map(async (region) => {
      try {
        return await servicesIn(region, roles, reads);
      } catch (error) {
        const code = (error as { code?: string }).code ?? (error as Error).name;
        if (!NOT_ENABLED.test(code ?? '')) unreachable.push({ region, reason: firstLine(error) });
        return [];
      }
    }),
  );
  const services = perRegion
    .flat()
    .sort((a, b) => `${a.region} ${a.platform} ${a.name}`.localeCompare(`${b.region} ${b.platform} ${b.name}`));
  return { services, unreachable };
}

async function servicesIn(region: string, roles: string[], reads: AccountReads): Promise<OurService[]> {
  const arns = new Map<string, TargetId>();
  for (const r of await reads.tagged(region, CREATED_BY_KEY, TOOL)) {
    const p = parseArn(r.arn);
    if (p?.kind === 'service' && p.platform && p.region === region) arns.set(r.arn, p.platform);
  }
  for (const name of ecsNamesInRoles(roles, region)) arns.set(reads.ecsServiceArn(region, name), 'ecs-express');
  const out: OurService[] = [];
  for (const [arn, platform] of arns) {
    const found = await READ[platform](region, arn, reads);
    if (found && isToolMade(found.tags)) out.push(found);
  }
  return out;
}

async function appRunnerService(region: string, arn: string, reads: AccountReads): Promise<OurService | undefined> {
  const read = await reads.appRunner(region, arn);
  if (!read || read.service.Status === 'DELETED') return undefined;
  const s = read.service;
  return {
    platform: 'apprunner',
    region,
    name: s.ServiceName ?? parseArn(arn)!.name,
    arn,
    appId: read.tags[APP_ID_KEY] ?? '',
    tags: read.tags,
    status: s.Status ?? 'UNKNOWN',
    ...(s.CreatedAt ? { createdAt: new Date(s.CreatedAt) } : {}),
    ...optional('repository', repositoryOf(s.SourceConfiguration?.ImageRepository?.ImageIdentifier)),
  };
}

async function ecsService(region: string, arn: string, reads: AccountReads): Promise<OurService | undefined> {
  const s = await reads.ecs(region, arn);
  const status = s?.status?.statusCode;
  if (!s || !status || status === 'INACTIVE') return undefined;
  const tags = tagMap(s.tags);
  return {
    platform: 'ecs-express',
    region,
    name: s.serviceName ?? parseArn(arn)!.name,
    arn: s.serviceArn ?? arn,
    appId: tags[APP_ID_KEY] ?? '',
    tags,
    status,
    ...(s.createdAt ? { createdAt: new Date(s.createdAt) } : {}),
    ...optional('repository', repositoryOf(s.activeConfigurations?.[0]?.primaryContainer?.image)),
  };
}

/** How each platform's service is read live with its tags (the ARN said which platform it is). */
const READ: Record<TargetId, (region: string, arn: string, reads: AccountReads) => Promise<OurService | undefined>> = {
  apprunner: appRunnerService,
  'ecs-express': ecsService,
};

const optional = <K extends string>(key: K, value: string | undefined) =>
  (value ? { [key]: value } : {}) as Partial<Record<K, string>>;
