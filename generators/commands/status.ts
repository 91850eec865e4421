// `create-apprunner-app status`: is the service there, healthy, answering, and what does it cost.
// "Not deployed yet" is a normal answer (exit 0, with the command that deploys it), not an error. The
// figures and words come from the app's platform (platform.describeLive, liveCost).
import { AwsCallError, kindOf } from '../aws/errors.js';
import { humanDuration } from '../core/duration.js';
import { expired } from '../core/workshop.js';
import type { ServiceView } from '../platforms/platform.js';
import { dnsState } from '../platforms/shared/dns.js';
import { elsewhereLines, lookElsewhere } from './elsewhere.js';
import { type Flags, operate, type Run } from './run.js';

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
    return {
      url,
      error: e.name === 'TimeoutError' ? 'no answer within 5 s' : (e.cause?.code ?? e.cause?.message ?? e.message),
    };
  }
}

export const runStatus = (flags: Flags) => operate('status', flags, status);

async function status(run: Run): Promise<number> {
  const { config, region, platform, io, live } = run;
  const json = run.flags.json === true;
  const [view, found] = await Promise.all([platform.describeLive(live), lookElsewhere(run)]);
  const past = expired(config.workshop?.expiresAt);
  if (past !== undefined && !json)
    run.ui.warn(
      `${config.service.name} is past its workshop expiry (${config.workshop!.expiresAt}, ${humanDuration(past)} ago): ` +
        `an organiser's sweep --expired removes it. To keep it, deploy again with --expires-in <duration>; to remove it: ${run.tool('delete')}`,
    );
  const elsewhere = found.elsewhere.map((e) => ({ ...e.deployment, monthly: e.monthly }));
  const also = (await elsewhereLines(found)).map((l) => `  ${l}\n`).join('');
  if (!view) {
    const deploy = run.tool('deploy');
    if (json)
      io.stdout.write(
        `${JSON.stringify({ deployed: false, name: config.service.name, region, target: platform.id, deployCommand: deploy, elsewhere }, null, 2)}\n`,
      );
    else
      io.stdout.write(
        `${config.service.name} is not deployed in ${region} (${platform.shortLabel}) yet. Deploy it with:\n  ${deploy}\n${also}`,
      );
    return 0;
  }
  if (config.domain) view.domain = await domainOf(run, config.domain);
  const cost = platform.liveCost(config, view);
  const path = config.healthCheck.protocol === 'HTTP' ? config.healthCheck.path : '/';
  const health = view.url && view.serving ? await probe(`${view.url}${path}`, run.signal) : undefined;
  if (json) {
    io.stdout.write(
      `${JSON.stringify({ deployed: true, region, target: platform.id, ...view, health, cost: cost.json, elsewhere, ...(config.workshop ? { workshop: { ...config.workshop, expired: past !== undefined } } : {}) }, null, 2)}\n`,
    );
    return 0;
  }
  io.stdout.write(`${render(view, region, platform.shortLabel, health, cost.text, run)}\n${also}`);
  return 0;
}

/** The custom domain as the platform has it (a read only: status changes nothing); a denied read says so. */
async function domainOf(run: Run, name: string): Promise<ServiceView['domain']> {
  try {
    const view = await run.platform.domains.status(run.live, name);
    if (!view) return { name, state: 'NOT_FOUND', ready: false };
    return {
      name,
      state: view.state,
      ready: view.ready,
      dns: await dnsState(name, view.records.find((r) => r.target)?.value),
    };
  } catch (error) {
    if (error instanceof AwsCallError && kindOf(error) === 'access-denied')
      return { name, state: `UNKNOWN (${error.operation} was denied)`, ready: false };
    throw error;
  }
}

function render(
  view: ServiceView,
  region: string,
  label: string,
  health: Probe | undefined,
  cost: string,
  run: Run,
): string {
  const rows: [string, string][] = [];
  rows.push(['URL', view.url ?? '(none yet)']);
  if (health) {
    rows.push([
      'Health',
      health.status !== undefined
        ? `${health.url} answered ${health.status} in ${health.ms} ms`
        : `${health.url}: ${health.error}`,
    ]);
  }
  if (view.lastOperation) {
    const op = view.lastOperation;
    rows.push([
      op.type === 'DEPLOYMENT' ? 'Last deployment' : 'Last operation',
      `${op.type === 'DEPLOYMENT' ? '' : `${op.type} `}${op.status}${op.endedAt ? `, ended ${op.endedAt}` : op.startedAt ? `, started ${op.startedAt}` : ''}`,
    ]);
  }
  const s = view.scaling;
  const sizeNote = view.instance.fromConfig ? ' (size from the deploy config: the service did not report it)' : '';
  if (view.tasks) {
    rows.push([
      'Task size',
      `${view.instance.cpu}, ${view.instance.memory}${s ? `; ${s.minSize}-${s.maxSize} tasks, scaled on average CPU` : ''}` +
        sizeNote +
        (s?.fromConfig ? ' (from the deploy config: the live scaling could not be read)' : ''),
    ]);
    const t = view.tasks;
    rows.push([
      'Tasks',
      `${t.running ?? 0} running, ${t.pending ?? 0} pending${t.requested !== undefined ? `, ${t.requested} requested` : ''}`,
    ]);
  } else {
    rows.push([
      'Instance',
      `${view.instance.cpu}, ${view.instance.memory}${s ? `; ${s.minSize}-${s.maxSize} instances, ${s.maxConcurrency} requests each` : ''}` +
        sizeNote +
        (s?.fromConfig ? ' (from the deploy config: the live scaling could not be read)' : ''),
    ]);
  }
  rows.push(['Source', view.source]);
  if (view.domain)
    rows.push([
      'Domain',
      `${view.domain.ready ? 'https://' : ''}${view.domain.name}: ${view.domain.state}` +
        (view.domain.dns ? `; DNS: ${view.domain.dns}` : '') +
        (view.domain.ready ? '' : `   (${run.tool('domain status')})`),
    ]);
  rows.push(['Logs', `${view.logGroups.application ?? '(not named by the service yet)'}   (${run.tool('logs')})`]);
  if (view.logGroups.platform) rows.push(['', `${view.logGroups.platform}   (${run.tool('logs --service-log')})`]);
  rows.push(['Console', view.consoleUrl]);
  rows.push(['Cost', cost]);
  for (const what of view.unread ?? []) rows.push(['Not shown', `${what}: your credentials may not read it`]);
  const width = Math.max(...rows.map(([k]) => k.length)) + 2;
  return [
    `${view.name} (${label}, ${region}): ${view.state}`,
    ...rows.map(([k, v]) => `  ${k.padEnd(width)}${v}`),
  ].join('\n');
}
