// `create-apprunner-app doctor`: before a workshop (or any first deploy), one line per check of what a
// deploy needs, ✓ (fine), ! (a warning: worth knowing, not blocking) or ✗ (deploy would fail) with the
// fix; exit 1 when any check fails. Anywhere: inside an app (or --cwd) it checks for that app and its
// platform, elsewhere for every platform. Every AWS check is bounded (doctor/check.ts guarded).
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

import { DEPLOY_CONFIG_FILE } from '../core/deploy-config.js';
import { UsageError } from '../core/errors.js';
import { shellQuote } from '../core/tool-command.js';
import { validateRegion } from '../core/validate.js';
import { callerCheck, expiryCheck, permissionsCheck, regionCheck, ssoCheck, type Where } from '../doctor/account.js';
import { type CheckResult, checkTimeoutMs } from '../doctor/check.js';
import { engineCheck, gitCheck, nodeCheck, toolchainCheck } from '../doctor/local.js';
import { DEFAULT_PLATFORM, isPlatformId, loadPlatform, platformIds } from '../platforms/load.js';
import type { Platform } from '../platforms/platform.js';
import { platformOf, TARGET_IDS } from '../platforms/registry.js';
import { loadProject, type Project, targetIn } from '../platforms/shared/config.js';
import { type AccountRun, anywhere } from './account.js';
import type { Flags } from './run.js';

export const runDoctor = (flags: Flags) => anywhere('doctor', flags, doctor);

const MARK = { ok: '✓', warn: '!', fail: '✗' } as const;

interface App {
  dir: string;
  project: Project;
  platform: Platform;
}

/** The app doctor checks for: --cwd (which must be one), or the current folder when it is one. */
async function appOf(flags: Flags): Promise<App | undefined> {
  const given = typeof flags.cwd === 'string' ? flags.cwd : undefined;
  const dir = resolve(process.cwd(), given ?? '.');
  if (!existsSync(resolve(dir, DEPLOY_CONFIG_FILE))) {
    if (given === undefined) return undefined;
    throw new UsageError(
      `No ${DEPLOY_CONFIG_FILE} in ${dir}: --cwd names an app made by create-apprunner-app. Leave it out to check this machine and account only.`,
    );
  }
  const id = targetIn(dir) ?? DEFAULT_PLATFORM;
  if (!isPlatformId(id))
    throw new UsageError(`${DEPLOY_CONFIG_FILE}: target "${id}" is not one this version knows (${platformIds()}).`);
  const platform = await loadPlatform(id);
  return { dir, project: loadProject(dir, 'doctor', platform.checkProject), platform };
}

async function localChecks(run: AccountRun, app: App | undefined): Promise<CheckResult[]> {
  const env = run.io.env;
  const config = app?.project.config;
  const row = app ? platformOf(app.platform.id) : undefined;
  // An image is built unless the platform builds the app's source itself.
  const buildsImage = config ? config.source.kind === 'image' || !row?.buildsSource : false;
  const code = Boolean(config && config.source.kind === 'code' && row?.buildsSource);
  const toolchain = await toolchainCheck(app?.project.runtime, env);
  return [
    nodeCheck(),
    ...(toolchain ? [toolchain] : []),
    await engineCheck(env, buildsImage),
    await gitCheck(app?.dir, code, env),
  ];
}

async function awsChecks(run: AccountRun, app: App | undefined, where: Where): Promise<CheckResult[]> {
  const profile = where.profile ?? (run.io.env.AWS_PROFILE || 'default');
  const sso = ssoCheck(profile, run.io.env);
  const caller = await callerCheck(where);
  const out = [regionCheck(where), ...(sso ? [sso] : []), caller.result];
  if (!caller.arn) return out; // without credentials every other AWS check would fail the same way
  const platforms = app ? [app.platform] : await Promise.all(TARGET_IDS.map((id) => loadPlatform(id)));
  const cwd = app ? ` --cwd ${shellQuote(app.dir)}` : '';
  const d = {
    region: where.region,
    profile: where.profile,
    config: app?.project.config,
    ms: where.ms,
    signal: where.signal,
    switchCommand: (target: string) =>
      app
        ? `${run.tool('deploy').replace(/ --all-regions/, '')} --target ${target}${cwd}`
        : `create the app with --target ${target}`,
  };
  const perPlatform = (await Promise.all(platforms.map((p) => p.doctor(d)))).flat();
  const actions = [...new Set(platforms.flatMap((p) => p.deployActions))];
  out.push(...perPlatform, await permissionsCheck(where, caller.arn, actions));
  return out;
}

async function doctor(run: AccountRun): Promise<number> {
  const app = await appOf(run.flags);
  const region = typeof run.flags.region === 'string' ? run.region : (app?.project.config.service.region ?? run.region);
  const bad = validateRegion(region);
  if (bad) throw new UsageError(`${DEPLOY_CONFIG_FILE} service.region ${region}: ${bad}`);
  // The deploy config decides inside an app, as it does for deploy; --region overrides both.
  const regionFrom =
    app && typeof run.flags.region !== 'string' ? `from ${DEPLOY_CONFIG_FILE} service.region` : run.regionFrom;
  const where: Where = { region, regionFrom, profile: run.profile, ms: checkTimeoutMs(run.io.env), signal: run.signal };
  if (app && run.flags.json !== true)
    run.ui.info(`Checking for ${app.project.config.service.name} (${app.platform.label}) in ${app.dir}:`);
  const expiry = expiryCheck(app?.project.config.workshop?.expiresAt);
  const checks = [...(await localChecks(run, app)), ...(await awsChecks(run, app, where)), ...(expiry ? [expiry] : [])];
  const failed = checks.filter((c) => c.state === 'fail').length;
  if (run.flags.json === true) {
    run.io.stdout.write(`${JSON.stringify({ ok: failed === 0, region, regionFrom, checks }, null, 2)}\n`);
    return failed ? 1 : 0;
  }
  for (const c of checks)
    run.ui.info(
      `${MARK[c.state]} ${c.label}: ${c.detail}${c.fix ? `\n    ${c.state === 'fail' ? 'fix' : 'note'}: ${c.fix}` : ''}`,
    );
  const warnings = checks.filter((c) => c.state === 'warn').length;
  run.ui.info(
    failed
      ? `\n${failed} check${failed === 1 ? '' : 's'} failed: fix ${failed === 1 ? 'it' : 'them'} before deploying.`
      : `\nReady to deploy${warnings ? ` (${warnings} warning${warnings === 1 ? '' : 's'})` : ''}.`,
  );
  return failed ? 1 : 0;
}
