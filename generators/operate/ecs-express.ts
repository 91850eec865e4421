// The Amazon ECS Express Mode target of status, logs and delete (Express has no pause). The service is
// found by the ARN deploy gives it (cluster `default`, the app's name); delete removes what deploy
// created for this app and nothing else: the service (ECS then removes the load balancer share,
// certificate, scaling and alarms it made), the app's task execution role and the ECR repository, each
// only if it carries deploy's created-by tag. The shared infrastructure role, the `default` cluster and
// the log group stay, and the output says why.
// https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_DeleteExpressGatewayService.html
import type { ECSExpressGatewayService, ServiceDeployment } from '@aws-sdk/client-ecs';
import { slugOf } from '../core/validate.js';
import { DeployError } from '../deploy/shared/errors.js';
import { TOOL_TAG } from '../deploy/shared/names.js';
import { timingFrom } from '../deploy/shared/settings.js';
import { sleep } from '../deploy/shared/sleep.js';
import { elapsed, type Ui } from '../deploy/shared/ui.js';
import { urlOf } from '../deploy/targets/ecs-express/report.js';
import { CLUSTER, INFRASTRUCTURE_ROLE_NAME, consoleUrl, executionRoleName, serviceArnOf } from '../deploy/targets/ecs-express/requests.js';
import { createOpsAws, isNotFound, removal } from './aws-ops.js';
import { createEcsOps } from './ecs-ops.js';
import type { RemovalPlan, ServiceView, Target, TargetOptions } from './target.js';

const byTool = (tags: { Key?: string; Value?: string; key?: string; value?: string }[] = []) =>
  tags.some((t) => (t.Key ?? t.key) === TOOL_TAG.Key && (t.Value ?? t.value) === TOOL_TAG.Value);
const vcpu = (cpu?: string) => (cpu && /^\d+$/.test(cpu) ? `${Number(cpu) / 1024} vCPU` : cpu ?? '?');
const gb = (memory?: string) => (memory && /^\d+$/.test(memory) ? `${Number(memory) / 1024} GB` : memory ?? '?');
const iso = (d?: Date) => (d ? d.toISOString().replace(/\.\d{3}Z$/, 'Z') : undefined);
/** A deployment still rolling out (or rolling back): delete waits for it, never half-deletes. */
const RUNNING_DEPLOYMENT = new Set(['PENDING', 'IN_PROGRESS', 'ROLLBACK_REQUESTED', 'ROLLBACK_IN_PROGRESS', 'STOP_REQUESTED']);

/** The log group ECS writes the app's output to, as the active configuration names it. */
export const logGroupOf = (service?: ECSExpressGatewayService) =>
  service?.activeConfigurations?.[0]?.primaryContainer?.awsLogsConfiguration?.logGroup;

