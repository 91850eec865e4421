// A generated Node.js app pins this tool as a devDependency at the exact version that made it, which is
// on the npm registry only once it is published. Tests that install such an app point that one entry at
// the packed tarball (the artifact under test) first, so the install resolves it without the registry;
// the generated file itself names the plain version (test/machine-paths.test.ts checks it).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { inject } from 'vitest';

import { TOOL_NAME } from '../../generators/core/tool-command.js';

type PackageJson = { devDependencies?: Record<string, string> };

const read = (dir: string) => JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as PackageJson;
const write = (dir: string, pkg: PackageJson) =>
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify(pkg, null, 2)}\n`);

/** The devDependency as generated; throws when the app does not pin the tool. */
export function pinnedTool(dir: string): string {
  const spec = read(dir).devDependencies?.[TOOL_NAME];
  if (!spec) throw new Error(`${dir}/package.json has no devDependency on ${TOOL_NAME}`);
  return spec;
}

/** Points the app's devDependency on the tool at the packed tarball (`file:`, which every package manager takes). */
export function useTarball(dir: string, tarball = inject('tarball')): void {
  const pkg = read(dir);
  pinnedTool(dir);
  pkg.devDependencies![TOOL_NAME] = `file:${tarball}`;
  write(dir, pkg);
}

/** Removes the devDependency, for a build whose context cannot hold the tarball (see images.test.ts). */
export function dropTool(dir: string): void {
  const pkg = read(dir);
  pinnedTool(dir);
  delete pkg.devDependencies![TOOL_NAME];
  write(dir, pkg);
}
