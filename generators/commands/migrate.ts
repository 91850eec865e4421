// `create-apprunner-app migrate`: move any App Runner service to Amazon ECS Express Mode. Resolve first
// (where the app lives, the flags), read the service and map every setting (platforms/migrate/), print the
// mapping, ask; then write the deploy config, make the task role, create the Express service through the
// ECS Express platform's own steps, wait, probe both URLs and print the cut-over. The App Runner service
// is never deleted (--pause-old pauses it once the new service is healthy).
import { existsSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

import { createAppRunner } from '../aws/apprunner.js';
import { createEc2 } from '../aws/ec2.js';
import { DEPLOY_CONFIG_FILE, repositoryFor } from '../core/deploy-config.js';
import { UsageError } from '../core/errors.js';
import { validateHealthPath, validateRegion } from '../core/validate.js';
import { type EcsClients, ecsExpress } from '../platforms/ecs-express/index.js';
import { urlOf } from '../platforms/ecs-express/report.js';
import { migratedConfig } from '../platforms/migrate/config.js';
import { cutOverText, pauseOld } from '../platforms/migrate/cutover.js';
import { printMigrateDryRun } from '../platforms/migrate/dry-run.js';
import { type Mapping, mapService } from '../platforms/migrate/mapping.js';
import { mappingJson, mappingTable } from '../platforms/migrate/print.js';
import { findSource, readSource } from '../platforms/migrate/read.js';
import { createExpress } from '../platforms/migrate/steps.js';
import { ensureTaskRole } from '../platforms/migrate/task-role.js';
import { appPlace, folderPlace, isAppDir, type Place, writeConfig } from '../platforms/migrate/where.js';
import { namesOf } from '../platforms/ownership/names.js';
import type { Context } from '../platforms/shared/context.js';
import { DeployError, Ledger } from '../platforms/shared/errors.js';
import { processIo, timingFrom } from '../platforms/shared/settings.js';
import { createUi } from '../platforms/shared/ui.js';
import { migrateFailed } from './migrate-ending.js';
import type { Flags } from './run.js';
import { probe } from './status.js';

interface Asked {
  cwd: string;
  inApp: boolean;
  from?: string;
  region?: string;
  profile?: string;
  healthPath?: string;
  yes: boolean;
  dryRun: boolean;
  json: boolean;
  pauseOld: boolean;
  dir?: string;
}

/** Flags → what was asked, refused before any AWS call when it cannot work. */
function asked(flags: Flags, env: NodeJS.ProcessEnv, canAsk: boolean): Asked {
  const str = (k: string) => (typeof flags[k] === 'string' ? (flags[k] as string) : undefined);
  const cwd = resolve(process.cwd(), str('cwd') ?? '.');
  const a: Asked = {
    cwd,
    inApp: isAppDir(cwd),
    from: str('from'),
    region: str('region'),
    profile: str('profile'),
    healthPath: str('health-path'),
    yes: flags.yes === true,
    dryRun: flags['dry-run'] === true,
    json: flags.json === true,
    pauseOld: flags['pause-old'] === true,
    dir: str('dir'),
  };
  const problems: string[] = [];
  if (!a.inApp && !a.from)
    problems.push(
      `No ${DEPLOY_CONFIG_FILE} in ${cwd}, so migrate needs --from <App Runner service name or ARN> (inside an app made by create-apprunner-app it defaults to that app's service).`,
    );
  if (a.inApp && a.dir)
    problems.push(`--dir is for migrating from outside an app; in ${cwd} migrate updates this app.`);
  if (a.healthPath && validateHealthPath(a.healthPath)) problems.push(validateHealthPath(a.healthPath)!);
  if (a.from !== undefined && !/^[\w:/.-]{1,1011}$/.test(a.from))
    problems.push('--from must be an App Runner service name or ARN (letters, digits, - _ : / .).');
  const fromArn = a.from?.startsWith('arn:') ? a.from.split(':')[3] : undefined;
  a.region ??= fromArn || env.AWS_REGION || env.AWS_DEFAULT_REGION || undefined;
  if (!a.inApp && !a.region) problems.push('Which region? Pass --region <name> (or give --from as an ARN).');
  if (a.region && validateRegion(a.region)) problems.push(`--region ${a.region}: ${validateRegion(a.region)}`);
  if (!a.dryRun && !a.json && !a.yes && !canAsk)
    problems.push(
      'No terminal to ask on: migrate creates an ECS Express service and roles, so pass --yes to go ahead (or --dry-run to see every request first).',
    );
  if (problems.length) throw new UsageError(problems.join('\n'));
  return a;
}

export async function runMigrate(flags: Flags): Promise<number> {
  const io = processIo();
  const ui = createUi(io, { yes: flags.yes === true });
  const ledger = new Ledger();
  const controller = new AbortController();
  const onSigint = () => controller.abort();
  process.once('SIGINT', onSigint);
  const open: { close(): void }[] = [];
  const aws: { region: string; profile?: string } = { region: '' };
  try {
    const a = asked(flags, io.env, ui.canAsk);
    const place = a.inApp ? appPlace(a.cwd) : undefined;
    const region = a.region ?? place!.config!.service.region;
    Object.assign(aws, { region, profile: a.profile });
    const o = { region, profile: a.profile, signal: controller.signal };
    const [clients, apprunner, ec2] = await Promise.all([ecsExpress.connect(o), createAppRunner(o), createEc2(o)]);
    open.push(clients, apprunner, ec2);
    const { account } = await clients.sts.callerIdentity();
    const arn = await findSource(apprunner, a.from ?? place!.config!.service.name, region);
    const facts = await readSource({ apprunner, ecr: clients.ecr, iam: clients.iam, ec2 }, arn, region, account);
    const name = facts.service.ServiceName!;
    const where = place ?? folderPlace(a.cwd, a.dir, name, arn);
    const names = namesOf({ id: where.id, name, region });
    const mapping = mapService(facts, {
      healthPath: a.healthPath,
      dockerfile: where.inApp && existsSync(join(where.dir, 'Dockerfile')),
      names: {
        service: name,
        repository: names.repository,
        executionRole: names.executionRole,
        taskRole: names.taskRole,
      },
    });
    const image = 'uri' in mapping.image ? mapping.image.uri : undefined;
    // An app keeps its own ECR repository; a new folder gets one named for its id (deploy pushes there).
    const own = where.config?.source.kind === 'image' ? where.config.source.ecrRepository : undefined;
    const config = migratedConfig(facts, mapping, {
      id: where.id,
      name,
      ...names,
      repository: own ?? repositoryFor(name, where.id),
      image,
    });
    if (a.json) return (io.stdout.write(mappingJson(arn, mapping, config)), 0);
    io.stdout.write(mappingTable(name, arn, mapping));
    if ('stop' in mapping.image)
      throw new DeployError(`${name} is built by App Runner from source code. ${mapping.image.stop}`);
    const ctx: Context = {
      project: { dir: where.dir, config, warnings: [] },
      config,
      region,
      io,
      ui: createUi(io, { yes: true }),
      ledger,
      timing: timingFrom(io.env),
      signal: controller.signal,
      options: { region, profile: a.profile, yes: true, image, dryRun: a.dryRun, wait: true },
    };
    const shown = relative(process.cwd(), join(where.dir, DEPLOY_CONFIG_FILE)) || DEPLOY_CONFIG_FILE;
    if (a.dryRun) return (await printMigrateDryRun(ctx, facts, where.id, shown, a.pauseOld), 0);
    await confirm(ui, name, region, mapping, where, shown);
    return await migrateNow(ctx, { clients, apprunner, account, facts, where, shown, pause: a.pauseOld });
  } catch (error) {
    return migrateFailed(error, ui, ledger, controller.signal.aborted, aws);
  } finally {
    process.removeListener('SIGINT', onSigint);
    ui.endProgress();
    for (const c of open) c.close();
  }
}

async function confirm(
  ui: ReturnType<typeof createUi>,
  name: string,
  region: string,
  m: Mapping,
  p: Place,
  shown: string,
) {
  if (!ui.canAsk) return; // --yes (no terminal without --yes was refused before any AWS call)
  const dropped = m.rows.filter((r) => !r.carried).length;
  const question =
    `Create the ECS Express service ${name} in ${region} with these settings (${dropped} not carried over), ` +
    `${p.inApp ? 'and switch this app' : 'and write'} ${shown}? The App Runner service stays as it is.`;
  if (!(await ui.confirm(question, false))) throw new DeployError('Declined: nothing was written.', 1);
}

interface Now {
  clients: EcsClients;
  apprunner: Awaited<ReturnType<typeof createAppRunner>>;
  account: string;
  facts: Awaited<ReturnType<typeof readSource>>;
  where: Place;
  shown: string;
  pause: boolean;
}

async function migrateNow(ctx: Context, n: Now): Promise<number> {
  const { config, ui } = ctx;
  writeConfig(n.where, config);
  ctx.ledger.note(`${n.shown} was written (target: ecs-express, migratedFrom: the App Runner service).`);
  ui.info(`Wrote ${n.shown}.`);
  const taskRole = config.migratedFrom?.taskRole;
  if (taskRole && n.facts.instanceRole)
    await ensureTaskRole(
      n.clients.iam,
      { info: (t) => ui.info(t), ledger: ctx.ledger },
      {
        name: taskRole,
        from: n.facts.instanceRole,
        id: config.app!.id,
        serviceName: config.service.name,
      },
    );
  const applied = await createExpress(ctx, n.clients, n.account);
  await ecsExpress.report(ctx, n.clients, applied);
  ui.info(await cutOverText(n.facts, config, urlOf(applied.service), (url) => probe(url, ctx.signal)));
  if (!n.where.inApp)
    ui.info(
      `The app folder: ${relative(process.cwd(), n.where.dir) || '.'} (run deploy --image, status, logs and delete inside it).`,
    );
  if (n.pause) await pauseOld(ctx, n.apprunner, n.facts.service.ServiceArn!);
  return 0;
}
