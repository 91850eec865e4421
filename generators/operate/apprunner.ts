// The App Runner target of status, logs, pause/resume and delete. What delete removes is what deploy
// created for this app and nothing else: resources are found by the names deploy gives them (derived
// from the service name, see deploy/requests.ts and deploy/resources.ts) AND must carry deploy's
// created-by tag; a role another service still uses stays. The shared ECR access role always stays.
import type { Service, Tag } from '@aws-sdk/client-apprunner';
import { serviceConsoleUrl, logGroups } from '../deploy/shared/context.js';
import { AwsCallError, DeployError } from '../deploy/shared/errors.js';
import { TOOL_TAG } from '../deploy/shared/names.js';
import { autoScalingName, isDefaultScaling } from '../deploy/targets/apprunner/requests.js';
import { ACCESS_ROLE_NAME, instanceRoleName, observabilityName, vpcConnectorName } from '../deploy/targets/apprunner/resources.js';
import { elapsed, type Ui } from '../deploy/shared/ui.js';
import { sleep } from '../deploy/shared/sleep.js';
import { timingFrom } from '../deploy/shared/settings.js';
import { createOpsAws, isNotFound, removal } from './aws-ops.js';
import type { OperationResult, RemovalPlan, ServiceView, Target, TargetOptions } from './target.js';

const byTool = (tags: (Tag | { Key?: string; Value?: string })[]) => tags.some((t) => t.Key === TOOL_TAG.Key && t.Value === TOOL_TAG.Value);
const vcpu = (cpu?: string) => (cpu && /^\d+$/.test(cpu) ? `${Number(cpu) / 1024} vCPU` : cpu ?? '?');
const gb = (memory?: string) => (memory && /^\d+$/.test(memory) ? `${Number(memory) / 1024} GB` : memory ?? '?');
const iso = (d?: Date) => (d ? d.toISOString().replace(/\.\d{3}Z$/, 'Z') : undefined);

