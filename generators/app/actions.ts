// The slow steps that run after every file is written: installing dependencies and the first commit.
// Each returns what happened instead of throwing, so the files stay and the user is told how to retry.
import { execa } from 'execa';
import type { PackageManager } from '../core/package-manager.js';
import type { Spec } from '../core/spec.js';

export interface StepResult {
  ok: boolean;
  /** The command that did (or would) do the step, for the retry hint. */
  command: string;
  detail?: string;
}

/** The install command for an app: undefined when the runtime needs none before it builds. */
export function installCommand(spec: Spec, pm: PackageManager): string[][] | undefined {
  switch (spec.runtime.id) {
    case 'node': return [[pm, 'install']];
    case 'python': return [['python3', '-m', 'venv', '.venv'], ['.venv/bin/python', '-m', 'pip', 'install', '-r', 'requirements-dev.txt']];
    case 'ruby': return [['bundle', 'install']];
    default: return undefined; // Go, Rust and Java fetch what they need on their first build.
  }
}

export async function install(spec: Spec, pm: PackageManager): Promise<StepResult | undefined> {
  const commands = installCommand(spec, pm);
  if (!commands) return undefined;
  const shown = commands.map((c) => c.join(' ')).join(' && ');
  for (const [file, ...args] of commands) {
    try {
      await execa(file!, args, { cwd: spec.directory, stdout: 'inherit', stderr: 'inherit' });
    } catch (error) {
      const e = error as { code?: string; shortMessage?: string };
      const detail = e.code === 'ENOENT' ? `${file} is not installed or not on PATH` : e.shortMessage;
      return { ok: false, command: shown, detail };
    }
  }
  return { ok: true, command: shown };
}

async function insideGitRepo(dir: string): Promise<boolean> {
  const result = await execa('git', ['rev-parse', '--is-inside-work-tree'], { cwd: dir, reject: false });
  return result.exitCode === 0 && result.stdout.trim() === 'true';
}

/** git init + first commit, unless the folder is already inside a repository. */
export async function initGit(dir: string): Promise<StepResult | 'inside-repo'> {
  const command = 'git init && git add -A && git commit -m "Initial commit from create-apprunner-app"';
  try {
    if (await insideGitRepo(dir)) return 'inside-repo';
    await execa('git', ['init', '-q'], { cwd: dir });
    await execa('git', ['add', '-A'], { cwd: dir });
    await execa('git', ['commit', '-q', '-m', 'Initial commit from create-apprunner-app'], { cwd: dir });
    return { ok: true, command };
  } catch (error) {
    const e = error as { code?: string; stderr?: string; shortMessage?: string };
    const detail = e.code === 'ENOENT' ? 'git is not installed' : (e.stderr?.trim() || e.shortMessage);
    return { ok: false, command, detail };
  }
}
