// How to run this tool again. Two audiences, two answers:
// - the person at this terminal (next steps, deploy's report): the way they ran it this time
//   (`toolCommandOf`), so a copy run from a tarball or a checkout works again right there;
// - an app's committed files (package.json, READMEs, infra docs, AGENTS.md): never this machine's copy
//   (`appToolCommand`). A Node.js app carries the tool as a pinned devDependency and names it by its bin;
//   every other app names the pinned registry release, which works on any machine and in CI.
// Pure: the facts come from app/paths.ts (the bin's own path, the npx cache's record of what it fetched).
import { resolve } from 'node:path';

import type { PackageManager } from './package-manager.js';

export const TOOL_NAME = 'create-apprunner-app';

export type Invocation =
  /** npx / npm create fetched this package: `spec` is what npx recorded (a version range, a tag, or file:…). */
  | { kind: 'npx'; spec: string; specBase: string }
  /** A global install whose bin is on PATH. */
  | { kind: 'global' }
  /** Any other copy (a local checkout, a tarball installed into some folder): run its bin with node. */
  | { kind: 'path'; bin: string }
  /** Not run from the bin at all (tests that run the generator in-process). */
  | { kind: 'unknown' };

/** The registry form, pinned to this version so a later release cannot change what an app runs. */
export const registryCommand = (version: string) => `npx ${TOOL_NAME}@${version}`;

/**
 * How each package manager runs a bin of the app's own dependencies: the pinned devDependency, not a
 * fetch of the newest release (https://docs.npmjs.com/cli/commands/npx, https://pnpm.io/cli/exec,
 * https://yarnpkg.com/cli/run, https://bun.sh/docs/cli/bunx all look in the project first).
 */
const EXEC: Record<PackageManager, string> = { npm: 'npx', pnpm: 'pnpm exec', yarn: 'yarn', bun: 'bunx' };

/** The tool as an app's own files name it: by its bin where the app depends on it, else the pinned release. */
export function appToolCommand(dependsOnTool: boolean, pm: PackageManager, version: string): string {
  return dependsOnTool ? `${EXEC[pm]} ${TOOL_NAME}` : registryCommand(version);
}

/** The package.json scripts of an app that depends on the tool: each calls its bin by name. */
export const TOOL_SCRIPTS = ['deploy', 'status', 'logs', 'cost'] as const;

export function toolCommandOf(invocation: Invocation, version: string): string {
  switch (invocation.kind) {
    case 'global':
      return TOOL_NAME;
    case 'path':
      return `node ${shellQuote(invocation.bin)}`;
    case 'npx': {
      if (!invocation.spec.startsWith('file:')) return registryCommand(version);
      // A tarball or folder given to npx: point npx at it again (absolute, so any folder works). As a
      // bare argument npx would take an absolute path for a program to run, hence --package.
      const target = resolve(invocation.specBase, invocation.spec.slice('file:'.length));
      return `npx --yes --package ${shellQuote(target)} ${TOOL_NAME}`;
    }
    default:
      return registryCommand(version);
  }
}

/** `base` + a subcommand + flags, as one line to paste. */
export const commandLine = (base: string, ...words: string[]) => [base, ...words.filter(Boolean)].join(' ');

export const shellQuote = (s: string) => (/^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`);