export async function ecsExpressTarget(o: TargetOptions): Promise<Target> {
  const [aws, ecs] = await Promise.all([
    createOpsAws({ region: o.region, profile: o.profile, signal: o.signal }),
    createEcsOps({ region: o.region, profile: o.profile, signal: o.signal }),
  ]);
  const name = o.config.service.name;
  const timing = timingFrom(o.env);
  let arn: string | undefined;
  const serviceArn = async () => (arn ??= serviceArnOf(o.region, await ecs.account(), name));

  /** The live service: not INACTIVE (deleted). */
  async function find(): Promise<ECSExpressGatewayService | undefined> {
    const service = await ecs.describe(await serviceArn());
    return service && service.status?.statusCode !== 'INACTIVE' ? service : undefined;
  }

  function view(service: ECSExpressGatewayService, deployment: ServiceDeployment | undefined): ServiceView {
    const config = service.activeConfigurations?.[0];
    const state = service.status?.statusCode ?? 'UNKNOWN';
    const revision = deployment?.targetServiceRevision;
    return {
      name,
      state,
      url: urlOf(service),
      lastOperation: deployment ? {
        type: 'DEPLOYMENT', status: deployment.status ?? '?', startedAt: iso(deployment.startedAt ?? deployment.createdAt), endedAt: iso(deployment.finishedAt ?? deployment.stoppedAt),
      } : undefined,
      instance: { cpu: vcpu(config?.cpu), memory: gb(config?.memory) },
      scaling: config?.scalingTarget ? { minSize: config.scalingTarget.minTaskCount, maxSize: config.scalingTarget.maxTaskCount } : undefined,
      tasks: revision ? { running: revision.runningTaskCount, pending: revision.pendingTaskCount, requested: revision.requestedTaskCount } : undefined,
      source: config?.primaryContainer?.image ? `image ${config.primaryContainer.image}` : 'unknown',
      logGroups: { application: logGroupOf(service) },
      consoleUrl: consoleUrl(o.region, name),
      billing: state !== 'INACTIVE',
      serving: state === 'ACTIVE',
    };
  }

  /** Polls while a deployment is rolling out, bounded; returns the deployment it settled on. */
  async function waitDeployment(ui: Ui, label: string): Promise<ServiceDeployment | undefined> {
    const started = Date.now();
    for (;;) {
      const deployment = await ecs.latestDeployment(CLUSTER, await serviceArn());
      if (!deployment || !RUNNING_DEPLOYMENT.has(deployment.status ?? '')) {
        ui.endProgress();
        return deployment;
      }
      ui.progress(label, `deployment ${deployment.status}`);
      if (Date.now() - started > timing.timeoutMs) {
        ui.endProgress();
        throw new DeployError(`Stopped waiting after ${elapsed(timing.timeoutMs)}: the deployment of ${name} is still ${deployment.status} `
          + `(started ${iso(deployment.startedAt ?? deployment.createdAt) ?? 'earlier'}). Nothing was removed. It goes on at AWS; `
          + 'run delete again once it has ended (status shows where it stands).');
      }
      await sleep(timing.pollMs, o.signal);
    }
  }

  /** Polls until ECS reports the service INACTIVE or no longer knows it, bounded. */
  async function waitGone(ui: Ui): Promise<void> {
    const started = Date.now();
    for (;;) {
      const service = await ecs.describe(await serviceArn());
      const code = service?.status?.statusCode;
      if (!service || code === 'INACTIVE') {
        ui.endProgress();
        return;
      }
      ui.progress(`Deleting ${name}`, code ?? 'UNKNOWN');
      if (Date.now() - started > timing.timeoutMs) {
        ui.endProgress();
        throw new DeployError(`Stopped waiting after ${elapsed(timing.timeoutMs)}: ${name} is still ${code}. ECS goes on deleting it; `
          + 'run delete again to see it finish and remove the rest.');
      }
      await sleep(timing.pollMs, o.signal);
    }
  }

  async function planRemoval({ keepImage, ui }: { keepImage: boolean; ui: Ui }): Promise<RemovalPlan> {
    const plan: RemovalPlan = { removals: [], kept: [], absent: [] };
    const { config } = o;
    const arn = await serviceArn();
    const known = await ecs.describe(arn);
    const service = known && known.status?.statusCode !== 'INACTIVE' ? known : undefined;
    if (service && !byTool(service.tags)) {
      throw new DeployError(`The ECS Express service ${name} in ${o.region} was not created by create-apprunner-app (it has no `
        + `${TOOL_TAG.Key}=${TOOL_TAG.Value} tag), so delete leaves it alone. Remove it in the Amazon ECS console, or with:\n`
        + `  aws ecs delete-express-gateway-service --service-arn ${arn} --region ${o.region}`);
    }
    if (service?.status?.statusCode === 'ACTIVE') {
      const deployment = await ecs.latestDeployment(CLUSTER, arn);
      if (deployment && RUNNING_DEPLOYMENT.has(deployment.status ?? '')) {
        // Never half-delete: a deployment rolling out is waited for (bounded), then delete goes on.
        ui.info(`${name} has a deployment in progress (${deployment.status}); waiting for it to end before deleting.`);
        await waitDeployment(ui, `Waiting for the deployment of ${name}`);
      }
    }

    if (service) {
      const draining = service.status?.statusCode === 'DRAINING';
      plan.removals.push(removal(`the ECS Express service ${name} (${draining ? 'DRAINING: being deleted already' : service.status?.statusCode}, ${arn}), `
        + 'with the load balancer rules, target groups, security groups, certificate, scaling and alarms ECS made for it', async () => {
        const outcome = await ecs.delete(arn);
        await waitGone(ui);
        return outcome === 'gone' && !draining ? 'gone' : 'removed';
      }, true));
    } else {
      plan.absent.push(`the ECS Express service ${name}`);
    }

    const roleName = executionRoleName(name);
    const role = await aws.getRole(roleName);
    if (role && byTool(role.tags)) plan.removals.push(removal(`the IAM role ${roleName} (task execution role)`, () => aws.deleteRole(roleName)));
    else if (role) plan.kept.push(`the IAM role ${roleName}: not created by create-apprunner-app`);
    else plan.absent.push(`the IAM role ${roleName}`);

    if (await aws.getRole(INFRASTRUCTURE_ROLE_NAME)) {
      plan.kept.push(`the IAM role ${INFRASTRUCTURE_ROLE_NAME}: shared by every ECS Express service in the account, and ECS needs it `
        + 'to remove their load balancers when they are deleted (it costs nothing)');
    }

    const repoName = config.source.kind === 'image' ? config.source.ecrRepository : slugOf(name);
    const repo = await aws.findRepository(repoName);
    if (!repo) plan.absent.push(`the ECR repository ${repoName}`);
    else if (!byTool(repo.tags)) plan.kept.push(`the ECR repository ${repoName}: not created by create-apprunner-app`);
    else if (keepImage) plan.kept.push(`the ECR repository ${repoName} and its ${repo.imageCount} image(s): --keep-image`);
    else plan.removals.push(removal(`the ECR repository ${repoName} and its ${repo.imageCount} image(s)`, () => aws.deleteRepository(repoName)));

    plan.kept.push(`the ECS cluster ${CLUSTER}: shared by every ECS service in the account and region (an empty cluster costs nothing)`);
    const group = logGroupOf(known);
    if (group) {
      plan.kept.push(`the log group ${group}: it holds the service's history (ECS does not delete it; delete it with `
        + `aws logs delete-log-group --log-group-name ${group} --region ${o.region})`);
    }
    return plan;
  }

  return {
    id: 'ecs-express',
    label: 'ECS Express Mode',
    logs: aws,
    platformLogInstead: 'ECS Express Mode writes no separate platform log: the app\'s output is its only log group. '
      + 'For deployments and their results, see status (its Last deployment line, and the console link for the service events).',
    describe: async () => {
      const service = await find();
      return service ? view(service, await ecs.latestDeployment(CLUSTER, await serviceArn())) : undefined;
    },
    settle: async (ui) => {
      const service = await find();
      if (!service) return undefined;
      const deployment = await waitDeployment(ui, `Waiting for the deployment of ${name}`);
      return view((await find()) ?? service, deployment);
    },
    planRemoval: async (options) => planRemoval(options),
    close: () => {
      aws.close();
      ecs.close();
    },
  };
}
