// What every step of a deploy reads: the checked project, the resolved options, and the shared output,
// ledger and cancel signal. Built once by commands/deploy.ts; every platform's steps take it.
import { relative } from 'node:path';

import { toolCommand } from '../../app/paths.js';
import type { DeployConfig } from '../../core/deploy-config.js';
import type { Project } from './config.js';
import type { Ledger } from './errors.js';
import type { DeployOptions, Io, Timing } from './settings.js';
import type { Ui } from './ui.js';

export interface Context {
  project: Project;
  config: DeployConfig;
  /** --region, else the deploy config's service.region. */
  region: string;
  options: DeployOptions & { wait: boolean };
  io: Io;
  ui: Ui;
  ledger: Ledger;
  timing: Timing;
  /** Aborted by Ctrl-C. */
  signal: AbortSignal;
  /** The service operation in flight, for the Ctrl-C message. */
  current?: { serviceArn: string; operationId?: string };
  /** This run added the app id to an older config (platforms/ownership/app-id-file.ts). */
  migrating?: boolean;
}

/** The commands that follow a good deploy ("status", "logs --follow", …), each with why, as one block. */
export function operateBlock(
  ctx: Pick<Context, 'options' | 'region' | 'config'>,
  rows: [command: string, why: string][],
): string {
  const lines = rows.map(
    ([command, why]) => [resumeCommand(ctx).replace(/ deploy(?= |$)/, ` ${command}`), why] as const,
  );
  const width = Math.max(...lines.map(([c]) => c.length)) + 3;
  return ['Operate it:', ...lines.map(([c, why]) => `  ${c.padEnd(width)}${why}`)].join('\n');
}

/** How to run deploy again with the same flags a person would need. */
export function resumeCommand(ctx: Pick<Context, 'options' | 'region' | 'config'>): string {
  const flags = [
    ctx.region !== ctx.config.service.region ? `--region ${ctx.region}` : '',
    ctx.options.profile ? `--profile ${ctx.options.profile}` : '',
  ].filter(Boolean);
  return [`${toolCommand()} deploy`, ...flags].join(' ');
}

/**
 * The deploy command with other flags, written the way this person ran the tool (see toolCommand); the
 * app's folder is named when deploy was run from elsewhere.
 */
export function deployCommand(
  ctx: Pick<Context, 'options' | 'region' | 'config' | 'io' | 'project'>,
  extra: string[] = [],
): string {
  const folder = relative(process.cwd(), ctx.project.dir);
  return [
    `${toolCommand()} deploy`,
    folder && folder !== '.' ? (/^[\w./-]+$/.test(folder) ? folder : `'${folder.replace(/'/g, `'\\''`)}'`) : '',
    ...extra,
    ctx.region !== ctx.config.service.region ? `--region ${ctx.region}` : '',
    ctx.options.profile ? `--profile ${ctx.options.profile}` : '',
  ]
    .filter(Boolean)
    .join(' ');
}
