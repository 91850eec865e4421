// Builds and packs the project once, then installs the tarball into a temporary prefix the way a user's
// `npm create` would, so every end-to-end test runs the artifact that would be published.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { execa } from 'execa';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    cliBin: string;
    tarball: string;
  }
}

const ROOT = join(import.meta.dirname, '..', '..');

export default async function setup(project: TestProject) {
  const work = mkdtempSync(join(tmpdir(), 'caa-pack-'));
  await execa('npm', ['pack', '--silent', '--pack-destination', work], { cwd: ROOT });
  const tarball = join(
    work,
    readdirSync(work).find((f) => f.endsWith('.tgz'))!,
  );
  const prefix = join(work, 'install');
  await execa('npm', ['install', '--prefix', prefix, '--no-audit', '--no-fund', '--loglevel=error', tarball]);
  project.provide('cliBin', join(prefix, 'node_modules', '.bin', 'create-apprunner-app'));
  project.provide('tarball', tarball);
  return () => rmSync(work, { recursive: true, force: true });
}