export async function appRunnerTarget(o: TargetOptions): Promise<Target> {
  const aws = await createOpsAws({ region: o.region, profile: o.profile, signal: o.signal });
  const name = o.config.service.name;
  const timing = timingFrom(o.env);

  async function find(): Promise<Service | undefined> {
    const summary = await aws.findService(name);
    return summary ? aws.describeService(summary.ServiceArn!) : undefined;
  }

  async function view(service: Service): Promise<ServiceView> {
    const operations = await aws.listOperations(service.ServiceArn!);
    const last = operations[0];
    const scalingArn = service.AutoScalingConfigurationSummary?.AutoScalingConfigurationArn;
    const scaling = scalingArn ? await aws.describeAutoScaling(scalingArn) : undefined;
    const img = service.SourceConfiguration?.ImageRepository;
    const code = service.SourceConfiguration?.CodeRepository;
    const groups = logGroups(name, service.ServiceId!);
    return {
      name,
      state: service.Status ?? 'UNKNOWN',
      url: service.ServiceUrl ? `https://${service.ServiceUrl}` : undefined,
      lastOperation: last ? { type: last.Type ?? '?', status: last.Status ?? '?', startedAt: iso(last.StartedAt), endedAt: iso(last.EndedAt) } : undefined,
      instance: { cpu: vcpu(service.InstanceConfiguration?.Cpu), memory: gb(service.InstanceConfiguration?.Memory) },
      scaling,
      source: img ? `image ${img.ImageIdentifier}` : code ? `code ${code.RepositoryUrl} (branch ${code.SourceCodeVersion?.Value})` : 'unknown',
      logGroups: { application: groups.application, platform: groups.service },
      consoleUrl: serviceConsoleUrl(o.region, service.ServiceArn!),
      billing: service.Status !== 'PAUSED' && service.Status !== 'DELETED',
      serving: service.Status === 'RUNNING',
    };
  }

  /** Polls until the service leaves OPERATION_IN_PROGRESS (App Runner's SDK has no waiter). */
  async function waitSettled(ui: Ui, arn: string, label: string, operationId?: string): Promise<{ service?: Service; outcome?: string }> {
    const started = Date.now();
    for (;;) {
      let service: Service;
      try {
        service = await aws.describeService(arn);
      } catch (error) {
        if (error instanceof AwsCallError && isNotFound(error.code)) {
          ui.endProgress();
          return { outcome: 'SUCCEEDED' };
        }
        throw error;
      }
      ui.progress(label, service.Status ?? 'UNKNOWN');
      if (service.Status !== 'OPERATION_IN_PROGRESS') {
        ui.endProgress();
        const ops = await aws.listOperations(arn).catch(() => []);
        const op = operationId ? ops.find((x) => x.Id === operationId) : ops[0];
        return { service: service.Status === 'DELETED' ? undefined : service, outcome: op?.Status };
      }
      if (Date.now() - started > timing.timeoutMs) {
        ui.endProgress();
        const op = (await aws.listOperations(arn).catch(() => []))[0];
        throw new DeployError(`Stopped waiting after ${elapsed(timing.timeoutMs)}: ${name} is still ${service.Status}`
          + `${op?.Type ? ` (${op.Type} started ${iso(op.StartedAt) ?? 'earlier'})` : ''}. It goes on at AWS; `
          + 'run the command again once it has ended (status shows where it stands).');
      }
      await sleep(timing.pollMs, o.signal);
    }
  }

  async function operate(ui: Ui, verb: 'pause' | 'resume'): Promise<OperationResult> {
    let service = await find();
    if (!service) throw new DeployError(`${name} is not deployed in ${o.region}: there is nothing to ${verb}.`);
    if (service.Status === 'OPERATION_IN_PROGRESS') {
      ui.info(`${name} has an operation in progress; waiting for it before ${verb === 'pause' ? 'pausing' : 'resuming'}.`);
      service = (await waitSettled(ui, service.ServiceArn!, `Waiting for ${name}`)).service;
      if (!service) throw new DeployError(`${name} was deleted meanwhile: there is nothing to ${verb}.`);
    }
    const [from, to] = verb === 'pause' ? ['RUNNING', 'PAUSED'] : ['PAUSED', 'RUNNING'];
    if (service.Status === to) return { state: to, outcome: 'ALREADY' };
    if (service.Status !== from) {
      throw new DeployError(`${name} is ${service.Status}: App Runner can ${verb} only a ${from} service.`);
    }
    const arn = service.ServiceArn!;
    const operationId = verb === 'pause' ? await aws.pauseService(arn) : await aws.resumeService(arn);
    const done = await waitSettled(ui, arn, `${verb === 'pause' ? 'Pausing' : 'Resuming'} ${name}`, operationId);
    return { state: done.service?.Status ?? 'DELETED', outcome: done.outcome };
  }

  async function planRemoval({ keepImage, ui }: { keepImage: boolean; ui: Ui }): Promise<RemovalPlan> {
    const plan: RemovalPlan = { removals: [], kept: [], absent: [] };
    const { config } = o;
    let service = await find();
    if (service && !byTool(await aws.tagsOf(service.ServiceArn!))) {
      throw new DeployError(`The App Runner service ${name} in ${o.region} was not created by create-apprunner-app (it has no `
        + `${TOOL_TAG.Key}=${TOOL_TAG.Value} tag), so delete leaves it alone. Remove it in the App Runner console, or with:\n`
        + `  aws apprunner delete-service --service-arn ${service.ServiceArn} --region ${o.region}`);
    }
    if (service?.Status === 'OPERATION_IN_PROGRESS') {
      // Never half-delete: wait for the running operation (bounded), then plan from what it left.
      ui.info(`${name} has an operation in progress; waiting for it to end before deleting.`);
      service = (await waitSettled(ui, service.ServiceArn!, `Waiting for ${name}`)).service;
    }
    const others = (await aws.listServices()).filter((s) => s.ServiceName !== name && s.Status !== 'DELETED');

    if (service) {
      const arn = service.ServiceArn!;
      const domains = (await aws.customDomains(arn)).filter((d) => d.Status !== 'DELETING');
      for (const d of domains) {
        if (d.DomainName === config.domain) {
          plan.removals.push(removal(`the custom domain ${d.DomainName} (disassociated; remove its DNS records yourself)`,
            () => aws.disassociateCustomDomain(arn, d.DomainName!)));
        }
      }
      plan.removals.push(removal(`the App Runner service ${name} (${service.Status}, ${arn})`, async () => {
        const current = await aws.describeService(arn);
        if (current.Status !== 'DELETED') {
          if (current.Status === 'OPERATION_IN_PROGRESS') throw new DeployError(`${name} started another operation meanwhile; run delete again once it ends.`);
          const operationId = await aws.deleteService(arn);
          const done = await waitSettled(ui, arn, `Deleting ${name}`, operationId);
          if (done.service) throw new DeployError(`Deleting ${name} ended ${done.outcome ?? 'unfinished'} and the service is ${done.service.Status}. Run delete again.`);
        }
      }, true));
    } else {
      plan.absent.push(`the App Runner service ${name}`);
    }

    const scaling = autoScalingName(name);
    const revisions = [];
    for (const r of await aws.autoScalingRevisions(scaling)) if (byTool(await aws.tagsOf(r.AutoScalingConfigurationArn!))) revisions.push(r);
    for (const r of revisions) {
      plan.removals.push(removal(`the auto scaling configuration ${scaling} (revision ${r.AutoScalingConfigurationRevision})`,
        () => aws.deleteAutoScaling(r.AutoScalingConfigurationArn!)));
    }
    if (!revisions.length && !isDefaultScaling(config.autoScaling)) plan.absent.push(`the auto scaling configuration ${scaling}`);

    const tracing = observabilityName(name);
    const tracingRevisions = [];
    for (const r of await aws.observabilityRevisions(tracing)) if (byTool(await aws.tagsOf(r.ObservabilityConfigurationArn!))) tracingRevisions.push(r);
    for (const r of tracingRevisions) {
      plan.removals.push(removal(`the observability configuration ${tracing} (revision ${r.ObservabilityConfigurationRevision})`,
        () => aws.deleteObservability(r.ObservabilityConfigurationArn!)));
    }
    if (!tracingRevisions.length && config.observability?.tracing) plan.absent.push(`the observability configuration ${tracing}`);

    const connector = vpcConnectorName(name);
    const connectors = [];
    for (const v of await aws.vpcConnectors(connector)) if (byTool(await aws.tagsOf(v.VpcConnectorArn!))) connectors.push(v);
    for (const v of connectors) {
      plan.removals.push(removal(`the VPC connector ${connector} (revision ${v.VpcConnectorRevision})`, () => aws.deleteVpcConnector(v.VpcConnectorArn!)));
    }
    if (!connectors.length && config.network && 'vpcSubnets' in config.network) plan.absent.push(`the VPC connector ${connector}`);
    if (config.network && 'vpcConnectorArn' in config.network) plan.kept.push(`the VPC connector ${config.network.vpcConnectorArn} (given in the config, not created by deploy)`);

    const roleName = instanceRoleName(name);
    const role = await aws.getRole(roleName);
    if (role && byTool(role.tags)) {
      const users = await usersOfRole(others, role.Arn!, (s) => s.InstanceConfiguration?.InstanceRoleArn);
      if (users.length) plan.kept.push(`the IAM role ${roleName}: the service${users.length > 1 ? 's' : ''} ${users.join(', ')} still run${users.length > 1 ? '' : 's'} as it`);
      else plan.removals.push(removal(`the IAM role ${roleName} (instance role)`, () => aws.deleteRole(roleName)));
    } else if (role) {
      plan.kept.push(`the IAM role ${roleName}: not created by create-apprunner-app`);
    } else if ((config.secrets && Object.keys(config.secrets).length) || config.observability?.tracing) {
      plan.absent.push(`the IAM role ${roleName}`);
    }

    if (config.source.kind === 'code') {
      plan.kept.push('the App Runner connection to GitHub or Bitbucket: shared by every source-code app in this account and region (it costs nothing)');
    }
    if (config.source.kind === 'image') {
      const access = await aws.getRole(ACCESS_ROLE_NAME);
      if (access) plan.kept.push(`the IAM role ${ACCESS_ROLE_NAME}: shared by every App Runner service that pulls from private ECR (it costs nothing)`);
      const repoName = config.source.ecrRepository;
      const repo = await aws.findRepository(repoName);
      if (!repo) plan.absent.push(`the ECR repository ${repoName}`);
      else if (!byTool(repo.tags)) plan.kept.push(`the ECR repository ${repoName}: not created by create-apprunner-app`);
      else if (keepImage) plan.kept.push(`the ECR repository ${repoName} and its ${repo.imageCount} image(s): --keep-image`);
      else plan.removals.push(removal(`the ECR repository ${repoName} and its ${repo.imageCount} image(s)`, () => aws.deleteRepository(repoName)));
    }
    if (service) {
      const groups = logGroups(name, service.ServiceId!);
      plan.kept.push(`the log groups ${groups.application} and ${groups.service}: App Runner made them, and they hold the service's history `
        + `(delete with aws logs delete-log-group --log-group-name <name> --region ${o.region})`);
    }
    return plan;
  }

  async function usersOfRole(others: { ServiceArn?: string; ServiceName?: string }[], arn: string, pick: (s: Service) => string | undefined) {
    const users: string[] = [];
    for (const s of others) {
      const d = await aws.describeService(s.ServiceArn!).catch(() => undefined);
      if (d && pick(d) === arn) users.push(s.ServiceName!);
    }
    return users;
  }

  return {
    id: 'apprunner',
    label: 'App Runner',
    logs: aws,
    describe: async () => {
      const service = await find();
      return service ? view(service) : undefined;
    },
    settle: async (ui) => {
      const service = await find();
      if (!service) return undefined;
      if (service.Status !== 'OPERATION_IN_PROGRESS') return view(service);
      const done = await waitSettled(ui, service.ServiceArn!, `Waiting for the operation on ${name} to end`);
      return done.service ? view(done.service) : undefined;
    },
    pause: (ui) => operate(ui, 'pause'),
    resume: (ui) => operate(ui, 'resume'),
    planRemoval: async (options) => planRemoval(options),
    close: () => aws.close(),
  };
}
