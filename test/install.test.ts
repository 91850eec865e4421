// The install step of a scaffold, from the packed CLI: the Node.js app on the Node 20 the tool supports,
// with each package manager that can run `create` (npm, pnpm, Yarn 1, Bun), and the prerequisite check
// that skips an install whose toolchain is missing or too old instead of failing deep inside it.
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';

import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

import { atLeast } from '../generators/core/runtimes.js';
import { toolchainDir } from './apps/recipe.js';
import { recipe as pythonRecipe } from './apps/recipes/python.js';
import { runCli, snapshot, tempDir, userEnv } from './helpers/cli.js';
import { useTarball } from './helpers/tarball.js';

const LOCKFILES = ['package-lock.json', 'pnpm-lock.yaml', 'yarn.lock', 'bun.lock', 'bun.lockb'];
/** pnpm, yarn and bun from .ci/toolchains/node.sh, in a folder without a Node of its own. */
const PM_BIN = join(toolchainDir('node'), 'pm', 'node_modules', '.bin');
/** This machine's Node (20 here): first on PATH so npm, yarn and the app's tests run on it. */
const NODE_BIN = dirname(process.execPath);
/** Yarn 4 (its CLI on npm is @yarnpkg/cli-dist), in a folder of its own since its command is `yarn` too. */
const BERRY_BIN = join(toolchainDir('node'), 'yarn-berry', 'node_modules', '.bin');
const pathFor = (bin: string) => [NODE_BIN, bin, process.env.PATH ?? ''].join(delimiter);

const MANAGERS = [
  {
    pm: 'npm',
    bin: PM_BIN,
    pkg: 'npm',
    lockfile: 'package-lock.json',
    test: 'npm test',
    frozen: 'npm install --omit=dev',
  },
  {
    pm: 'pnpm',
    bin: PM_BIN,
    pkg: 'pnpm',
    lockfile: 'pnpm-lock.yaml',
    test: 'pnpm test',
    frozen: 'pnpm install --prod --frozen-lockfile',
  },
  {
    pm: 'yarn',
    bin: PM_BIN,
    pkg: 'yarn',
    lockfile: 'yarn.lock',
    test: 'yarn test',
    frozen: 'yarn install --production --frozen-lockfile',
  },
  {
    pm: 'yarn',
    bin: BERRY_BIN,
    pkg: '@yarnpkg/cli-dist',
    lockfile: 'yarn.lock',
    test: 'yarn test',
    frozen: 'yarn workspaces focus --all --production',
  },
  {
    pm: 'bun',
    bin: PM_BIN,
    pkg: 'bun',
    lockfile: 'bun.lock',
    test: 'bun run test',
    frozen: 'bun install --production --frozen-lockfile',
  },
];

// Both Node.js frameworks: the TypeScript one also compiles (tsc) in its tests and in App Runner's build.
describe.each(['express', 'express-ts'].flatMap((framework) => MANAGERS.map((manager) => ({ ...manager, framework }))))(
  'a Node.js $framework app made with $pkg',
  ({ pm, bin, pkg, lockfile, test, frozen, framework }) => {
    const PATH = pathFor(bin);
    it('installs without engine warnings, passes its tests on this Node, and builds from the lockfile it wrote', async () => {
      expect(Number(process.versions.node.split('.')[0])).toBeGreaterThanOrEqual(20);
      const pmVersion = (await execa(pm, ['--version'], { env: { PATH } })).stdout.trim();
      const cwd = tempDir(`caa-${pm}-`);
      const env = { PATH, npm_config_user_agent: `${pm}/${pmVersion} npm/? node/v${process.versions.node} linux x64` };
      const make = ['shop-api', '--runtime', 'node', '--framework', framework, '--source', 'code', '--yes', '--no-git'];
      // Written first, then the tool's pinned devDependency pointed at the packed tarball (helpers/tarball.ts);
      // the same command again then runs the CLI's own install step, as an interrupted run's re-run does.
      const written = await runCli([...make, '--no-install'], { cwd, env });
      expect(written.code, written.out).toBe(0);
      useTarball(join(cwd, 'shop-api'));
      const created = await runCli(make, { cwd, env });
      expect(created.code, created.out).toBe(0);
      expect(created.out).toContain('finishing its set-up');
      // npm says EBADENGINE, Yarn 1 "The engine "node" is incompatible", pnpm "Unsupported engine".
      expect(created.out).not.toMatch(/EBADENGINE|engine "node" is incompatible|Unsupported engine/i);
      const dir = join(cwd, 'shop-api');
      expect(readdirSync(dir).filter((f) => LOCKFILES.includes(f))).toEqual([lockfile]);
      // Yarn 4 links with Plug'n'Play by default (.pnp.cjs, no node_modules); the build asks for node_modules.
      expect(existsSync(join(dir, pkg === '@yarnpkg/cli-dist' ? '.pnp.cjs' : 'node_modules/express'))).toBe(true);

      // The app's own tests, run the way its README says, on this machine's Node.
      const [file, ...args] = test.split(' ');
      const tests = await execa(file!, args, { cwd: dir, env: { ...userEnv(), PATH }, reject: false, all: true });
      expect(tests.exitCode, tests.all).toBe(0);

      // App Runner's build runs exactly these commands; run them in a fresh copy (no node_modules),
      // with npm's global folder in a temporary place so `npm install --global <pm>` stays in the test.
      const apprunner = parse(readFileSync(join(dir, 'apprunner.yaml'), 'utf8')) as {
        build: { commands: { build: string[] } };
      };
      const build = apprunner.build.commands.build;
      expect(build.at(-1)).toContain(frozen);
      if (pm !== 'npm') expect(build[0]).toBe(`npm install --global --no-audit --no-fund ${pkg}@${pmVersion}`);
      const copy = join(tempDir('caa-build-'), 'app');
      cpSync(dir, copy, { recursive: true, filter: (src) => !src.includes('node_modules') });
      const prefix = tempDir('caa-npm-global-');
      const buildEnv = {
        ...userEnv(),
        npm_config_prefix: prefix,
        PATH: [join(prefix, 'bin'), NODE_BIN, process.env.PATH ?? ''].join(delimiter),
      };
      for (const command of build) await execa('sh', ['-c', command], { cwd: copy, env: buildEnv });
      expect(existsSync(join(copy, 'node_modules', 'express', 'package.json'))).toBe(true);
      // The TypeScript app runs what the build compiled, with no compiler left in the run image.
      if (framework === 'express-ts') {
        expect(existsSync(join(copy, 'dist', 'src', 'server.js'))).toBe(true);
        expect(existsSync(join(copy, 'node_modules', 'typescript'))).toBe(false);
      }
      expect(readdirSync(copy).filter((f) => LOCKFILES.includes(f))).toEqual([lockfile]);

      // The image build copies and follows the same lockfile; the README names this manager's commands.
      const image = await runCli(
        [
          'shop-img',
          '--runtime',
          'node',
          '--framework',
          framework,
          '--source',
          'image',
          '--yes',
          '--no-install',
          '--no-git',
        ],
        { cwd, env },
      );
      expect(image.code, image.out).toBe(0);
      const dockerfile = readFileSync(join(cwd, 'shop-img', 'Dockerfile'), 'utf8');
      expect(dockerfile).toContain(frozen);
      if (pm !== 'npm') expect(dockerfile).toContain(`COPY package.json ${lockfile} ./`);
      const readme = readFileSync(join(dir, 'README.md'), 'utf8');
      expect(readme).toContain(`Commit the \`${lockfile}\``);
      expect(readme).toContain(test);
      if (pm !== 'npm') expect(readme).not.toContain('package-lock.json');
      rmSync(cwd, { recursive: true, force: true });
    });
  },
);

