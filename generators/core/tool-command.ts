// How to run this tool again, the way the user ran it this time. Every command we print for a person
// to run (next steps, READMEs, package.json's deploy script, deploy's report) comes from here, so a copy
// run from a tarball or a checkout never tells anyone to `npx` a version the registry does not have.
// Pure: the facts come from app/paths.ts (the bin's own path, the npx cache's record of what it fetched).
import { resolve } from 'node:path';

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
