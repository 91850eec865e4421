// Nothing machine-local is written into an app: every generated file of every runtime, source kind and
// extra (--iac cdk / cloudformation, --ci github), made by the packed tarball, is scanned for this
// machine's paths (the tool's install folder, the folder it ran in, $HOME, the temp folder). A Node.js app
// pins the tool as a devDependency at the plain version; the next steps of an ordinary run fit in 100 columns.
import { mkdirSync, readdirSync, readFileSync, realpathSync, symlinkSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { RUNTIMES } from '../generators/core/runtimes.js';
import { cliBin, runCli, tempDir } from './helpers/cli.js';
import { pinnedTool } from './helpers/tarball.js';

const version = JSON.parse(readFileSync(join(import.meta.dirname, '..', 'package.json'), 'utf8')).version as string;
const EXTRAS = [[], ['--iac', 'cdk', '--ci', 'github'], ['--iac', 'cloudformation', '--ci', 'github']];
const CASES = RUNTIMES.flatMap((r) =>
  r.sources.flatMap((source) =>
    EXTRAS.map((extras) => ({ runtime: r.id, source, extras, label: `${r.id} ${source} ${extras.join(' ')}` })),
  ),
);

/** Every file under dir except the git repository, as [relative path, text]. */
function filesOf(dir: string): [string, string][] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name))
    .filter((f) => !f.includes('/.git/'))
    .map((f) => [f.slice(dir.length + 1), readFileSync(f, 'utf8')]);
}

/** This machine's paths, each as it is and as its real path. */
function machinePaths(cwd: string): string[] {
  const install = dirname(dirname(realpathSync(cliBin())));
  const paths = [install, dirname(cliBin()), cwd, homedir()].flatMap((p) => [p, realpathSync(p)]);
  return [...new Set(paths)].filter((p) => p.length > 1);
}

/**
 * A file under the temp folder (`/tmp/caa-…`); a bare `/tmp/` is a relative ignore pattern (Ruby's
 * .gitignore ignores the app's own tmp/ folder), not this machine's path.
 */
const underTemp = (text: string) =>
  [tmpdir(), realpathSync(tmpdir())].some((t) =>
    new RegExp(`${t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/[\\w.-]`).test(text),
  );

describe('no generated file names this machine', () => {
  it.each(CASES)('$label', async ({ runtime, source, extras }) => {
    const cwd = tempDir('caa-paths-');
    const r = await runCli(['path-api', '--runtime', runtime, '--source', source, ...extras, '--yes', '--no-install'], {
      cwd,
    });
    expect(r.code, r.out).toBe(0);
    const dir = join(cwd, 'path-api');
    const files = filesOf(dir);
    expect(files.length).toBeGreaterThan(5);
    for (const path of machinePaths(cwd))
      for (const [file, text] of files) expect(text.includes(path), `${file} names ${path}`).toBe(false);
    for (const [file, text] of files) expect(underTemp(text), `${file} names a file in ${tmpdir()}`).toBe(false);
    if (runtime === 'node') expect(pinnedTool(dir)).toBe(version);
  });

  it('an ordinary run (the tool on PATH) prints next steps within 100 columns, named as it was run', async () => {
    // The packed bin linked from a folder on PATH: the tool then names itself as a global install does.
    const bin = join(tempDir('caa-bin-'), 'bin');
    mkdirSync(bin);
    symlinkSync(realpathSync(cliBin()), join(bin, 'create-apprunner-app'));
    for (const runtime of ['node', 'go']) {
      const cwd = tempDir('caa-paths-');
      const r = await runCli(['wide-api', '--runtime', runtime, '--yes', '--no-install', '--no-git', '--iac', 'cdk'], {
        cwd,
        env: { PATH: `${bin}:${process.env.PATH}` },
      });
      expect(r.code, r.out).toBe(0);
      const next = r.stdout.slice(r.stdout.indexOf('Done:'));
      for (const line of next.split('\n')) expect(line.length, line).toBeLessThanOrEqual(100);
      expect(next).toContain(runtime === 'node' ? 'npm run deploy' : 'create-apprunner-app deploy');
      expect(next).not.toContain(tmpdir());
    }
  });
});
