// The end of a good run: where the service answers, whether its health route says 200 from the outside,
// and where its logs are. A failed outside check is a warning: App Runner already judged the service
// healthy from inside, and the network between here and there (proxies, DNS) is not the service.
import { type Context, operateBlock } from '../shared/context.js';
import { checkHealth } from '../shared/health.js';
import { logGroups, serviceConsoleUrl } from './resources.js';
import type { Applied } from './service.js';
import { describeCommand } from './wait.js';

export async function report(ctx: Context, applied: Applied): Promise<void> {
  const { ui, config, region } = ctx;
  const { service } = applied;
  const name = config.service.name;
  const url = `https://${service.ServiceUrl}`;
  if (!applied.settled) {
    const doing = { create: 'created', update: 'updated', start: 'deployed' }[applied.action];
    ui.info(
      `AWS accepted the request (operation ${applied.operationId}): ${name} is being ${doing}. ` +
        `It answers at ${url} once RUNNING. Follow it with:\n  ${describeCommand(service.ServiceArn!, region)}`,
    );
    return;
  }
  const verb = { create: 'Created', update: 'Updated', start: 'Redeployed' }[applied.action];
  ui.info(`${verb} ${name}: RUNNING at ${url}`);
  if (config.healthCheck.protocol === 'HTTP') {
    await checkHealth(ctx, `${url}${config.healthCheck.path}`, 'App Runner reports the service RUNNING and healthy');
  }
  const groups = logGroups(name, service.ServiceId!);
  ui.info(
    [
      'Logs (CloudWatch):',
      `  ${groups.service}       App Runner's events: deployments, health checks`,
      `  ${groups.application}   the app's own output`,
      `Console: ${serviceConsoleUrl(region, service.ServiceArn!)}`,
    ].join('\n'),
  );
  ui.info(
    operateBlock(ctx, [
      ['status', 'state, URL, health and cost'],
      ['logs --follow', "stream the app's log"],
      ['pause', 'stop paying for instances (resume brings it back)'],
      ['delete', 'remove the service and what deploy created for it'],
    ]),
  );
}
