// The generated CDK app's dependencies (aws-cdk-lib, the CDK CLI, TypeScript: ~250 MB), installed once
// per set of pinned versions into the toolchain cache and kept between runs, so each test links to
// them instead of running npm install in every generated infra/ folder.
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  renameSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';

import { execa } from 'execa';

import { toolchainDir } from '../apps/recipe.js';

const DONE = '.installed';

/** node_modules holding exactly the devDependencies of this infra/package.json, installed if missing. */
export async function infraModules(packageJson: string): Promise<string> {
  const { devDependencies } = JSON.parse(packageJson) as { devDependencies: Record<string, string> };
  const key = createHash('sha256').update(JSON.stringify(devDependencies)).digest('hex').slice(0, 16);
  const root = toolchainDir('cdk-infra');
  const dir = join(root, key);
  if (!existsSync(join(dir, DONE))) {
    mkdirSync(root, { recursive: true });
    // Installed beside the final folder and renamed into place: an interrupted install is never taken for a done one.
    const staging = mkdtempSync(join(root, `${key}.partial-`));
    writeFileSync(join(staging, 'package.json'), JSON.stringify({ private: true, devDependencies }, null, 2));
    await execa('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: staging });
    writeFileSync(join(staging, DONE), '');
    rmSync(dir, { recursive: true, force: true });
    renameSync(staging, dir);
    // Installs of older pinned versions (and interrupted ones) are never used again.
    for (const old of readdirSync(root)) if (old !== key) rmSync(join(root, old), { recursive: true, force: true });
  }
  return join(dir, 'node_modules');
}

/** Links the cached node_modules into a generated infra/ folder, as `npm install` there would fill it. */
export async function linkInfraModules(infraDir: string, packageJson: string): Promise<string> {
  const modules = await infraModules(packageJson);
  symlinkSync(modules, join(infraDir, 'node_modules'), 'dir');
  return modules;
}
