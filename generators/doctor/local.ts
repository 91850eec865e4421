// doctor's checks of this machine: Node.js, the app's runtime toolchain (the runtime table's
// prerequisites, checked by the same code scaffolding uses), a container engine and its daemon (the same
// detection deploy uses), and git with a remote for apps that App Runner builds from source.
import { missingPrerequisites } from '../app/actions.js';
import { atLeast, type Runtime } from '../core/runtimes.js';
import { detectEngine, onPath } from '../platforms/shared/engine.js';
import { gitFacts } from '../platforms/shared/git.js';
import { type CheckResult, fail, ok, warn } from './check.js';

/** The package's engines range: Node 20.17+ or 22.9+. */
export function nodeCheck(version = process.versions.node): CheckResult {
  const major = Number(version.split('.')[0]);
  const fine = major === 20 ? atLeast(version, '20.17.0') : major >= 22 && atLeast(version, '22.9.0');
  return fine
    ? ok('node', 'Node.js', `${version}`)
    : fail('node', 'Node.js', `${version} is too old`, 'install Node.js 22 (or 20.17 or later): https://nodejs.org/');
}

export async function toolchainCheck(
  runtime: Runtime | undefined,
  env: NodeJS.ProcessEnv,
): Promise<CheckResult | undefined> {
  if (!runtime) return undefined;
  const label = `${runtime.label} toolchain`;
  const missing = await missingPrerequisites(runtime.prerequisites, env);
  return missing.length
    ? fail(
        'toolchain',
        label,
        missing.join('; '),
        `install what is named, then run doctor again (the app's README says how)`,
      )
    : ok('toolchain', label, runtime.prerequisites.map((p) => p.need).join(', ') || 'nothing to install');
}

/** `needed`: this app's deploy builds an image (else a missing engine is only a warning). */
export async function engineCheck(env: NodeJS.ProcessEnv, needed: boolean): Promise<CheckResult> {
  try {
    const engine = await detectEngine(env);
    return ok('engine', 'Container engine', `${engine.name} (${engine.bin}) answers`);
  } catch (error) {
    const message = String((error as Error).message).split('\n')[0]!;
    const fix = 'install and start Docker, Podman or Buildah, or deploy with --image <an image already in ECR>';
    return needed ? fail('engine', 'Container engine', message, fix) : warn('engine', 'Container engine', message, fix);
  }
}

/** `code`: App Runner builds this app from its repository, so it needs a pushed remote. */
export async function gitCheck(dir: string | undefined, code: boolean, env: NodeJS.ProcessEnv): Promise<CheckResult> {
  if (!onPath('git', env))
    return code
      ? fail('git', 'git', 'git is not on PATH', 'install git (https://git-scm.com/downloads)')
      : warn('git', 'git', 'git is not on PATH', 'install git to commit and share the app');
  if (!dir || !code) return ok('git', 'git', 'on PATH');
  const facts = await gitFacts(dir);
  if (!facts.root)
    return fail(
      'git',
      'git',
      'the app is not in a git repository',
      'git init && git add -A && git commit -m init, then push it to GitHub or Bitbucket',
    );
  if (!facts.originUrl)
    return fail(
      'git',
      'git',
      'the repository has no remote origin',
      'create a GitHub or Bitbucket repository and git remote add origin <url> && git push -u origin HEAD',
    );
  return ok('git', 'git', `remote origin ${facts.originUrl}${facts.branch ? `, branch ${facts.branch}` : ''}`);
}