describe('prerequisites', () => {
  /** A PATH of symlinks to just the named tools (plus what git and sh need), so the others are missing. */
  function pathWith(tools: string[]): string {
    const bin = join(tempDir('caa-path-'), 'bin');
    mkdirSync(bin);
    for (const tool of ['node', 'git', 'sh', ...tools]) {
      const found = (process.env.PATH ?? '')
        .split(delimiter)
        .map((d) => join(d, tool))
        .find((p) => existsSync(p));
      if (found) symlinkSync(found, join(bin, tool));
    }
    return bin;
  }

  it('skips a Python install whose python3 is missing, with one line naming what is needed, and exits 0', async () => {
    const cwd = tempDir();
    const result = await runCli(['py-app', '--runtime', 'python', '--yes', '--no-git'], {
      cwd,
      env: { PATH: pathWith([]) },
    });
    expect(result.code, result.out).toBe(0);
    const lines = result.stderr.split('\n').filter((l) => l.startsWith('Skipped installing'));
    expect(lines).toEqual([
      'Skipped installing dependencies: this needs Python 3.11 or later with venv (Debian/Ubuntu: apt install python3-venv); ' +
        'python3 was not found or did not run. Once it is there: cd py-app && python3 -m venv .venv && .venv/bin/python -m pip install -r requirements-dev.txt',
    ]);
    expect(existsSync(join(cwd, 'py-app', '.venv'))).toBe(false);
    expect(snapshot(join(cwd, 'py-app'))).toContain('app.py');
  });

  it('skips a Ruby install when the Ruby there is older than the Gemfile asks, naming the version found', async () => {
    const ruby = await execa('ruby', ['-e', 'print RUBY_VERSION'], { reject: false });
    const cwd = tempDir();
    const result = await runCli(['rb-app', '--runtime', 'ruby', '--yes', '--no-git'], {
      cwd,
      env: { PATH: pathWith(['ruby', 'bundle']) },
    });
    expect(result.code, result.out).toBe(0);
    if (ruby.exitCode === 0 && !atLeast(ruby.stdout, '3.3.0')) {
      // (Bundler may be missing too: it is named after Ruby.)
      expect(result.stderr).toContain(
        `Skipped installing dependencies: this needs Ruby 3.3 or later (the Gemfile asks for it); found ${ruby.stdout}`,
      );
      expect(existsSync(join(cwd, 'rb-app', 'Gemfile.lock'))).toBe(false);
    } else {
      expect(result.stderr).not.toContain('Ruby 3.3 or later');
    }
  });

  it("installs when the tools are there (the machine's python3)", async () => {
    const cwd = tempDir();
    const result = await runCli(['py-ok', '--runtime', 'python', '--yes', '--no-git'], {
      cwd,
      env: pythonRecipe.env!(),
    });
    expect(result.code, result.out).toBe(0);
    expect(result.stderr).not.toContain('Skipped installing');
    expect(existsSync(join(cwd, 'py-ok', '.venv', 'bin', 'pytest'))).toBe(true);
  });

  it('names a missing build toolchain for runtimes without an install step (Go here: none on PATH)', async () => {
    const cwd = tempDir();
    const result = await runCli(['go-app', '--runtime', 'go', '--yes', '--no-git'], {
      cwd,
      env: { PATH: pathWith([]) },
    });
    expect(result.code, result.out).toBe(0);
    expect(result.stderr).toContain(
      'To build and run this app you need Go 1.23 or later; go was not found or did not run.',
    );
  });
});
