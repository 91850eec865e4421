// The scaffold tried as a hostile user would, from the packed tarball: links that lead elsewhere, a full
// disk, paths the system refuses, two runs into one folder, and signals at any moment. The promise under
// test is the same every time: the app arrives whole, or the folder is exactly as it was.
import { execFileSync, spawn } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readFileSync,
  readlinkSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';

import { findRuntime } from '../generators/core/runtimes.js';
import { cliBin, GIT_ENV, runCli, snapshot, tempDir, userEnv } from './helpers/cli.js';

const QUICK = ['--yes', '--no-install', '--no-git'];
const run = (args: string[], cwd: string) => runCli(args, { cwd });

/** Every file under dir with its contents (links as their target), to prove nothing changed. */
function contents(dir: string): Record<string, string> {
  return Object.fromEntries(
    snapshot(dir).map((p) => {
      const full = join(dir, p);
      const s = lstatSync(full);
      return [
        p,
        s.isSymbolicLink() ? `-> ${readlinkSync(full)}` : s.isDirectory() ? '<dir>' : readFileSync(full, 'utf8'),
      ];
    }),
  );
}

describe('writing never goes through a link or outside the folder', () => {
  it('with --force replaces a linked file by a real one and keeps the link; the file it pointed to is untouched', async () => {
    const root = tempDir();
    mkdirSync(join(root, 'outside'));
    writeFileSync(join(root, 'outside', 'important.txt'), 'precious');
    mkdirSync(join(root, 'work', 'app'), { recursive: true });
    symlinkSync('../../outside/important.txt', join(root, 'work', 'app', 'README.md'));
    writeFileSync(join(root, 'work', 'app', 'package.json'), '{"mine":true}');
    const r = await run(['app', '--force', ...QUICK], join(root, 'work'));
    expect(r.code, r.out).toBe(0);
    expect(readFileSync(join(root, 'outside', 'important.txt'), 'utf8')).toBe('precious');
    expect(lstatSync(join(root, 'work', 'app', 'README.md')).isSymbolicLink()).toBe(false);
    expect(readlinkSync(join(root, 'work', 'app', 'README.md.orig'))).toBe('../../outside/important.txt');
    // --force never loses a file silently: each one it replaced is kept and named.
    expect(readFileSync(join(root, 'work', 'app', 'package.json.orig'), 'utf8')).toBe('{"mine":true}');
    expect(r.stdout).toContain('replaced app/package.json (yours is kept as app/package.json.orig)');
  });

  it('refuses a linked folder on the way to a file, before writing anything', async () => {
    const root = tempDir();
    mkdirSync(join(root, 'outside'));
    mkdirSync(join(root, 'work', 'app'), { recursive: true });
    symlinkSync('../../outside', join(root, 'work', 'app', 'src'));
    const before = contents(root);
    const r = await run(['app', '--force', '--runtime', 'node', ...QUICK], join(root, 'work'));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('app/src is a symbolic link');
    expect(contents(root)).toEqual(before);
  });

  it('treats a target that is a link to somewhere else as outside the current folder', async () => {
    const root = tempDir();
    mkdirSync(join(root, 'outside'));
    mkdirSync(join(root, 'work'));
    symlinkSync('../outside', join(root, 'work', 'app'));
    symlinkSync('../outside', join(root, 'work', 'via'));
    const before = contents(root);
    for (const target of ['app', 'via/new-app']) {
      const r = await run([target, ...QUICK], join(root, 'work'));
      expect(r.code, r.out).toBe(2);
      expect(r.stderr).toMatch(/symbolic link/);
    }
    expect(contents(root)).toEqual(before);
  });

  it('refuses a file where the app needs a folder, and a folder where it needs a file, changing nothing', async () => {
    for (const [path, make] of [
      ['src', 'file'],
      ['README.md', 'dir'],
    ] as const) {
      const cwd = tempDir();
      mkdirSync(join(cwd, 'app'));
      writeFileSync(join(cwd, 'app', 'keep.txt'), 'mine');
      if (make === 'file') writeFileSync(join(cwd, 'app', path), 'a file');
      else mkdirSync(join(cwd, 'app', path));
      const before = contents(cwd);
      const r = await run(['app', '--force', '--runtime', 'node', ...QUICK], cwd);
      expect(r.code, r.out).toBe(2);
      expect(r.stderr).toContain(`app/${path} is a ${make === 'file' ? 'file' : 'folder'}`);
      expect(contents(cwd)).toEqual(before);
    }
  });
});

