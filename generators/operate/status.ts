// `create-apprunner-app status`: is the service there, healthy, answering, and what does it cost.
// "Not deployed yet" is a normal answer (exit 0, with the command that deploys it), not an error.
import { dollars, monthlyCost } from '../core/sizes.js';
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
  const cost = monthlyCost(String(config.instance.cpu), String(config.instance.memory));
  if (!view) {
    const deploy = run.tool('deploy');
    if (json) io.stdout.write(`${JSON.stringify({ deployed: false, name: config.service.name, region, target: target.id, deployCommand: deploy }, null, 2)}\n`);
    else io.stdout.write(`${config.service.name} is not deployed in ${region} (${target.label}) yet. Deploy it with:\n  ${deploy}\n`);
    return 0;
  }
  const path = config.healthCheck.protocol === 'HTTP' ? config.healthCheck.path : '/';
  const health = view.url && view.state === 'RUNNING' ? await probe(`${view.url}${path}`, run.signal) : undefined;
  if (json) {
    io.stdout.write(`${JSON.stringify({ deployed: true, region, target: target.id, ...view, health, cost: view.billing ? cost : { idle: 0, busy: 0 } }, null, 2)}\n`);
    return 0;
  }
  io.stdout.write(`${render(view, region, target.label, health, view.billing ? cost : undefined, run)}\n`);
  return 0;
}

function render(view: ServiceView, region: string, label: string, health: Probe | undefined, cost: { idle: number; busy: number } | undefined, run: Run): string {
  const rows: [string, string][] = [];
  rows.push(['URL', view.url ?? '(none yet)']);
  if (health) {
    rows.push(['Health', health.status !== undefined ? `${health.url} answered ${health.status} in ${health.ms} ms` : `${health.url}: ${health.error}`]);
  }
  if (view.lastOperation) {
    const op = view.lastOperation;
    rows.push(['Last operation', `${op.type} ${op.status}${op.endedAt ? `, ended ${op.endedAt}` : op.startedAt ? `, started ${op.startedAt}` : ''}`]);
  }
  const s = view.scaling;
  rows.push(['Instance', `${view.instance.cpu}, ${view.instance.memory}${s ? `; ${s.minSize}-${s.maxSize} instances, ${s.maxConcurrency} requests each` : ''}`]);
  rows.push(['Source', view.source]);
  rows.push(['Logs', `${view.logGroups.application}   (${run.tool('logs')})`]);
  rows.push(['', `${view.logGroups.platform}   (${run.tool('logs --service-log')})`]);
  rows.push(['Console', view.consoleUrl]);
  rows.push(['Cost', cost ? `about ${dollars(cost.idle)} a month idle, ${dollars(cost.busy)} busy (the cost command estimates your own busy hours)`
    : 'paused: no instances are billed until resume']);
  const width = Math.max(...rows.map(([k]) => k.length)) + 2;
  return [`${view.name} (${label}, ${region}): ${view.state}`, ...rows.map(([k, v]) => `  ${k.padEnd(width)}${v}`)].join('\n');
}
