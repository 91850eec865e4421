// Where the scaffold's words go: what a person asked for (files, next steps) on stdout, warnings and
// errors on stderr, so `create-apprunner-app … > log` keeps the story and the terminal keeps the problems.
// With --json, stdout carries one JSON object only (what was written and what to run next, or the error),
// for scripts and coding agents; every human line goes to stderr.
import type { NextCommand } from '../core/next-steps.js';
import { forTerminal } from '../core/wrap.js';

let json = false;

/** --json: human output moves to stderr; `result` is printed on stdout at the end. */
export const setJsonOutput = (on: boolean) => {
  json = on;
};
export const jsonOutput = () => json;

export const say = (line: string) => (json ? process.stderr : process.stdout).write(`${line}\n`);
export const warn = (line: string) => process.stderr.write(`${forTerminal(line, process.stderr)}\n`);

/** What a scaffold did, as `--json` prints it. */
export interface ScaffoldResult {
  ok: boolean;
  /** True when files were written (false for --dry-run, and for a re-run that only finished the set-up). */
  written: boolean;
  dryRun: boolean;
  /** The folder as given, and its absolute path. */
  directory: string;
  path: string;
  files: string[];
  name: string;
  runtime: string;
  platform: string;
  source: string;
  region: string;
  appId: string;
  installed: boolean;
  /** The commands to run next, in order, each one shell line, run from where the scaffold ran. */
  next: NextCommand[];
}

let result: ScaffoldResult | undefined;
export const setResult = (r: ScaffoldResult) => {
  result = r;
};
export const takeResult = () => result;

/** The one JSON line of a --json run: the result, or the error with the exit code (and what was written). */
export function printJson(error?: { message: string; code: number }): void {
  const body = error ? { ...result, ok: false, error: { message: error.message, exitCode: error.code } } : result;
  process.stdout.write(`${JSON.stringify(body)}\n`);
}
