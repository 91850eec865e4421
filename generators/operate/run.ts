// What every command run inside an app shares: find the app (the current folder or --cwd), read its
// deploy target, build the target's AWS side, turn Ctrl-C into a cancel signal, and turn every ending
// into an exit code with a sentence a person can act on.
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { toolCommand } from '../app/paths.js';
import { DEPLOY_CONFIG_FILE, parseDeployConfig, type DeployConfig } from '../core/deploy-config.js';
import { CliError, UsageError } from '../core/errors.js';
import { shellQuote } from '../core/tool-command.js';
import { validateRegion } from '../core/validate.js';
import { loadProject } from '../deploy/shared/config.js';
import { AwsCallError, explainAwsError, kindOf } from '../deploy/shared/errors.js';
import { processIo, type Io } from '../deploy/shared/settings.js';
import { createUi, type Ui } from '../deploy/shared/ui.js';
import { WaitCancelled } from '../deploy/shared/sleep.js';
import { appRunnerTarget } from './apprunner.js';
import { ecsExpressTarget } from './ecs-express.js';
import type { Target } from './target.js';

export type OperateCommand = 'status' | 'logs' | 'pause' | 'resume' | 'delete';
export type Flags = Record<string, string | boolean>;

export interface Run {
  command: OperateCommand;
  flags: Flags;
  dir: string;
  config: DeployConfig;
  region: string;
  io: Io;
  ui: Ui;
  signal: AbortSignal;
  target: Target;
  /** How to run another command of this tool for this app: `tool('deploy')`. */
  tool(command: string): string;
}

/** The deploy config's top-level `target:` key; absent means App Runner. */
export function targetOf(dir: string): string {
  const raw = parseDeployConfig(readFileSync(resolve(dir, DEPLOY_CONFIG_FILE), 'utf8')) as Record<string, unknown> | null;
  const target = raw && typeof raw === 'object' ? raw.target : undefined;
  return typeof target === 'string' ? target : 'apprunner';
}

export async function operate(command: OperateCommand, flags: Flags, body: (run: Run) => Promise<number>, { sigintExit = 130 } = {}): Promise<number> {
  const io = processIo();
  const ui = createUi(io, { yes: flags.yes === true });
  const controller = new AbortController();
  const onSigint = () => controller.abort();
  process.once('SIGINT', onSigint);
  let target: Target | undefined;
  let region = '';
  let statusCommand = `${toolCommand()} status`;
  try {
    const given = typeof flags.cwd === 'string' ? flags.cwd : undefined;
    const dir = resolve(process.cwd(), given ?? '.');
    if (!existsSync(resolve(dir, DEPLOY_CONFIG_FILE))) {
      throw new UsageError(`No ${DEPLOY_CONFIG_FILE} in ${dir}: ${command} works on an app made by create-apprunner-app. `
        + `Run it inside the app's folder, or point at it with --cwd <dir>.`);
    }
    const targetId = targetOf(dir);
    if (targetId !== 'apprunner' && targetId !== 'ecs-express') throw new UsageError(`${DEPLOY_CONFIG_FILE}: target "${targetId}" is not one this version knows (apprunner, ecs-express).`);
    const { config } = loadProject(dir, command);
    region = typeof flags.region === 'string' ? flags.region : config.service.region;
    const badRegion = validateRegion(region);
    if (badRegion) throw new UsageError(`--region ${region}: ${badRegion}`);
    const profile = typeof flags.profile === 'string' ? flags.profile : undefined;
    const extra = [
      given !== undefined ? `--cwd ${shellQuote(given)}` : '',
      region !== config.service.region ? `--region ${region}` : '',
      profile ? `--profile ${shellQuote(profile)}` : '',
    ].filter(Boolean);
    const base = toolCommand();
    statusCommand = [base, 'status', ...extra].join(' ');
    const options = { config, region, profile, signal: controller.signal, env: io.env };
    target = targetId === 'ecs-express' ? await ecsExpressTarget(options) : await appRunnerTarget(options);
    return await body({
      command, flags, dir, config, region, io, ui, signal: controller.signal, target,
      tool: (c) => [base, c, ...extra].join(' '),
    });
  } catch (error) {
    ui.endProgress();
    if (controller.signal.aborted || error instanceof WaitCancelled || (error instanceof AwsCallError && kindOf(error) === 'cancelled')) {
      if (sigintExit === 0) return 0;
      ui.error(command === 'logs' || command === 'status' ? '\nStopped.' : `\nStopped. Anything already asked of AWS goes on there; see where it stands with:\n  ${statusCommand}`);
      return sigintExit;
    }
    if (error instanceof CliError) {
      ui.error(`\n${error.message}`);
      return error.exitCode;
    }
    if (error instanceof AwsCallError) {
      ui.error(`\n${explainAwsError(error, { region, profile: typeof flags.profile === 'string' ? flags.profile : undefined })
        .replace(/run deploy again/g, `run ${command} again`)}`);
      return 1;
    }
    ui.error(`\n${command} failed unexpectedly: ${(error as Error)?.stack ?? String(error)}`);
    return 1;
  } finally {
    process.removeListener('SIGINT', onSigint);
    target?.close();
  }
}