describe('paths the system refuses end in one line and exit 2, leaving no folder', () => {
  it.each([
    [
      'a loop of links',
      (cwd: string) => {
        symlinkSync('l2', join(cwd, 'l1'));
        symlinkSync('l1', join(cwd, 'l2'));
        return 'l1/app';
      },
      /loop of symbolic links \(ELOOP\)/,
    ],
    ['a name over 255 bytes', () => 'n'.repeat(300), /longer than the system allows|system's limit/],
    [
      'a path near PATH_MAX',
      () => Array.from({ length: 17 }, () => 'd'.repeat(240)).join('/'),
      /too long|longer than the system allows/,
    ],
    [
      'a file on the way',
      (cwd: string) => {
        writeFileSync(join(cwd, 'afile'), 'x');
        return 'afile/app';
      },
      /is a file, not a folder|not a folder/,
    ],
  ])('%s', async (_label, make, message) => {
    const cwd = tempDir();
    const target = make(cwd);
    const before = contents(cwd);
    const r = await run([target, ...QUICK], cwd);
    expect(r.code, r.out).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr.length).toBeLessThan(400); // a long path is shortened, not printed whole
    expect(contents(cwd)).toEqual(before);
  });

  it('a folder it may not write in (run as an unprivileged user)', async () => {
    const cwd = tempDir();
    execFileSync('chmod', ['755', cwd]);
    mkdirSync(join(cwd, 'locked'), { mode: 0o555 });
    const r = spawnSyncAs(['locked/app', ...QUICK], cwd);
    expect(r.code, r.out).toBe(2);
    expect(r.out).toContain('Cannot write "locked/app": permission denied (EACCES). Nothing was changed.');
    expect(snapshot(cwd)).toEqual(['locked']);
  });
});

describe('a full disk', () => {
  const mounts: string[] = [];
  afterAll(() => {
    for (const m of mounts) execFileSync('umount', [m]);
  });
  // A real, tiny file system: the only honest way to run out of space. Mounting needs root, as in CI.
  const canMount = process.getuid?.() === 0;

  it.runIf(canMount)('leaves a new folder unmade and an existing one as it was, exit 1', async () => {
    const cwd = tempDir();
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=24k', 'tmpfs', cwd]);
    mounts.push(cwd);
    mkdirSync(join(cwd, 'existing'));
    writeFileSync(join(cwd, 'existing', 'keep.txt'), 'mine');
    const before = contents(cwd);
    for (const args of [['new-app'], ['existing', '--force']]) {
      const r = await run([...args, '--runtime', 'java', ...QUICK], cwd);
      expect(r.code, r.out).toBe(1);
      expect(r.stderr).toContain('no space is left on the device (ENOSPC). Nothing was changed.');
      expect(contents(cwd)).toEqual(before);
    }
  });
});

describe('two runs into one folder at once', () => {
  it('one wins whole; the other refuses and changes nothing', async () => {
    for (let round = 0; round < 4; round++) {
      const cwd = tempDir();
      const [a, b] = await Promise.all([
        run(['app', '--runtime', 'node', '--name', 'node-one', ...QUICK], cwd),
        run(['app', '--runtime', 'python', '--name', 'python-one', ...QUICK], cwd),
      ]);
      const codes = [a.code, b.code].sort();
      expect(codes, `${a.out}\n---\n${b.out}`).toEqual([0, 2]);
      const loser = a.code === 2 ? a : b;
      expect(loser.stderr).toMatch(/Another create-apprunner-app .* is writing "app" right now|is not empty/);
      const config = parse(readFileSync(join(cwd, 'app', 'apprunner.deploy.yaml'), 'utf8'));
      const stored = JSON.parse(readFileSync(join(cwd, 'app', '.yo-rc.json'), 'utf8'))['create-apprunner-app'];
      expect(stored.name).toBe(config.service.name);
      expect(existsSync(join(cwd, 'app', stored.runtime === 'node' ? 'server.js' : 'app.py'))).toBe(true);
      expect(existsSync(join(cwd, 'app', stored.runtime === 'node' ? 'app.py' : 'server.js'))).toBe(false);
      expect(snapshot(cwd).filter((p) => p.includes('.create-apprunner-app-'))).toEqual([]);
    }
  });
});

describe('signals while writing', () => {
  it('SIGTERM or SIGINT at any moment leaves a whole app or nothing, with exit 143/130 and one line', async () => {
    // The same run stopped after different delays: every outcome must be whole or untouched. The delays
    // are fractions of how long one whole run takes on this machine now, so a loaded machine (a slower
    // start) still has runs stopped before, during and after the writing.
    const outcomes = new Set<string>();
    const setUp = () => {
      const cwd = tempDir();
      mkdirSync(join(cwd, 'app'));
      writeFileSync(join(cwd, 'app', 'package.json'), '{"mine":true}');
      return cwd;
    };
    const args = ['app', '--force', '--runtime', 'node', ...QUICK];
    const started = performance.now();
    expect((await stopAfter(args, setUp(), 'SIGTERM', 120_000)).code).toBe(0);
    const full = performance.now() - started;
    const delays = [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1, 1.2].map((f) => Math.round(f * full));
    for (const [i, delay] of delays.entries()) {
      const signal = i % 2 ? 'SIGINT' : 'SIGTERM';
      const cwd = setUp();
      const r = await stopAfter(args, cwd, signal, delay);
      const files = snapshot(join(cwd, 'app'));
      expect(snapshot(cwd).filter((p) => p.includes('.create-apprunner-app-'))).toEqual([]);
      // "Done:" is printed once everything is written and committed: a signal after it (the process
      // ending) finds nothing left to undo or to say.
      if (r.code === 0 || r.out.includes('\nDone: ')) {
        outcomes.add('finished');
        expect(files).toContain('server.js');
        continue;
      }
      const written = files.includes('server.js');
      outcomes.add(written ? 'stopped after writing' : 'stopped before writing');
      expect(r.code, r.out).toBe(signal === 'SIGINT' ? 130 : 143);
      if (written) {
        expect(files).toContain('package.json.orig');
        expect(r.out, `${signal} after ${delay} ms`).toMatch(/Stopped.*The app is written in app/);
      } else {
        expect(files).toEqual(['package.json']);
        expect(readFileSync(join(cwd, 'app', 'package.json'), 'utf8')).toBe('{"mine":true}');
        if (r.out.trim()) expect(r.out).toMatch(/Nothing was changed in app|^$/);
      }
    }
    // The delays must have caught the run at more than one moment, or the test proved little.
    expect(outcomes.size, `${[...outcomes]} with delays ${delays}`).toBeGreaterThan(1);
  });
});

