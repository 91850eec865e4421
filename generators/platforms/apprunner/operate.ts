// The App Runner side of status, logs, pause/resume and delete, as module functions that take the live
// service's clients (so each decider can be tried against fake clients). What delete removes is what
// deploy created for this app and nothing else: resources are found by the names deploy gives them
// (requests.ts, resources.ts) AND must carry deploy's created-by tag; a role another service still
// uses stays. The shared ECR access role always stays.
import type { Service } from '@aws-sdk/client-apprunner';

import { isAppRunnerNotFound } from '../../aws/apprunner.js';
import { AwsCallError } from '../../aws/errors.js';
import type { DeployConfig } from '../../core/deploy-config.js';
import { dollars } from '../../core/sizes.js';
import { legacyNamesOf } from '../ownership/names.js';
import { isOurs, notOursText } from '../ownership/owner.js';
import { keyOf } from '../ownership/refs.js';
import type { Live, LiveCost, LogGroups, OperationResult, RemovalPlan, ServiceView } from '../platform.js';
import { DeployError } from '../shared/errors.js';
import { denied, scalingOf, sizeOf, unlessDenied } from '../shared/live-fields.js';
import { removal } from '../shared/removal.js';
import { repositoryRemoval } from '../shared/repository-removal.js';
import { appRoleRemovals } from '../shared/role-removal.js';
import { elapsed, type Ui } from '../shared/ui.js';
import { decideRemovals } from '../shared/usage.js';
import { DEFAULT_ASSUMPTIONS, estimate, monthlyCost } from './cost.js';
import type { ArClients } from './index.js';
import { autoScalingName, isDefaultScaling } from './requests.js';
import { needsInstanceRole } from './resources.js';
import {
  ACCESS_ROLE_NAME,
  instanceRoleName,
  logGroups,
  observabilityName,
  serviceConsoleUrl,
  vpcConnectorName,
} from './resources.js';
import { waitForService } from './wait.js';

type ArLive = Live<ArClients>;

const iso = (d?: Date) => (d ? d.toISOString().replace(/\.\d{3}Z$/, 'Z') : undefined);

export async function findLive(live: ArLive): Promise<Service | undefined> {
  const summary = await live.clients.apprunner.findService(live.config.service.name);
  return summary ? live.clients.apprunner.describeService(summary.ServiceArn!) : undefined;
}

export async function viewOf(live: ArLive, service: Service): Promise<ServiceView> {
  const { apprunner } = live.clients;
  const name = live.config.service.name;
  const unread: string[] = [];
  const last = (
    await apprunner.listOperations(service.ServiceArn!).catch(denied(unread, 'the last operation (ListOperations)'))
  )?.[0];
  const scalingArn = service.AutoScalingConfigurationSummary?.AutoScalingConfigurationArn;
  // status degrades per field: a denied or empty scaling read falls back to the deploy config's values, and says so.
  const scaling = scalingArn ? await apprunner.describeAutoScaling(scalingArn).catch(unlessDenied) : undefined;
  const img = service.SourceConfiguration?.ImageRepository;
  const code = service.SourceConfiguration?.CodeRepository;
  const groups = logGroups(name, service.ServiceId!);
  return {
    name,
    state: service.Status ?? 'UNKNOWN',
    url: service.ServiceUrl ? `https://${service.ServiceUrl}` : undefined,
    lastOperation: last
      ? {
          type: last.Type ?? 'OPERATION',
          status: last.Status ?? 'UNKNOWN',
          startedAt: iso(last.StartedAt),
          endedAt: iso(last.EndedAt),
        }
      : undefined,
    instance: sizeOf(service.InstanceConfiguration?.Cpu, service.InstanceConfiguration?.Memory, live.config),
    scaling: scalingArn
      ? scalingOf(
          scaling && { minSize: scaling.MinSize, maxSize: scaling.MaxSize, maxConcurrency: scaling.MaxConcurrency },
          live.config,
          true,
        )
      : undefined,
    source: img
      ? `image ${img.ImageIdentifier}`
      : code
        ? `code ${code.RepositoryUrl} (branch ${code.SourceCodeVersion?.Value})`
        : 'unknown',
    logGroups: { application: groups.application, platform: groups.service },
    consoleUrl: serviceConsoleUrl(live.region, service.ServiceArn!),
    billing: service.Status !== 'PAUSED' && service.Status !== 'DELETED',
    serving: service.Status === 'RUNNING',
    ...(unread.length ? { unread } : {}),
  };
}

