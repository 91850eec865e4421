// The end of a good ECS Express run: the https URL from the service's public ingress path, an outside
// health probe of the app's health route, where the logs are (log-group.ts), and the console link.
import type { ECSExpressGatewayService } from '@aws-sdk/client-ecs';

import { type Context, operateBlock } from '../shared/context.js';
import { checkHealth } from '../shared/health.js';
import { ecsDomains, viewText } from './domain.js';
import type { EcsClients } from './index.js';
import { logGroupOf } from './log-group.js';
import { consoleUrl, describeCommand } from './requests.js';
import type { EcsApplied } from './service.js';

/** ECS gives the endpoint as a bare host name (*.ecs.<region>.on.aws); an https:// one is taken as it is. */
export function urlOf(service: ECSExpressGatewayService | undefined): string | undefined {
  const paths = service?.activeConfigurations?.flatMap((c) => c.ingressPaths ?? []) ?? [];
  const endpoint = (paths.find((p) => p.accessType === 'PUBLIC') ?? paths[0])?.endpoint;
  if (!endpoint) return undefined;
  return /^https?:\/\//.test(endpoint) ? endpoint.replace(/\/+$/, '') : `https://${endpoint.replace(/\/+$/, '')}`;
}

export async function reportEcs(ctx: Context, clients: EcsClients, applied: EcsApplied): Promise<void> {
  const { ui, config, region } = ctx;
  const name = config.service.name;
  if (!applied.settled) {
    ui.info(
      `AWS accepted the request: ${name} is being ${applied.action === 'create' ? 'created' : 'updated'} on ECS Express Mode ` +
        `(a first create takes about 5-10 minutes). Follow it with:\n  ${describeCommand(applied.serviceArn, region)}`,
    );
    return;
  }
  const url = urlOf(applied.service);
  const verb = applied.action === 'create' ? 'Created' : 'Updated';
  if (!url) {
    ui.warn(
      `ECS reports ${name} ACTIVE, but lists no ingress path with its URL yet; the console shows it: ${consoleUrl(region, name)}`,
    );
  } else {
    ui.info(`${verb} ${name}: ACTIVE at ${url}`);
    await checkHealth(
      ctx,
      `${url}${config.healthCheck.path}`,
      'ECS reports the deployment successful and its targets healthy',
    );
  }
  if (config.domain) await reportDomain(ctx, clients, config.domain);
  const logGroup = await logGroupOf(clients.ecs, applied.service);
  ui.info(
    [
      `Logs (CloudWatch): ${logGroup ?? "the log group ECS Express created for the service (named on the console's Logs tab)"}`,
      `Console: ${consoleUrl(region, name)}`,
    ].join('\n'),
  );
  // What comes next, as the App Runner report says it; ECS Express has no pause, so delete is how to stop paying.
  ui.info(
    operateBlock(ctx, [
      ['status', 'state, URL, deployment, health and cost'],
      ['logs --follow', "stream the app's log"],
      ['delete', 'remove the service and what deploy created for it (Express has no pause)'],
    ]),
  );
}

/** `domain:` in the config: the same steps as domain status (attach the certificate once ACM has issued it). */
async function reportDomain(ctx: Context, clients: EcsClients, domain: string): Promise<void> {
  const live = { clients, config: ctx.config, region: ctx.region, timing: ctx.timing, signal: ctx.signal };
  // The service is deployed already: a domain step that fails is said, and deploy still succeeds.
  const view = await ecsDomains.status(live, domain, { ui: ctx.ui, dryRun: false }).catch((error: Error) => {
    ctx.ui.warn(`Custom domain ${domain}: ${error.message} Run domain status to finish it.`);
    return null;
  });
  if (view === null) return;
  if (!view) {
    ctx.ui.info(`Custom domain ${domain}: no certificate of this app for it yet; add it with domain add ${domain}.`);
    return;
  }
  ctx.ui.info(view.ready ? `Custom domain: https://${domain} (${view.state}).` : viewText(view));
}
