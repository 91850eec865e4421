// The slow steps that run after every file is written: installing dependencies and the first commit.
// Each returns what happened instead of throwing, so the files stay and the user is told how to retry.
import { lstatSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { execa } from 'execa';

import type { PackageManager } from '../core/package-manager.js';
import { atLeast, commandsOf, installSteps, type Prerequisite, type Runtime } from '../core/runtimes.js';
import type { Spec } from '../core/spec.js';
import { safeLine } from '../core/terminal.js';
import { jsonOutput } from './output.js';

export interface StepResult {
  ok: boolean;
  /** The command that did (or would) do the step, for the retry hint. */
  command: string;
  detail?: string;
  /** Set when the step did not run because a prerequisite is missing or too old: what is needed. */
  skipped?: string;
}

/** The install command for an app: undefined when the runtime needs none before it builds. */
export function installCommand(spec: Spec, pm: PackageManager): string[][] | undefined {
  return installSteps(spec.runtime, pm);
}

/** What is missing or too old, one phrase each ("Ruby 3.3 or later (the Gemfile asks for it); found 3.1.2"). */
export async function missingPrerequisites(needs: readonly Prerequisite[], env?: NodeJS.ProcessEnv): Promise<string[]> {
  const missing: string[] = [];
  for (const need of needs) {
    const [file, ...args] = need.check;
    const result = await execa(file!, args, { reject: false, all: true, env, stdin: 'ignore', timeout: 20_000 });
    const found = result.exitCode === 0 ? need.version.exec(result.all ?? '')?.[1] : undefined;
    if (found === undefined) missing.push(`${need.need}; ${file} was not found or did not run`);
    else if (!atLeast(found, need.minimum)) missing.push(`${need.need}; found ${found}`);
  }
  return missing;
}

/** The package manager's own command must be there too (pnpm, yarn, bun are not always installed). */
function prerequisitesOf(runtime: Runtime, pm: PackageManager): Prerequisite[] {
  if (!runtime.packageManaged) return [...runtime.prerequisites];
  return [...runtime.prerequisites, { need: pm, check: [pm, '--version'], version: /(\d+\.\d+\.\d+)/, minimum: '0' }];
}

/**
 * Installs the app's dependencies. When a tool it needs is missing or too old, nothing runs: the result
 * says what is needed (one line for the user) rather than failing deep inside bundler or pip.
 * Runtimes without an install step get their build tools checked too, and `note` names what is missing.
 */
export async function install(
  spec: Spec,
  pm: PackageManager,
  note: (line: string) => void = (l) => process.stderr.write(`${l}\n`),
  verbose = false,
): Promise<StepResult | undefined> {
  const commands = installCommand(spec, pm);
  const missing = await missingPrerequisites(prerequisitesOf(spec.runtime, pm));
  if (!commands) {
    if (missing.length) note(`To build and run this app you need ${missing.join(', and ')}.`);
    return undefined;
  }
  const shown = commandsOf(spec.runtime, pm).install!;
  if (missing.length) {
    const skipped = missing.join(', and ');
    note(
      `Skipped installing dependencies: this needs ${skipped}. Once it is there: cd ${spec.directoryLabel} && ${shown}`,
    );
    return { ok: true, command: shown, skipped };
  }
  // Quiet by default: the installers' output goes to a log; a failure shows its last lines and the log's path.
  const log = verbose ? undefined : join(tmpdir(), `create-apprunner-app-install-${process.pid}-${Date.now()}.log`);
  for (const [file, ...args] of commands) {
    try {
      // Quiet: into the log. --verbose: on the terminal, but under --json stdout is the report's alone (fd 2).
      await execa(file!, args, {
        cwd: spec.directory,
        ...(log
          ? { stdout: { file: log, append: true }, stderr: { file: log, append: true } }
          : { stdout: jsonOutput() ? 2 : 'inherit', stderr: 'inherit' }),
      });
    } catch (error) {
      const e = error as { code?: string; shortMessage?: string };
      const detail = e.code === 'ENOENT' ? `${file} is not installed or not on PATH` : e.shortMessage;
      if (log && e.code !== 'ENOENT') note(tailOf(log));
      return { ok: false, command: shown, detail };
    }
  }
  if (log) rmSync(log, { force: true });
  return { ok: true, command: shown };
}

export async function insideGitRepo(dir: string): Promise<boolean> {
  const result = await execa('git', ['rev-parse', '--is-inside-work-tree'], { cwd: dir, reject: false });
  return result.exitCode === 0 && result.stdout.trim() === 'true';
}

/** Lock files the install step writes: part of what the tool wrote when the run wrote them. */
const LOCK_FILES = [
  'package-lock.json',
  'pnpm-lock.yaml',
  'yarn.lock',
  'bun.lock',
  'bun.lockb',
  'Gemfile.lock',
  'Cargo.lock',
  'go.sum',
  'uv.lock',
  'poetry.lock',
];
const MESSAGE = 'Initial commit from create-apprunner-app';

/** The files the first commit holds: the generated ones, and lock files written since `since` (this run). */
export function filesToCommit(dir: string, generated: readonly string[], since: number): string[] {
  const written = LOCK_FILES.filter((f) => !generated.includes(f)).filter((f) => {
    try {
      const s = lstatSync(join(dir, f));
      return s.isFile() && s.mtimeMs >= since;
    } catch {
      return false;
    }
  });
  return [...new Set([...generated, ...written])].sort();
}

/**
 * git init + the first commit, unless the folder is already inside a repository. Only the files this run
 * wrote are staged, by name (never `git add -A`): with `. --force` the folder holds the person's own files
 * too, and they are not ours to commit. Names are literal pathspecs (a `*` in a name is not a glob), and
 * one that the app's own .gitignore excludes stays out, as `git add` would have it.
 */
export async function initGit(
  dir: string,
  generated: readonly string[],
  since = performance.timeOrigin,
): Promise<StepResult | 'inside-repo'> {
  const files = filesToCommit(dir, generated, since);
  const top = [...new Set(files.map((f) => f.split('/')[0]!))].map(shellWord).join(' ');
  const command = `git init && git add -- ${top} && git commit -m "${MESSAGE}"`;
  try {
    if (await insideGitRepo(dir)) return 'inside-repo';
    const git = (args: string[], input?: string) =>
      execa('git', ['--literal-pathspecs', ...args], {
        cwd: dir,
        input,
        stdin: input === undefined ? 'ignore' : undefined,
      });
    await git(['init', '-q']);
    const nul = `${files.join('\0')}\0`;
    const ignored = await execa('git', ['--literal-pathspecs', 'check-ignore', '--no-index', '--stdin', '-z'], {
      cwd: dir,
      input: nul,
      reject: false,
    });
    const skip = new Set(ignored.stdout.split('\0').filter(Boolean));
    await git(
      ['add', '--pathspec-from-file=-', '--pathspec-file-nul'],
      `${files.filter((f) => !skip.has(f)).join('\0')}\0`,
    );
    await git(['commit', '-q', '-m', MESSAGE]);
    return { ok: true, command };
  } catch (error) {
    const e = error as { code?: string; stderr?: string; shortMessage?: string };
    const detail = e.code === 'ENOENT' ? 'git is not installed' : e.stderr?.trim() || e.shortMessage;
    return { ok: false, command, detail };
  }
}

const shellWord = (s: string) => (/^[\w./-]+$/.test(s) ? s : `'${s.replace(/'/g, "'\\''")}'`);

/** The last lines of a failed install's log, and where the whole of it is. */
function tailOf(log: string, lines = 15): string {
  let text: string;
  try {
    text = readFileSync(log, 'utf8');
  } catch {
    return `(no output was kept: ${log})`;
  }
  const last = text.trimEnd().split('\n').slice(-lines).map(safeLine);
  return `${last.join('\n')}\n(the whole install log: ${log})`;
}
