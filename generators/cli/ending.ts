// How every command ends when something goes wrong that is not an explained failure: one catch-all that
// never prints a stack (unless asked to), one answer to Ctrl-C at a prompt, and quiet ends when the
// reader of our output goes away (`logs | head -2`: EPIPE on stdout is not a failure).
import { toolCommand } from '../app/paths.js';
import { CliError } from '../core/errors.js';
import { safeLine } from '../core/terminal.js';

/** `DEBUG=create-apprunner-app` (or a list holding it, or `*`) or `--verbose` shows the stack of a bug. */
export function wantsStack(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): boolean {
  const debug = (env.DEBUG ?? '').split(/[\s,]+/);
  return argv.includes('--verbose') || debug.includes('create-apprunner-app') || debug.includes('*');
}

let showStack = false;
/** --verbose (or DEBUG): show everything, install output included. */
export const isVerbose = () => showStack;
/** Set once by the bin, read by every catch-all (the operating commands and deploy have their own). */
export const setShowStack = (on: boolean) => {
  showStack = on;
};

/** Inquirer's errors for Ctrl-C at a prompt (and a closed prompt), known by name only. */
export function isPromptCancel(error: unknown): boolean {
  const name = (error as Error)?.name;
  return name === 'ExitPromptError' || name === 'AbortPromptError';
}

/** The one line for a cancelled prompt. */
export const CANCELLED_AT_PROMPT = 'Cancelled.';

/** The message for an error nobody explained: a bug. One line of cause; the stack only when asked for. */
export function bugReport(error: unknown, what = 'create-apprunner-app'): string {
  const e = error as Error;
  const cause = e instanceof Error ? `${e.name}: ${(e.message ?? '').split('\n')[0]}` : String(error);
  const stack = showStack && e instanceof Error && e.stack ? `\n${e.stack}` : '';
  return (
    `${what} failed unexpectedly: ${safeLine(cause)}\n` +
    'This is a bug in create-apprunner-app, please report it (with this message and the command you ran).' +
    (stack
      ? safeLineBlock(stack)
      : '\nRun it again with --verbose (or DEBUG=create-apprunner-app) to see where it happened.')
  );
}

const safeLineBlock = (text: string) => text.split('\n').map(safeLine).join('\n');

/** Any error → the text to print and the exit code, as the bin does for every command. */
export function ending(error: unknown): { text: string; code: number } {
  if (isPromptCancel(error)) return { text: CANCELLED_AT_PROMPT, code: 130 };
  if (error instanceof CliError) return { text: error.message, code: error.exitCode };
  return { text: bugReport(error), code: 1 };
}

let stdoutClosed = false;
/** True once the reader of stdout has gone away (later output is dropped). */
export const isStdoutClosed = () => stdoutClosed;

/**
 * EPIPE on stdout or stderr: the reader has gone (`| head -1`). Output is dropped from then on; commands
 * that only print (`quitOnClose`) end at once with exit 0, the others (the scaffold, deploy) carry on
 * with their steps, git included, and end as they would have.
 */
export function guardOutput(quitOnClose: () => boolean, streams = [process.stdout, process.stderr]): void {
  for (const stream of streams) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE' && error.code !== 'ERR_STREAM_DESTROYED') throw error;
      if (stream === process.stdout) stdoutClosed = true;
      (stream as { write: unknown }).write = (_chunk: unknown, ...rest: unknown[]) => {
        const callback = rest.find((r) => typeof r === 'function') as (() => void) | undefined;
        callback?.();
        return true;
      };
      if (stream === process.stdout && quitOnClose()) process.exit(0);
    });
  }
}

/** The last net: a throw or rejection nobody awaited ends as a bug report, exit 1, never a stack dump. */
export function guardProcess(): void {
  const last = (error: unknown) => {
    try {
      process.stderr.write(`\n${bugReport(error)}\n`);
    } finally {
      process.exit(1);
    }
  };
  process.on('uncaughtException', last);
  process.on('unhandledRejection', last);
}

/**
 * After Ctrl-C in a deploy (image build, push, role creation, any wait): what this run created (the
 * ledger's summary) and the command that finishes the job. A cancelled AWS call may still have gone
 * through, so the next deploy is the way on either way: it finds and reuses what is there.
 */
export function finishAfterCancel(summary: string, tool = toolCommand()): string {
  const created = summary.startsWith('Left behind');
  return created
    ? `${summary}\nFinish the deploy with (it reuses all of that):\n  ${tool} deploy\nor remove what was created with:\n  ${tool} delete`
    : `${summary}\nDeploy when you are ready with:\n  ${tool} deploy`;
}