/** Waits until the service leaves OPERATION_IN_PROGRESS (bounded); undefined service once it is gone. */
export async function waitSettled(
  live: ArLive,
  ui: Ui,
  arn: string,
  label: string,
  operationId?: string,
): Promise<{ service?: Service; outcome?: string }> {
  const name = live.config.service.name;
  const { apprunner } = live.clients;
  const done = await waitForService(
    apprunner,
    ui,
    {
      serviceArn: arn,
      serviceName: name,
      region: live.region,
      operationId,
      label,
      timedOut: async (service, timing) => {
        const op = (await apprunner.listOperations(arn).catch(() => []))[0];
        return new DeployError(
          `Stopped waiting after ${elapsed(timing.timeoutMs)}: ${name} is still ${service.Status}` +
            `${op?.Type ? ` (${op.Type} started ${iso(op.StartedAt) ?? 'earlier'})` : ''}. It goes on at AWS; ` +
            'run the command again once it has ended (status shows where it stands).',
        );
      },
    },
    live.timing,
    live.signal,
  );
  if (done.service.Status === 'DELETED') return { outcome: done.operation?.Status ?? 'SUCCEEDED' };
  return { service: done.service, outcome: done.operation?.Status };
}

export async function describeLive(live: ArLive): Promise<ServiceView | undefined> {
  const service = await findLive(live);
  return service ? viewOf(live, service) : undefined;
}

export async function settle(live: ArLive, ui: Ui): Promise<ServiceView | undefined> {
  const service = await findLive(live);
  if (!service) return undefined;
  if (service.Status !== 'OPERATION_IN_PROGRESS') return viewOf(live, service);
  const done = await waitSettled(
    live,
    ui,
    service.ServiceArn!,
    `Waiting for the operation on ${live.config.service.name} to end`,
  );
  return done.service ? viewOf(live, done.service) : undefined;
}

export async function pauseOrResume(live: ArLive, ui: Ui, verb: 'pause' | 'resume'): Promise<OperationResult> {
  const name = live.config.service.name;
  let service = await findLive(live);
  if (!service) throw new DeployError(`${name} is not deployed in ${live.region}: there is nothing to ${verb}.`);
  if (service.Status === 'OPERATION_IN_PROGRESS') {
    ui.info(
      `${name} has an operation in progress; waiting for it before ${verb === 'pause' ? 'pausing' : 'resuming'}.`,
    );
    service = (await waitSettled(live, ui, service.ServiceArn!, `Waiting for ${name}`)).service;
    if (!service) throw new DeployError(`${name} was deleted meanwhile: there is nothing to ${verb}.`);
  }
  const [from, to] = verb === 'pause' ? ['RUNNING', 'PAUSED'] : ['PAUSED', 'RUNNING'];
  if (service.Status === to) return { state: to, outcome: 'ALREADY' };
  if (service.Status !== from)
    throw new DeployError(`${name} is ${service.Status}: App Runner can ${verb} only a ${from} service.`);
  const arn = service.ServiceArn!;
  const { apprunner } = live.clients;
  const operationId = verb === 'pause' ? await apprunner.pauseService(arn) : await apprunner.resumeService(arn);
  const done = await waitSettled(live, ui, arn, `${verb === 'pause' ? 'Pausing' : 'Resuming'} ${name}`, operationId);
  return { state: done.service?.Status ?? 'DELETED', outcome: done.outcome };
}

