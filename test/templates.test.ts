// What the generated files promise each other: the next steps and the README show the same image
// build, the ignore files keep local credentials out of git and images, the cost estimate's advice
// agrees with its own total, and no runtime-specific branch hides outside the runtime table.
import { execFileSync, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { validate } from 'dockerfile-utils';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

import { renderEstimate } from '../generators/cli/cost.js';
import { deployConfigOf } from '../generators/core/deploy-config.js';
import { nextSteps } from '../generators/core/next-steps.js';
import { PACKAGE_MANAGERS } from '../generators/core/package-manager.js';
import { RUNTIME_IDS, VARIANTS } from '../generators/core/runtimes.js';
import { dollars } from '../generators/core/sizes.js';
import { resolveSpec, type Spec } from '../generators/core/spec.js';
import { estimate } from '../generators/platforms/apprunner/cost.js';
import { estimate as ecsEstimate } from '../generators/platforms/ecs-express/cost.js';
import { tempDir } from './helpers/cli.js';
import { renderApp } from './helpers/render.js';

const ROOT = join(import.meta.dirname, '..');
const CWD = tempDir('caa-templates-');
const spec = (given: Record<string, string>): Spec => {
  const r = resolveSpec({ directory: 'shop-api', ...given }, {}, CWD);
  if (!r.ok) throw new Error(r.errors.join('\n'));
  return r.spec;
};

describe.each(VARIANTS)('$id $framework app', (runtime) => {
  const s = spec({ runtime: runtime.id, framework: runtime.framework, source: 'image', ci: 'github' });
  const files = renderApp(s);

  it('shows the same `docker build` line in its next steps and its README (x86-64, as App Runner runs)', () => {
    const steps = nextSteps(s, { packageManager: 'npm', toolVersion: '1.0.0' });
    const fromSteps = /^ {2}(docker build .*?)\s{3,}build the container image$/m.exec(steps)?.[1];
    const fromReadme = /^(docker build .*)$/m.exec(files.get('README.md')!)?.[1];
    expect(fromSteps).toBe('docker build --platform linux/amd64 -t shop-api .');
    expect(fromReadme).toBe(fromSteps);
  });

  it('keeps .env* (but not .env.example) and .aws/ out of git and out of the image', () => {
    const dir = tempDir('caa-ignore-');
    execFileSync('git', ['init', '-q'], { cwd: dir });
    for (const ignoreFile of ['.gitignore', '.dockerignore']) {
      writeFileSync(join(dir, 'exclude'), files.get(ignoreFile)!);
      // git's matcher; for paths at the top of the build context Docker's .dockerignore rules match the same way.
      const check = (path: string) =>
        spawnSync(
          'git',
          ['-c', `core.excludesFile=${join(dir, 'exclude')}`, 'check-ignore', '-q', '--no-index', path],
          { cwd: dir },
        ).status === 0;
      for (const secret of ['.env', '.env.local', '.env.production', '.envrc', '.aws/credentials', '.aws/config']) {
        expect(check(secret), `${ignoreFile} lets ${secret} through`).toBe(true);
      }
      expect(check('.env.example'), `${ignoreFile} hides .env.example`).toBe(false);
    }
  });

  it('has a CI workflow set up from its table row (no runtime-id branches in the template)', () => {
    const workflow = files.get('.github/workflows/ci.yml')!;
    for (const step of runtime.ciSetup) if (step.run) expect(workflow).toContain(step.run);
    if (runtime.commands.install) expect(workflow).toContain(runtime.commands.install.split(' && ')[0]);
    else expect(workflow).toContain('# No install step: the test command fetches and builds the dependencies itself.');
  });
});

describe('no runtime ids outside the runtime table', () => {
  it('generators/app, core/next-steps, core/validate and the CI template never compare a runtime id', () => {
    const files = [
      ...readdirSync(join(ROOT, 'generators/app')).map((f) => join('generators/app', f)),
      'generators/core/next-steps.ts',
      'generators/core/validate.ts',
      'templates/ci/github/_github/workflows/ci.yml.ejs',
    ];
    const ids = RUNTIME_IDS.join('|');
    const frameworks = VARIANTS.map((r) => r.framework).join('|');
    for (const file of [...files, 'generators/core/plan.ts', 'generators/core/spec.ts']) {
      const text = readFileSync(join(ROOT, file), 'utf8');
      expect(text, file).not.toMatch(new RegExp(`runtime(\\.id)?\\s*={2,3}\\s*['"](${ids})['"]|case '(${ids})'`));
      expect(text, file).not.toMatch(
        new RegExp(`framework\\s*={2,3}\\s*['"](${frameworks})['"]|case '(${frameworks})'`),
      );
    }
  });
});

describe('cost', () => {
  it.each([
    { runtime: 'node', source: 'code', cpu: '1', memory: '4', target: 'apprunner' },
    { runtime: 'python', source: 'image', cpu: '2', memory: '6', target: 'apprunner' },
    { runtime: 'go', source: 'image', cpu: '2', memory: '4', target: 'ecs-express' },
  ])('says "instead of" the same total it shows ($runtime $source, $cpu vCPU / $memory GB)', (given) => {
    const config = deployConfigOf(spec(given));
    if (config.source.kind === 'code') config.source.autoDeploy = true;
    const e = config.target === 'ecs-express' ? ecsEstimate(config) : estimate(config);
    const text = renderEstimate('shop-api', config, e);
    const total = /^ {2}Total\s+(\$[\d,.]+)$/m.exec(text)?.[1];
    expect(total).toBe(dollars(e.total));
    expect(text).toContain(`instead of ${total}.`);
  });
});

describe.each([
  { pm: 'npm', ua: 'npm/11.0.0 node/v22.0.0 linux x64', lockfile: 'package-lock.json' },
  { pm: 'pnpm', ua: 'pnpm/10.34.9 npm/? node/v20.20.2 linux x64', lockfile: 'pnpm-lock.yaml' },
  { pm: 'yarn', ua: 'yarn/1.22.22 npm/? node/v20.20.2 linux x64', lockfile: 'yarn.lock' },
  { pm: 'yarn', ua: 'yarn/4.12.0 npm/? node/v20.20.2 linux x64', lockfile: 'yarn.lock' },
  { pm: 'bun', ua: 'bun/1.4.5 npm/? node/v20.20.2 linux x64', lockfile: 'bun.lock' },
] as const)('a TypeScript Node.js app made with $ua', ({ pm, ua }) => {
  const node = (source: string) => spec({ runtime: 'node', framework: 'express-ts', source, ci: 'github' });
  it('compiles in a Dockerfile build stage with every dependency, then keeps production ones only, and lints clean', () => {
    const dockerfile = renderApp(node('image'), pm, ua).get('Dockerfile')!;
    expect(validate(dockerfile), 'dockerfile-utils lint').toEqual([]);
    const runs = dockerfile.split('\n').filter((l) => l.startsWith('RUN '));
    expect(runs).toContain(`RUN ${pm} install`);
    expect(runs).toContain(`RUN ${PACKAGE_MANAGERS[pm].run('build')}`);
    expect(runs.at(-1)).toMatch(/^RUN rm -rf node_modules && .*(--omit=dev|--prod|--production)/);
    expect(dockerfile).toContain('COPY --from=build /app/dist/src ./dist/src');
  });

  it('builds on App Runner in the same order and tests with its own package manager in CI', () => {
    const files = renderApp(node('code'), pm, ua);
    const build = (parse(files.get('apprunner.yaml')!) as { build: { commands: { build: string[] } } }).build.commands
      .build;
    const setup = pm === 'npm' ? [] : [expect.stringMatching(/^npm install --global --no-audit --no-fund /)];
    expect(build).toEqual([
      ...setup,
      `${pm} install`,
      expect.stringMatching(/ build$/),
      'rm -rf node_modules',
      expect.stringMatching(/--omit=dev|--prod|--production/),
    ]);
    const steps = (
      parse(files.get('.github/workflows/ci.yml')!) as { jobs: { test: { steps: { run?: string }[] } } }
    ).jobs.test.steps.map((st) => st.run);
    expect(steps).toEqual(expect.arrayContaining([`${pm} install`, pm === 'bun' ? 'bun run test' : `${pm} test`]));
  });
});

describe.each([
  { pm: 'pnpm', ua: 'pnpm/10.34.9 npm/? node/v20.20.2 linux x64', lockfile: 'pnpm-lock.yaml' },
  { pm: 'yarn', ua: 'yarn/1.22.22 npm/? node/v20.20.2 linux x64', lockfile: 'yarn.lock' },
  { pm: 'bun', ua: 'bun/1.4.5 npm/? node/v20.20.2 linux x64', lockfile: 'bun.lock' },
] as const)('a Node.js app made with $pm', ({ pm, ua, lockfile }) => {
  const version = ua.split(' ')[0]!.split('/')[1];
  it('installs the same release in its Dockerfile and copies its lockfile, and the Dockerfile lints clean', () => {
    const dockerfile = renderApp(spec({ runtime: 'node', source: 'image' }), pm, ua).get('Dockerfile')!;
    expect(validate(dockerfile), 'dockerfile-utils lint').toEqual([]);
    expect(dockerfile).toContain(`COPY package.json ${lockfile} ./`);
    expect(dockerfile).toContain(`npm install --global --no-audit --no-fund ${pm}@${version} && `);
    expect(dockerfile).not.toContain('package*.json');
  });

  it('builds on App Runner with that release, from its lockfile, and tests with it in CI', () => {
    const files = renderApp(spec({ runtime: 'node', source: 'code', ci: 'github' }), pm, ua);
    const build = (parse(files.get('apprunner.yaml')!) as { build: { commands: { build: string[] } } }).build.commands
      .build;
    expect(build[0]).toBe(`npm install --global --no-audit --no-fund ${pm}@${version}`);
    expect(build[1]).toMatch(/--frozen-lockfile/);
    const steps = (
      parse(files.get('.github/workflows/ci.yml')!) as { jobs: { test: { steps: { run?: string }[] } } }
    ).jobs.test.steps.map((st) => st.run);
    expect(steps).toEqual(
      expect.arrayContaining([build[0], `${pm} install`, pm === 'bun' ? 'bun run test' : `${pm} test`]),
    );
  });
});
