// After the Express service is healthy: both URLs' health side by side, the cut-over (new URL, the DNS
// change per custom domain, both monthly bills from each platform's cost model), and --pause-old. The
// App Runner service is never deleted here: paused at most, so it stays the way back.
import type { AppRunner } from '../../aws/apprunner.js';
import { poll } from '../../aws/poll.js';
import type { DeployConfig } from '../../core/deploy-config.js';
import { safeLine } from '../../core/terminal.js';
import { priceSentence } from '../registry.js';
import type { Context } from '../shared/context.js';
import { DeployError } from '../shared/errors.js';
import { appRunnerConfig } from './config.js';
import type { SourceFacts } from './facts.js';

export interface Probe {
  url: string;
  status?: number;
  ms?: number;
  error?: string;
}

const https = (host: string | undefined) =>
  host ? (/^https?:\/\//.test(host) ? host : `https://${host}`).replace(/\/+$/, '') : undefined;

export async function probeBoth(
  probe: (url: string) => Promise<Probe>,
  oldUrl: string | undefined,
  newUrl: string | undefined,
): Promise<string> {
  const [a, b] = await Promise.all([oldUrl ? probe(oldUrl) : undefined, newUrl ? probe(newUrl) : undefined]);
  const said = (label: string, p: Probe | undefined) =>
    `  ${label.padEnd(18)}${p ? `${safeLine(p.url)}: ${p.status !== undefined ? `${p.status} in ${p.ms} ms` : safeLine(p.error ?? '')}` : '(no URL)'}`;
  return ['Health, side by side:', said('App Runner', a), said('ECS Express Mode', b)].join('\n');
}

export async function cutOverText(
  facts: SourceFacts,
  config: DeployConfig,
  newUrl: string | undefined,
  probe: (url: string) => Promise<Probe>,
): Promise<string> {
  const path = config.healthCheck.path;
  const oldHost = https(facts.service.ServiceUrl);
  const health = await probeBoth(probe, oldHost && `${oldHost}${path}`, newUrl && `${newUrl}${path}`);
  const lines = [health, '', 'Cut-over:', `  New URL: ${newUrl ?? '(ECS has not named it yet: see status)'}`];
  for (const d of facts.customDomains)
    lines.push(
      `  DNS: ${safeLine(d.DomainName ?? '')} now points at ${safeLine(facts.dnsTarget ?? 'App Runner')}; once the Express load balancer ` +
        "serves it (see the Custom domain row above), change that record to the load balancer's DNS name.",
    );
  lines.push(
    `  Monthly cost on App Runner: ${priceSentence('apprunner', appRunnerConfig(config))}`,
    `  Monthly cost on ECS Express Mode: ${priceSentence('ecs-express', config)}`,
    `  The App Runner service ${safeLine(facts.service.ServiceName ?? '')} is left as it was; it is the way back until you delete it yourself.`,
  );
  return lines.join('\n');
}

/** --pause-old: PauseService, then DescribeService until PAUSED (bounded by the deploy timeout). */
export async function pauseOld(ctx: Context, apprunner: AppRunner, arn: string): Promise<void> {
  const now = await apprunner.describeService(arn);
  if (now?.Status === 'PAUSED') return ctx.ui.info('The App Runner service is already paused.');
  await apprunner.pauseService(arn);
  ctx.ledger.note(`The App Runner service ${arn} was paused (resume it with aws apprunner resume-service).`);
  const done = await poll({
    read: async () => (await apprunner.describeService(arn))?.Status ?? 'DELETED',
    settled: (s) => s !== 'OPERATION_IN_PROGRESS',
    status: (s) => s,
    label: 'Pausing the App Runner service',
    ui: ctx.ui,
    timing: ctx.timing,
    signal: ctx.signal,
    timedOut: (s) =>
      new DeployError(`Stopped waiting: the App Runner service is still ${s}. It goes on pausing at AWS.`),
  });
  if (done !== 'PAUSED') throw new DeployError(`Pausing the App Runner service ended ${done}, not PAUSED.`);
  ctx.ui.info(
    `Paused the App Runner service (it bills no instances now). Resume it with:\n  aws apprunner resume-service --service-arn ${arn} --region ${ctx.region}`,
  );
}
