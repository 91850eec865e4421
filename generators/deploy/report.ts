// The end of a good run: where the service answers, whether its health route says 200 from the outside,
// and where its logs are. A failed outside check is a warning: App Runner already judged the service
// healthy from inside, and the network between here and there (proxies, DNS) is not the service.
import { logGroups, resumeCommand, serviceConsoleUrl, type Context } from './context.js';
import type { Applied } from './service.js';
import { sleep, describeCommand } from './wait.js';

const ATTEMPTS = 3;

export async function report(ctx: Context, applied: Applied): Promise<void> {
  const { ui, config, region } = ctx;
  const { service } = applied;
  const name = config.service.name;
  const url = `https://${service.ServiceUrl}`;
  if (!applied.settled) {
    const doing = { create: 'created', update: 'updated', start: 'deployed' }[applied.action];
    ui.info(`AWS accepted the request (operation ${applied.operationId}): ${name} is being ${doing}. `
      + `It answers at ${url} once RUNNING. Follow it with:\n  ${describeCommand(service.ServiceArn!, region)}`);
    return;
  }
  const verb = { create: 'Created', update: 'Updated', start: 'Redeployed' }[applied.action];
  ui.info(`${verb} ${name}: RUNNING at ${url}`);
  if (config.healthCheck.protocol === 'HTTP') await checkHealth(ctx, `${url}${config.healthCheck.path}`);
  const groups = logGroups(name, service.ServiceId!);
  ui.info([
    'Logs (CloudWatch):',
    `  ${groups.service}       App Runner's events: deployments, health checks`,
    `  ${groups.application}   the app's own output`,
    `Console: ${serviceConsoleUrl(region, service.ServiceArn!)}`,
  ].join('\n'));
  const run = (command: string) => resumeCommand(ctx).replace(/ deploy(?= |$)/, ` ${command}`);
  const rows = [
    [run('status'), 'state, URL, health and cost'],
    [run('logs --follow'), "stream the app's log"],
    [run('pause'), 'stop paying for instances (resume brings it back)'],
    [run('delete'), 'remove the service and what deploy created for it'],
  ];
  const width = Math.max(...rows.map(([c]) => c!.length)) + 3;
  ui.info(['Operate it:', ...rows.map(([c, why]) => `  ${c!.padEnd(width)}${why}`)].join('\n'));
}

async function checkHealth(ctx: Context, url: string): Promise<void> {
  let last = '';
  for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
    try {
      const res = await fetch(url, { signal: AbortSignal.any([AbortSignal.timeout(10_000), ctx.signal]), redirect: 'manual' });
      await res.arrayBuffer();
      if (res.status === 200) {
        ctx.ui.info(`Health check: ${url} answered 200.`);
        return;
      }
      last = `HTTP ${res.status}`;
    } catch (error) {
      if (ctx.signal.aborted) return;
      const e = error as Error & { cause?: { code?: string; message?: string } };
      last = e.cause?.code ?? e.cause?.message ?? e.message;
    }
    if (attempt < ATTEMPTS) await sleep(Math.min(ctx.timing.pollMs, 5_000), ctx.signal).catch(() => undefined);
  }
  ctx.ui.warn(`${url} did not answer 200 from here (${last}). App Runner reports the service RUNNING and healthy; `
    + 'if the app misbehaves, its logs are below.');
}