describe('signals while installing', () => {
  it.each(['SIGINT', 'SIGTERM'] as const)(
    '%s during the install says what is there and the one command that finishes it',
    async (signal) => {
      const cwd = tempDir();
      const r = await stopWhen(
        ['app', '--runtime', 'python', '--yes', '--no-git'],
        cwd,
        signal,
        /Installing dependencies/,
      );
      expect(r.code, r.out).toBe(signal === 'SIGINT' ? 130 : 143);
      expect(r.out).toContain(
        'Stopped while installing dependencies. The app is written in app, its install half done; to finish it:',
      );
      expect(r.out).toContain(`cd app && ${findRuntime('python')!.commands.install}`);
      expect(existsSync(join(cwd, 'app', 'app.py'))).toBe(true);
    },
  );

  it('the same command again finishes the install without touching the files (no --force needed)', async () => {
    const cwd = tempDir();
    const stopped = await stopWhen(
      ['app', '--runtime', 'python', '--yes', '--no-git'],
      cwd,
      'SIGINT',
      /Installing dependencies/,
    );
    expect(stopped.code, stopped.out).toBe(130);
    writeFileSync(join(cwd, 'app', 'app.py'), '# my edit\n', { flag: 'a' });
    const edited = readFileSync(join(cwd, 'app', 'app.py'), 'utf8');
    const again = await run(['app', '--runtime', 'python', '--yes', '--no-git'], cwd);
    expect(again.code, again.out).toBe(0);
    expect(again.stdout).toContain(
      'app already holds an app made by create-apprunner-app: finishing its set-up without changing its files.',
    );
    expect(readFileSync(join(cwd, 'app', 'app.py'), 'utf8')).toBe(edited);
    expect(existsSync(join(cwd, 'app', '.venv', 'bin', 'pytest'))).toBe(true);
    expect(existsSync(join(cwd, 'app', 'server.js'))).toBe(false);
  });
});

/** Runs the CLI and sends `signal` once its output matches `when`. */
function stopWhen(
  args: string[],
  cwd: string,
  signal: NodeJS.Signals,
  when: RegExp,
): Promise<{ code: number; out: string }> {
  return stopAfter(args, cwd, signal, -1, when);
}

function stopAfter(
  args: string[],
  cwd: string,
  signal: NodeJS.Signals,
  delayMs: number,
  when?: RegExp,
): Promise<{ code: number; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [cliBin(), ...args], {
      cwd,
      env: { ...userEnv(), ...GIT_ENV, CI: undefined, AWS_CONFIG_FILE: '/dev/null' } as NodeJS.ProcessEnv,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let sent = false;
    const watch = (d: Buffer) => {
      out += d;
      if (when && !sent && when.test(out)) {
        sent = true;
        child.kill(signal);
      }
    };
    child.stdout.on('data', watch);
    child.stderr.on('data', watch);
    const timer = when ? undefined : setTimeout(() => child.kill(signal), delayMs);
    child.on('close', (code, sig) => {
      clearTimeout(timer);
      resolve({ code: code ?? (sig === 'SIGINT' ? 130 : sig === 'SIGTERM' ? 143 : 1), out });
    });
  });
}

function spawnSyncAs(args: string[], cwd: string): { code: number; out: string } {
  // The packed CLI sits in a private temporary folder: let the unprivileged user reach it.
  for (let dir = dirname(cliBin()); dir !== tmpdir() && dir !== dirname(dir); dir = dirname(dir)) chmodSync(dir, 0o755);
  try {
    const out = execFileSync(
      'setpriv',
      ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, cliBin(), ...args],
      {
        cwd,
        env: { ...userEnv(), HOME: cwd, CI: undefined, AWS_CONFIG_FILE: '/dev/null' } as NodeJS.ProcessEnv,
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    return { code: 0, out };
  } catch (error) {
    const e = error as { status: number; stdout: string; stderr: string };
    return { code: e.status, out: `${e.stdout}${e.stderr}` };
  }
}