/** What a good pause or resume says: the bill before and after. */
export function pausedText(config: DeployConfig, verb: 'pause' | 'resume', next: string): string {
  const name = config.service.name;
  const cost = monthlyCost(String(config.instance.cpu), String(config.instance.memory));
  return verb === 'pause'
    ? `Paused ${name}. App Runner bills no instances while it is paused (it cost about ${dollars(cost.idle)} a month idle, ` +
        `${dollars(cost.busy)} busy); its URL answers with an error until you resume it:\n  ${next}`
    : `Resumed ${name}: it is RUNNING again and billed again, about ${dollars(cost.idle)} a month idle, ${dollars(cost.busy)} busy. ` +
        `Pause it again with:\n  ${next}`;
}

/** The month at the service's live size and scaling (the deploy config may have changed since). */
export function liveCost(config: DeployConfig, view: ServiceView): LiveCost {
  if (!view.billing)
    return { json: { monthly: 0, idleFloor: 0, busyHours: 0 }, text: 'paused: no instances are billed until resume' };
  const number = (label: string, fallback: number) => Number.parseFloat(label) || fallback;
  const e = estimate({
    ...config,
    instance: {
      cpu: number(view.instance.cpu, config.instance.cpu),
      memory: number(view.instance.memory, config.instance.memory),
    },
    autoScaling: { ...config.autoScaling, minSize: view.scaling?.minSize ?? config.autoScaling.minSize },
  });
  const cost = {
    monthly: Math.round(e.total * 100) / 100,
    idleFloor: Math.round(e.lines[0]!.monthly * 100) / 100,
    busyHours: DEFAULT_ASSUMPTIONS.busyHours,
  };
  return {
    json: cost,
    text:
      `about ${dollars(cost.monthly)} a month at ${cost.busyHours} busy hours, ${dollars(cost.idleFloor)} of it the idle floor ` +
      '(the cost command takes your own hours)',
  };
}

export async function planRemoval(
  live: ArLive,
  { keepImage, ui }: { keepImage: boolean; ui: Ui },
): Promise<RemovalPlan> {
  const plan: RemovalPlan = { removals: [], kept: [], absent: [] };
  const service = await serviceRemoval(live, ui, plan);
  await configurationRemovals(live, plan);
  await instanceRoleRemoval(live, plan);
  await imageRemovals(live, plan, keepImage);
  if (service) {
    const groups = logGroups(live.config.service.name, service.ServiceId!);
    plan.kept.push(
      `the log groups ${groups.application} and ${groups.service}: App Runner made them, and they hold the service's history ` +
        `(delete with aws logs delete-log-group --log-group-name <name> --region ${live.region})`,
    );
  }
  return plan;
}

/** The service (and its custom domain) first; never half-deletes: a running operation is waited for. */
async function serviceRemoval(live: ArLive, ui: Ui, plan: RemovalPlan): Promise<Service | undefined> {
  const { apprunner } = live.clients;
  const name = live.config.service.name;
  let service = await findLive(live);
  const tags = service ? await apprunner.tagsOf(service.ServiceArn!) : [];
  if (service && !isOurs(tags, live.config)) {
    throw new DeployError(
      `The App Runner service ${name} in ${live.region} is ${notOursText(tags, live.config)}, so delete leaves it alone. ` +
        'Remove it in the App Runner console, or with:\n' +
        `  aws apprunner delete-service --service-arn ${service.ServiceArn} --region ${live.region}`,
    );
  }
  if (service?.Status === 'OPERATION_IN_PROGRESS') {
    ui.info(`${name} has an operation in progress; waiting for it to end before deleting.`);
    service = (await waitSettled(live, ui, service.ServiceArn!, `Waiting for ${name}`)).service;
  }
  if (!service) {
    plan.absent.push(`the App Runner service ${name}`);
    return undefined;
  }
  const arn = service.ServiceArn!;
  for (const d of (await apprunner.describeCustomDomains(arn)).domains.filter((x) => x.Status !== 'DELETING')) {
    if (d.DomainName === live.config.domain) {
      plan.removals.push(
        removal(
          `the custom domain ${d.DomainName} (disassociated; remove its DNS records yourself)`,
          () => apprunner.disassociateCustomDomain(arn, d.DomainName!),
          isAppRunnerNotFound,
        ),
      );
    }
  }
  plan.removals.push(
    removal(
      `the App Runner service ${name} (${service.Status}, ${arn})`,
      () => deleteOnce(live, ui, arn),
      isAppRunnerNotFound,
      true,
    ),
  );
  return service;
}

