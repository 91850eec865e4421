// `create-apprunner-app domain add <name> | status | remove`: a domain of yours in front of the app's
// service, on whichever platform it runs (platform.domains: App Runner associates it; ECS Express Mode
// puts an ACM certificate and the name on its shared load balancer). The deploy config records the
// domain (`domain:`), so deploy, status and delete know it. The name is checked before anything is sent;
// one domain per app, as the config holds one.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { DEPLOY_CONFIG_FILE } from '../core/deploy-config.js';
import { withDomain } from '../core/deploy-config-file.js';
import { domainNameProblem } from '../core/domain-name.js';
import { UsageError } from '../core/errors.js';
import { quoteValue } from '../core/terminal.js';
import type { DomainView } from '../platforms/platform.js';
import { dnsState } from '../platforms/shared/dns.js';
import { type Flags, operate, type Run } from './run.js';

export const ACTIONS = ['add', 'status', 'remove'] as const;
type Action = (typeof ACTIONS)[number];

export const runDomain = (flags: Flags) => operate('domain', flags, domain);

async function domain(given: Run): Promise<number> {
  // --json keeps stdout for the one JSON object: what is said on the way goes to stderr, no progress line.
  const run: Run =
    given.flags.json === true
      ? { ...given, ui: { ...given.ui, info: given.ui.error, progress: () => undefined, endProgress: () => undefined } }
      : given;
  const action = run.flags.action as Action;
  if (action === 'add') return add(run);
  if (action === 'remove') return remove(run);
  return status(run);
}

/** Writes `domain:` (or removes it) in the deploy config, keeping the rest of the file. */
function record(run: Run, name: string | undefined): void {
  const file = join(run.dir, DEPLOY_CONFIG_FILE);
  writeFileSync(file, withDomain(readFileSync(file, 'utf8'), name));
  run.config.domain = name;
}

function print(run: Run, view: DomainView | undefined, extra: Record<string, unknown> = {}): void {
  if (run.flags.json === true) {
    run.io.stdout.write(`${JSON.stringify({ ...extra, domain: view ?? null }, null, 2)}\n`);
    return;
  }
  if (!view) return;
  const lines = [`${view.name} (${run.platform.shortLabel}, ${run.region}): ${view.state}`];
  if (view.dns) lines.push(`DNS: ${view.dns}.`);
  if (view.records.length) {
    lines.push('DNS records to create where the domain is hosted:');
    const width = Math.max(...view.records.map((r) => r.name.length));
    for (const r of view.records) lines.push(`  ${r.name.padEnd(width)}  ${r.type}  ${r.value}   (${r.purpose})`);
  }
  run.ui.info([...lines, ...view.notes].join('\n'));
}

async function add(run: Run): Promise<number> {
  const name = String(run.flags.name ?? '');
  const problem = domainNameProblem(name, { maxLength: run.platform.domains.maxLength });
  if (problem) throw new UsageError(`${problem} Nothing was sent.`);
  const had = run.config.domain;
  if (had && had !== name)
    throw new UsageError(
      `This app already has the domain ${quoteValue(had)} (domain: in ${DEPLOY_CONFIG_FILE}); an app has one. ` +
        `Remove it first with:\n  ${run.tool('domain remove')}`,
    );
  const dryRun = run.flags['dry-run'] === true;
  const view = await run.platform.domains.add(run.live, name, {
    ui: run.ui,
    wait: run.flags['no-wait'] !== true,
    dryRun,
    accepted: () => {
      if (run.config.domain !== name) record(run, name);
    },
  });
  print(run, view, { action: 'add', dryRun, region: run.region, target: run.platform.id });
  if (!dryRun && run.flags.json !== true && !view.ready)
    run.ui.info(`See where it stands with:\n  ${run.tool('domain status')}`);
  return 0;
}

async function status(run: Run): Promise<number> {
  const name = run.config.domain;
  if (!name) {
    if (run.flags.json === true) print(run, undefined, { region: run.region, target: run.platform.id });
    else
      run.ui.info(`${run.config.service.name} has no custom domain. Add one with:\n  ${run.tool('domain add <name>')}`);
    return 0;
  }
  const view = await run.platform.domains.status(run.live, name, { ui: run.ui, dryRun: run.flags['dry-run'] === true });
  if (view) view.dns = await dnsState(name, view.records.find((r) => r.target)?.value);
  if (!view && run.flags.json !== true)
    run.ui.info(
      `${DEPLOY_CONFIG_FILE} names the domain ${name}, but ${run.platform.shortLabel} has nothing of it in ${run.region}. ` +
        `Add it again with:\n  ${run.tool(`domain add ${name}`)}`,
    );
  print(run, view, { region: run.region, target: run.platform.id });
  return 0;
}

async function remove(run: Run): Promise<number> {
  const name = run.config.domain;
  const given = run.flags.name;
  if (typeof given === 'string' && given !== name)
    throw new UsageError(
      `${quoteValue(given)} is not this app's domain (${name ? quoteValue(name) : 'it has none'}). Nothing was changed.`,
    );
  if (!name) {
    run.ui.info(`${run.config.service.name} has no custom domain: nothing to remove.`);
    return 0;
  }
  const dryRun = run.flags['dry-run'] === true;
  if (!dryRun && run.flags.yes !== true) {
    if (!run.ui.interactive)
      throw new UsageError(
        `Nothing was changed: there is no terminal to confirm on. Run it again with --yes:\n  ${run.tool('domain remove --yes')}`,
      );
    if (!(await run.ui.confirm(`Take ${name} off ${run.config.service.name}? It stops serving the app.`, false))) {
      run.ui.info('Nothing was changed.');
      return 1;
    }
  }
  const outcome = await run.platform.domains.remove(run.live, name, { ui: run.ui, dryRun });
  if (dryRun) return 0;
  record(run, undefined);
  if (run.flags.json === true) {
    run.io.stdout.write(`${JSON.stringify({ action: 'remove', domain: name, outcome }, null, 2)}\n`);
    return 0;
  }
  run.ui.info(
    outcome === 'removed'
      ? `Removed ${name} from ${run.config.service.name}; ${DEPLOY_CONFIG_FILE} no longer names it. Delete its DNS records where the domain is hosted.`
      : `${name} was already gone from ${run.platform.shortLabel}; ${DEPLOY_CONFIG_FILE} no longer names it.`,
  );
  return 0;
}
