// `create-apprunner-app status`: is the service there, healthy, answering, and what does it cost.
// "Not deployed yet" is a normal answer (exit 0, with the command that deploys it), not an error.
import { DEFAULT_ASSUMPTIONS, estimate } from '../core/cost.js';
import { DEFAULT_ECS_ASSUMPTIONS, ecsMonthly } from '../core/cost-ecs.js';
import type { DeployConfig } from '../core/deploy-config.js';
import { dollars } from '../core/sizes.js';
import { operate, type Flags, type Run } from './run.js';
import type { ServiceView } from './target.js';

export interface Probe {
  url: string;
  status?: number;
  ms?: number;
  error?: string;
}

/** One GET of the health route from here, 5 s at most; redirects are reported, not followed. */
export async function probe(url: string, signal: AbortSignal): Promise<Probe> {
  const started = performance.now();
  try {
    const res = await fetch(url, { signal: AbortSignal.any([AbortSignal.timeout(5_000), signal]), redirect: 'manual' });
    await res.arrayBuffer();
    return { url, status: res.status, ms: Math.round(performance.now() - started) };
  } catch (error) {
    const e = error as Error & { cause?: { code?: string; message?: string } };
    return { url, error: e.name === 'TimeoutError' ? 'no answer within 5 s' : e.cause?.code ?? e.cause?.message ?? e.message };
  }
}

export const runStatus = (flags: Flags) => operate('status', flags, status);

async function status(run: Run): Promise<number> {
  const { config, region, target, io } = run;
  const json = run.flags.json === true;
  const view = await target.describe();
  if (!view) {
    const deploy = run.tool('deploy');
    if (json) io.stdout.write(`${JSON.stringify({ deployed: false, name: config.service.name, region, target: target.id, deployCommand: deploy }, null, 2)}\n`);
    else io.stdout.write(`${config.service.name} is not deployed in ${region} (${target.label}) yet. Deploy it with:\n  ${deploy}\n`);
    return 0;
  }
  const cost = target.id === 'ecs-express' ? ecsCostOf(config, view) : costOf(config, view);
  const path = config.healthCheck.protocol === 'HTTP' ? config.healthCheck.path : '/';
  const health = view.url && view.serving ? await probe(`${view.url}${path}`, run.signal) : undefined;
  if (json) {
    io.stdout.write(`${JSON.stringify({ deployed: true, region, target: target.id, ...view, health, cost: view.billing ? cost : { monthly: 0, idleFloor: 0, busyHours: 0 } }, null, 2)}\n`);
    return 0;
  }
  io.stdout.write(`${render(view, region, target.label, health, view.billing ? cost : undefined, run)}\n`);
  return 0;
}

/** The month at the service's live size and scaling (the deploy config may have changed since). */
function costOf(config: DeployConfig, view: ServiceView): { monthly: number; idleFloor: number; busyHours: number } {
  const number = (label: string, fallback: number) => Number.parseFloat(label) || fallback;
  const live: DeployConfig = {
    ...config,
    instance: { cpu: number(view.instance.cpu, config.instance.cpu), memory: number(view.instance.memory, config.instance.memory) },
    autoScaling: { ...config.autoScaling, minSize: view.scaling?.minSize ?? config.autoScaling.minSize },
  };
  const e = estimate(live);
  return { monthly: Math.round(e.total * 100) / 100, idleFloor: Math.round(e.lines[0]!.dollars * 100) / 100, busyHours: DEFAULT_ASSUMPTIONS.busyHours };
}

/**
 * ECS Express at the service's live size: minSize tasks around the clock and the load balancer, counted
 * as not shared (the cost command takes other assumptions). The same figure whatever the load.
 */
function ecsCostOf(config: DeployConfig, view: ServiceView): { monthly: number; tasks: number; loadBalancer: number; alwaysOn: true } {
  const number = (label: string, fallback: number) => Number.parseFloat(label) || fallback;
  const tasks = view.scaling?.minSize ?? config.autoScaling.minSize;
  const e = ecsMonthly({
    ...config,
    instance: { cpu: number(view.instance.cpu, config.instance.cpu), memory: number(view.instance.memory, config.instance.memory) },
    autoScaling: { ...config.autoScaling, minSize: tasks },
  }, DEFAULT_ECS_ASSUMPTIONS);
  const cents = (n: number) => Math.round(n * 100) / 100;
  return { monthly: cents(e.total), tasks, loadBalancer: cents(e.loadBalancer + e.ipv4), alwaysOn: true };
}

function costText(cost: ReturnType<typeof costOf> | ReturnType<typeof ecsCostOf> | undefined): string {
  if (!cost) return 'paused: no instances are billed until resume';
  if ('alwaysOn' in cost) {
    return `about ${dollars(cost.monthly)} a month whatever the load: ${cost.tasks} task${cost.tasks === 1 ? '' : 's'} always on, `
      + `${dollars(cost.loadBalancer)} of it the load balancer if no other service shares it (the cost command shows the parts)`;
  }
  return `about ${dollars(cost.monthly)} a month at ${cost.busyHours} busy hours, ${dollars(cost.idleFloor)} of it the idle floor `
    + '(the cost command takes your own hours)';
}

function render(view: ServiceView, region: string, label: string, health: Probe | undefined, cost: ReturnType<typeof costOf> | ReturnType<typeof ecsCostOf> | undefined, run: Run): string {
  const rows: [string, string][] = [];
  rows.push(['URL', view.url ?? '(none yet)']);
  if (health) {
    rows.push(['Health', health.status !== undefined ? `${health.url} answered ${health.status} in ${health.ms} ms` : `${health.url}: ${health.error}`]);
  }
  if (view.lastOperation) {
    const op = view.lastOperation;
    rows.push([op.type === 'DEPLOYMENT' ? 'Last deployment' : 'Last operation', `${op.type === 'DEPLOYMENT' ? '' : `${op.type} `}${op.status}${op.endedAt ? `, ended ${op.endedAt}` : op.startedAt ? `, started ${op.startedAt}` : ''}`]);
  }
  const s = view.scaling;
  if (view.tasks) {
    rows.push(['Task size', `${view.instance.cpu}, ${view.instance.memory}${s ? `; ${s.minSize}-${s.maxSize} tasks, scaled on average CPU` : ''}`]);
    const t = view.tasks;
    rows.push(['Tasks', `${t.running ?? 0} running, ${t.pending ?? 0} pending, ${t.requested ?? '?'} requested`]);
  } else {
    rows.push(['Instance', `${view.instance.cpu}, ${view.instance.memory}${s ? `; ${s.minSize}-${s.maxSize} instances, ${s.maxConcurrency} requests each` : ''}`]);
  }
  rows.push(['Source', view.source]);
  rows.push(['Logs', `${view.logGroups.application ?? '(not named by the service yet)'}   (${run.tool('logs')})`]);
  if (view.logGroups.platform) rows.push(['', `${view.logGroups.platform}   (${run.tool('logs --service-log')})`]);
  rows.push(['Console', view.consoleUrl]);
  rows.push(['Cost', costText(cost)]);
  const width = Math.max(...rows.map(([k]) => k.length)) + 2;
  return [`${view.name} (${label}, ${region}): ${view.state}`, ...rows.map(([k, v]) => `  ${k.padEnd(width)}${v}`)].join('\n');
}
