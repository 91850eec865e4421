// What every command run inside an app shares: find the app (the current folder or --cwd), read its
// deploy config and platform, open the platform's AWS clients, turn Ctrl-C into a cancel signal, and
// turn every ending into an exit code with a sentence a person can act on.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

import { toolCommand } from '../app/paths.js';
import type { Clients } from '../aws/clients.js';
import { AwsCallError, explainAwsError, kindOf } from '../aws/errors.js';
import { WaitCancelled } from '../aws/poll.js';
import { bugReport, CANCELLED_AT_PROMPT, isPromptCancel } from '../cli/ending.js';
import { DEPLOY_CONFIG_FILE, type DeployConfig } from '../core/deploy-config.js';
import { CliError, UsageError } from '../core/errors.js';
import { shellQuote } from '../core/tool-command.js';
import { validateRegion } from '../core/validate.js';
import { DEFAULT_PLATFORM, isPlatformId, loadPlatform, platformIds } from '../platforms/load.js';
import type { Live, Platform } from '../platforms/platform.js';
import { loadProject, targetIn } from '../platforms/shared/config.js';
import { type Io, processIo, timingFrom } from '../platforms/shared/settings.js';
import { createUi, type Ui } from '../platforms/shared/ui.js';

export type OperateCommand =
  | 'status'
  | 'logs'
  | 'pause'
  | 'resume'
  | 'delete'
  | 'secrets'
  | 'releases'
  | 'rollback'
  | 'domain'
  | 'migrate'
  | 'doctor'
  | 'list'
  | 'sweep';
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
  platform: Platform;
  /** The live service's clients and settings, for the platform's functions. */
  live: Live;
  /** How to run another command of this tool for this app: `tool('deploy')`. */
  tool(command: string): string;
}

export async function operate(
  command: OperateCommand,
  flags: Flags,
  body: (run: Run) => Promise<number>,
  { sigintExit = 130 } = {},
): Promise<number> {
  const io = processIo();
  const ui = createUi(io, { yes: flags.yes === true });
  const controller = new AbortController();
  const onSigint = () => controller.abort();
  process.once('SIGINT', onSigint);
  let clients: Clients | undefined;
  let region = '';
  let statusCommand = `${toolCommand()} status`;
  try {
    const given = typeof flags.cwd === 'string' ? flags.cwd : undefined;
    const dir = resolve(process.cwd(), given ?? '.');
    if (!existsSync(resolve(dir, DEPLOY_CONFIG_FILE))) {
      throw new UsageError(
        `No ${DEPLOY_CONFIG_FILE} in ${dir}: ${command} works on an app made by create-apprunner-app. ` +
          `Run it inside the app's folder, or point at it with --cwd <dir>.`,
      );
    }
    const id = targetIn(dir) ?? DEFAULT_PLATFORM;
    if (!isPlatformId(id))
      throw new UsageError(`${DEPLOY_CONFIG_FILE}: target "${id}" is not one this version knows (${platformIds()}).`);
    const platform = await loadPlatform(id);
    const { config } = loadProject(dir, command, platform.checkProject);
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
    statusCommand = [base, command === 'domain' ? 'domain status' : 'status', ...extra].join(' ');
    clients = await platform.connect({ region, profile, signal: controller.signal });
    const live: Live = { clients, config, region, timing: timingFrom(io.env), signal: controller.signal, profile };
    return await body({
      command,
      flags,
      dir,
      config,
      region,
      io,
      ui,
      signal: controller.signal,
      platform,
      live,
      tool: (c) => [base, c, ...extra].join(' '),
    });
  } catch (error) {
    return failed(error, { command, flags, ui, region, statusCommand, aborted: controller.signal.aborted, sigintExit });
  } finally {
    process.removeListener('SIGINT', onSigint);
    clients?.close();
  }
}

export interface Ending {
  command: OperateCommand;
  flags: Flags;
  ui: Ui;
  region: string;
  statusCommand: string;
  aborted: boolean;
  sigintExit: number;
}

/** Every ending but success: an exit code, and a sentence (never a stack trace for a known failure). */
export function failed(
  error: unknown,
  { command, flags, ui, region, statusCommand, aborted, sigintExit }: Ending,
): number {
  ui.endProgress();
  if (aborted || error instanceof WaitCancelled || (error instanceof AwsCallError && kindOf(error) === 'cancelled')) {
    if (sigintExit === 0) return 0;
    ui.error(
      command === 'logs' || command === 'status'
        ? '\nStopped.'
        : `\nStopped. Anything already asked of AWS goes on there; see where it stands with:\n  ${statusCommand}`,
    );
    return sigintExit;
  }
  if (error instanceof CliError) {
    ui.error(error.message);
    return error.exitCode;
  }
  if (error instanceof AwsCallError) {
    ui.error(
      `\n${explainAwsError(error, {
        region,
        profile: typeof flags.profile === 'string' ? flags.profile : undefined,
      }).replace(/run deploy again/g, `run ${command} again`)}`,
    );
    return 1;
  }
  if (isPromptCancel(error))
    return (ui.error(`\n${CANCELLED_AT_PROMPT}${command === 'delete' ? ' Nothing was removed.' : ''}`), 130);
  ui.error(`\n${bugReport(error, command)}`);
  return 1;
}
