// Where the package's own files are, from the code's location (the source tree, the compiled tree
// and the bundle sit at different depths, so look upward rather than assume one).
import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { type Invocation, TOOL_NAME, toolCommandOf } from '../core/tool-command.js';

function findPackageRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'templates')) && existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) throw new Error(`create-apprunner-app: cannot find its templates folder above ${from}`);
  }
}

export const PACKAGE_ROOT = findPackageRoot(dirname(fileURLToPath(import.meta.url)));
export const TEMPLATES_ROOT = join(PACKAGE_ROOT, 'templates');

export function toolVersion(): string {
  return (JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
}

/**
 * How this process was started, read from the bin's own path: inside npx's cache (and then what npx was
 * asked for, from the package.json npx writes there), a global install on PATH, or some other copy.
 */
export function invocation(argv1 = process.argv[1], env: NodeJS.ProcessEnv = process.env): Invocation {
  if (!argv1) return { kind: 'unknown' };
  let bin: string;
  try {
    bin = realpathSync(argv1);
  } catch {
    return { kind: 'unknown' };
  }
  const ownBin = join(PACKAGE_ROOT, 'bin', `${TOOL_NAME}.js`);
  if (bin !== ownBin) return { kind: 'unknown' };
  const npx = /^(.*[\\/]_npx[\\/][^\\/]+)[\\/]node_modules[\\/]/.exec(bin);
  if (npx) {
    try {
      const record = JSON.parse(readFileSync(join(npx[1]!, 'package.json'), 'utf8')) as {
        dependencies?: Record<string, string>;
      };
      const spec = record.dependencies?.[TOOL_NAME];
      if (spec) return { kind: 'npx', spec, specBase: npx[1]! };
    } catch {
      /* no record: treat it as any other copy */
    }
  }
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    // npm puts node_modules/.bin folders on PATH only while it runs a script: not a place a shell finds it later.
    if (!dir || /node_modules[\\/]\.bin[\\/]?$/.test(dir)) continue;
    try {
      if (realpathSync(join(dir, TOOL_NAME)) === bin) return { kind: 'global' };
    } catch {
      /* not in this folder */
    }
  }
  return { kind: 'path', bin };
}

/** The command that runs this tool again, e.g. `npx create-apprunner-app@0.1.0` or `node /path/bin/create-apprunner-app.js`. */
export const toolCommand = (): string => toolCommandOf(invocation(), toolVersion());