/** One App Runner configuration or connector revision of this app's, and how to delete it. */
interface Revision {
  kind: 'autoScaling' | 'observability' | 'vpcConnector';
  name: string;
  label: string;
  arn: string;
  tags: { Key?: string; Value?: string }[];
  remove(): Promise<unknown>;
}

/**
 * Deletes the service and waits until it is gone. Another run may be at it at the same moment (a second
 * delete, two sweeps at once): an operation in progress, or App Runner refusing the delete because one
 * started meanwhile (InvalidStateException), is waited for; a service gone by then is 'gone', one still
 * there is deleted now.
 */
async function deleteOnce(live: ArLive, ui: Ui, arn: string): Promise<'removed' | 'gone'> {
  const { apprunner } = live.clients;
  const name = live.config.service.name;
  const other = async () => (await waitSettled(live, ui, arn, `Waiting for ${name}`)).service;
  let current = await apprunner.describeService(arn);
  if (current?.Status === 'OPERATION_IN_PROGRESS') current = await other();
  if (!current || current.Status === 'DELETED') return 'gone';
  let operation: string | undefined;
  try {
    operation = await apprunner.deleteService(arn);
  } catch (error) {
    if (!(error instanceof AwsCallError) || error.code !== 'InvalidStateException') throw error;
    if (!(await other())) return 'gone';
    throw new DeployError(`${name} started another operation meanwhile; run delete again once it ends.`);
  }
  const done = await waitSettled(live, ui, arn, `Deleting ${name}`, operation);
  if (done.service)
    throw new DeployError(
      `Deleting ${name} ended ${done.outcome ?? 'unfinished'} and the service is ${done.service.Status}. Run delete again.`,
    );
  return 'removed';
}

/**
 * Scaling, tracing and connector revisions that carry this app's id, under this version's names and the
 * names older versions used (legacyNamesOf): a config deployed before ids still has those. Each goes only
 * when no App Runner service this delete keeps uses it (shared/usage.ts; services refer to it by name).
 */
async function configurationRemovals(live: ArLive, plan: RemovalPlan): Promise<void> {
  const { config } = live;
  const revisions = await ourRevisions(live);
  const count = (kind: Revision['kind']) => revisions.filter((r) => r.kind === kind).length;
  if (!count('autoScaling') && !isDefaultScaling(config.autoScaling))
    plan.absent.push(`the auto scaling configuration ${autoScalingName(config)}`);
  if (!count('observability') && config.observability?.tracing)
    plan.absent.push(`the observability configuration ${observabilityName(config)}`);
  if (!count('vpcConnector') && config.network && 'vpcSubnets' in config.network)
    plan.absent.push(`the VPC connector ${vpcConnectorName(config)}`);
  if (config.network && 'vpcConnectorArn' in config.network)
    plan.kept.push(`the VPC connector ${config.network.vpcConnectorArn} (given in the config, not created by deploy)`);
  if (!revisions.length) return;
  const keyOfRevision = (r: Revision) => keyOf(r.kind, live.region, r.name);
  const byKey = new Map(revisions.map((r) => [keyOfRevision(r), r]));
  const candidates = [...byKey].map(([key, r]) => ({ ...r, key, region: live.region, label: r.name }));
  const decided = config.app?.id
    ? await decideRemovals(live, 'apprunner', candidates, ['apprunner'])
    : { keep: [], remove: candidates };
  const kept = new Map(decided.keep.map((k) => [k.candidate.key, k.reason]));
  for (const r of revisions) {
    const reason = kept.get(keyOfRevision(r));
    if (reason) plan.kept.push(`${r.label}: ${reason}`);
    else plan.removals.push(removal(r.label, r.remove, isAppRunnerNotFound));
  }
}

async function ourRevisions(live: ArLive): Promise<Revision[]> {
  const { apprunner } = live.clients;
  const { config } = live;
  const legacy = legacyNamesOf(config.service.name);
  const namesFor = (now: string, old: string) => [...new Set([now, old])];
  const out: Revision[] = [];
  const add = async (r: Omit<Revision, 'tags'>) => {
    const tags = await apprunner.tagsOf(r.arn);
    if (isOurs(tags, config)) out.push({ ...r, tags });
  };
  for (const name of namesFor(autoScalingName(config), legacy.autoScaling))
    for (const r of await apprunner.autoScalingRevisions(name))
      await add({
        kind: 'autoScaling',
        name,
        arn: r.AutoScalingConfigurationArn!,
        label: `the auto scaling configuration ${name} (revision ${r.AutoScalingConfigurationRevision})`,
        remove: () => apprunner.deleteAutoScaling(r.AutoScalingConfigurationArn!),
      });
  for (const name of namesFor(observabilityName(config), legacy.observability))
    for (const r of await apprunner.observabilityRevisions(name))
      await add({
        kind: 'observability',
        name,
        arn: r.ObservabilityConfigurationArn!,
        label: `the observability configuration ${name} (revision ${r.ObservabilityConfigurationRevision})`,
        remove: () => apprunner.deleteObservability(r.ObservabilityConfigurationArn!),
      });
  const connectorNames = namesFor(vpcConnectorName(config), legacy.vpcConnector);
  for (const v of (await apprunner.listVpcConnectors()).filter(
    (x) => connectorNames.includes(x.VpcConnectorName!) && x.Status === 'ACTIVE',
  ))
    await add({
      kind: 'vpcConnector',
      name: v.VpcConnectorName!,
      arn: v.VpcConnectorArn!,
      label: `the VPC connector ${v.VpcConnectorName} (revision ${v.VpcConnectorRevision})`,
      remove: () => apprunner.deleteVpcConnector(v.VpcConnectorArn!),
    });
  return out;
}

/** The instance role goes only if it is this app's and nothing still runs as it (shared/role-removal.ts). */
const instanceRoleRemoval = (live: ArLive, plan: RemovalPlan) =>
  appRoleRemovals(live, plan, {
    name: instanceRoleName(live.config, live.region),
    kind: 'instanceRole',
    what: 'instance role',
    platform: 'apprunner',
    expected: needsInstanceRole(live.config),
  });

/** The connection and the access role are shared and stay; the app's ECR repository goes unless --keep-image. */
async function imageRemovals(live: ArLive, plan: RemovalPlan, keepImage: boolean): Promise<void> {
  const { iam } = live.clients;
  const { config } = live;
  if (config.source.kind === 'code') {
    plan.kept.push(
      'the App Runner connection to GitHub or Bitbucket: shared by every source-code app in this account and region (it costs nothing)',
    );
    return;
  }
  if (await iam.getRole(ACCESS_ROLE_NAME))
    plan.kept.push(
      `the IAM role ${ACCESS_ROLE_NAME}: shared by every App Runner service that pulls from private ECR (it costs nothing)`,
    );
  await repositoryRemoval(live, plan, { name: config.source.ecrRepository, platform: 'apprunner' }, keepImage);
}

/** After delete App Runner keeps the service's log groups (/aws/apprunner/<name>/<service id>/…): the newest. */
export async function keptLogGroups(live: ArLive): Promise<LogGroups> {
  const under = await live.clients.logs.logGroupsUnder(`/aws/apprunner/${live.config.service.name}/`);
  return {
    application: under.find((g) => g.endsWith('/application')),
    platform: under.find((g) => g.endsWith('/service')),
  };
}
