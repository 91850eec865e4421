// The CLI end to end, from the packed tarball, on this machine's Node and on Node 22: flags, --help,
// --dry-run, prompts in a real terminal, and every bad input, each checked to leave nothing behind.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

import { VALUE_OPTIONS } from '../generators/core/options.js';
import { node22, runCli, runInTerminal, snapshot, tempDir } from './helpers/cli.js';

const version = JSON.parse(readFileSync(join(import.meta.dirname, '..', 'package.json'), 'utf8')).version;
const QUICK = ['--no-install', '--no-git'];

describe.each([
  { label: `Node ${process.versions.node}`, node: () => process.execPath },
  { label: 'Node 22', node: node22 },
])('CLI on $label', ({ node }) => {
  const run = (args: string[], cwd = tempDir(), env = {}) => runCli(args, { cwd, node: node(), env });

  it('prints a short overview with two examples, every option under help create, and the version', async () => {
    const help = await run(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout.trimEnd().split('\n').length).toBeLessThanOrEqual(40);
    expect(help.stdout).toMatch(/Examples:\n {2}npm create apprunner-app@latest my-api\n {2}npx create-apprunner-app/);
    // `help` is the overview, never a folder named "help".
    const cwd = tempDir();
    expect(await run(['help'], cwd)).toMatchObject({ code: 0, stdout: help.stdout });
    expect(snapshot(cwd)).toEqual([]);
    const all = await run(['help', 'create']);
    expect(all.code).toBe(0);
    for (const o of VALUE_OPTIONS.filter((o) => o.flag.startsWith('--'))) expect(all.stdout).toContain(o.flag);
    for (const out of [help.stdout, all.stdout]) expect(out.split('\n').filter((l) => l.length > 100)).toEqual([]);
    const v = await run(['-v']);
    expect(v).toMatchObject({ code: 0, stdout: version });
  });

  it('writes an app from flags alone with --yes, with no terminal', async () => {
    const cwd = tempDir();
    const r = await run(['shop-api', '--runtime', 'go', '--cpu', '2', '--yes', ...QUICK], cwd);
    expect(r.code, r.out).toBe(0);
    expect(r.out).toContain('Done: Go');
    // A folder name App Runner would refuse becomes a valid default name.
    expect((await run(['ab', '--runtime', 'go', '--yes', ...QUICK], cwd)).code).toBe(0);
    expect(readFileSync(join(cwd, 'ab', 'apprunner.deploy.yaml'), 'utf8')).toContain('name: ab-app');
    const config = parse(readFileSync(join(cwd, 'shop-api', 'apprunner.deploy.yaml'), 'utf8'));
    expect(config).toMatchObject({
      service: { name: 'shop-api', region: 'us-east-1' },
      instance: { cpu: 2, memory: 4 },
      source: { kind: 'image' },
    });
  });

  it('takes the region from AWS_REGION, then the AWS config profile', async () => {
    const cwd = tempDir();
    expect((await run(['a-app', '--runtime', 'go', '-y', ...QUICK], cwd, { AWS_REGION: 'eu-west-3' })).code).toBe(0);
    expect(readFileSync(join(cwd, 'a-app', 'apprunner.deploy.yaml'), 'utf8')).toContain('region: eu-west-3');
    writeFileSync(join(cwd, 'aws-config'), '[default]\nregion = us-west-2\n[profile work]\nregion = ap-south-1\n');
    expect(
      (
        await run(['b-app', '--runtime', 'go', '-y', ...QUICK], cwd, {
          AWS_CONFIG_FILE: join(cwd, 'aws-config'),
          AWS_PROFILE: 'work',
        })
      ).code,
    ).toBe(0);
    expect(readFileSync(join(cwd, 'b-app', 'apprunner.deploy.yaml'), 'utf8')).toContain('region: ap-south-1');
  });

  it('lists the files of a dry run and writes nothing', async () => {
    const cwd = tempDir();
    const r = await run(['dry-api', '--runtime', 'python', '--dry-run', '-y'], cwd);
    expect(r.code, r.out).toBe(0);
    for (const f of ['apprunner.yaml', 'app.py', 'requirements.txt', 'apprunner.deploy.yaml', '.yo-rc.json'])
      expect(r.out).toContain(`  ${f}\n`);
    expect(snapshot(cwd)).toEqual([]);
  });

  it('treats a folder holding only .git as empty, and overwrites only with --force', async () => {
    const cwd = tempDir();
    mkdirSync(join(cwd, 'repo', '.git'), { recursive: true });
    expect((await run(['repo', '--runtime', 'go', '-y', ...QUICK], cwd)).code).toBe(0);
    expect(existsSync(join(cwd, 'repo', 'main.go'))).toBe(true);

    mkdirSync(join(cwd, 'busy'));
    writeFileSync(join(cwd, 'busy', 'main.go'), 'mine');
    writeFileSync(join(cwd, 'busy', 'notes.txt'), 'keep');
    const forced = await run(['busy', '--runtime', 'go', '-y', '--force', ...QUICK], cwd);
    expect(forced.code, forced.out).toBe(0);
    expect(readFileSync(join(cwd, 'busy', 'main.go'), 'utf8')).toContain('package main');
    expect(readFileSync(join(cwd, 'busy', 'notes.txt'), 'utf8')).toBe('keep');
  });

  it('keeps the files and names the retry command when installing fails, exiting 1', async () => {
    const cwd = tempDir();
    // Every prerequisite is there (Node.js, npm), but the registry is not: a closed local port, no retries.
    // (A missing toolchain is not a failure: the install is skipped with what is needed, see install.test.ts.)
    const r = await run(['web-api', '--runtime', 'node', '--yes'], cwd, {
      npm_config_registry: 'http://127.0.0.1:9/',
      npm_config_fetch_retries: '0',
    });
    expect(r.code, r.out).toBe(1);
    expect(r.stderr).toMatch(
      /Installing dependencies failed \(Command failed with exit code 1: npm install\)\. The files are written; retry with:\n {2}cd web-api && npm install/,
    );
    expect(existsSync(join(cwd, 'web-api', 'package.json'))).toBe(true);
    expect(r.out).toContain('Next:');
    // Quiet: npm's own lines only as the tail of the failure, with the whole log kept and named.
    const log = /\(the whole install log: (\S+)\)/.exec(r.stderr)?.[1];
    expect(log, r.stderr).toBeDefined();
    expect(readFileSync(log!, 'utf8')).toContain('npm');
    expect(r.stderr).toMatch(/npm (error|ERR)[\s\S]*\(the whole install log/);
  });

  const refusals: [string, string[], RegExp][] = [
    ['a name App Runner rejects (too short)', ['ab-ok', '--name', 'ab'], /4 to 40/],
    ['a name App Runner rejects (characters)', ['ok-dir', '--name', 'my.api'], /characters other than/],
    ['a name App Runner rejects (too long)', ['ok-dir', '--name', 'n'.repeat(41)], /is 41 characters long/],
    ['a health path with a dot segment', ['x-api', '--health-path', '/a/../health'], /"\." or "\.\." segment/],
    [
      'a line break inside --env (it would add a variable)',
      ['x-api', '--env', 'GREETING=hi\nNODE_OPTIONS=--require=./evil.js'],
      /--env contains a line break/,
    ],
    ['a tab inside --secret', ['x-api', '--secret', 'A=/p\tx'], /--secret contains a tab/],
    ['a byte-order mark in the name', ['x-api', '--name', '\ufeffshop-api'], /--name contains a byte-order mark/],
    ['a value starting with "-" not joined to its flag', ['x-api', '--env', '-X=1'], /join it: --env=-value/],
    ['an env name starting with "-"', ['x-api', '--env=-X=1'], /names start with a letter or "_"/],
    ['".."', ['..'], /outside the current folder/],
    ['a folder outside cwd', ['../elsewhere'], /outside the current folder/],
    ['an npm-invalid Node package name', ['crypto', '--runtime', 'node'], /core module/],
    ['an unknown runtime', ['x-api', '--runtime', 'php'], /Unknown runtime "php"/],
    [
      'source code for an image-only runtime',
      ['x-api', '--runtime', 'rust', '--source', 'code'],
      /never had a managed Rust runtime/,
    ],
    ['a port that is not a number', ['x-api', '--port', 'http'], /1 to 65535/],
    ['a port out of range', ['x-api', '--port', '70000'], /1 to 65535/],
    [
      'a cpu/memory pair App Runner does not offer',
      ['x-api', '--cpu', '1', '--memory', '8'],
      /does not offer 8 GB with 1 vCPU/,
    ],
    ['a cpu App Runner does not offer', ['x-api', '--cpu', '3'], /no 3 vCPU size/],
    ['a health path without "/"', ['x-api', '--health-path', 'health'], /must start with "\/"/],
    ['an unknown flag', ['x-api', '--runtim', 'go'], /Unknown option --runtim/],
    ['a flag missing its value', ['x-api', '--runtime'], /--runtime needs a value/],
    ['a deploy-only flag', ['x-api', '--image', 'public.ecr.aws/a/b:1'], /--image is for create-apprunner-app deploy/],
    [
      '--profile without --deploy',
      ['x-api', '--profile', 'dev'],
      /--profile is for --deploy or create-apprunner-app deploy/,
    ],
    ['a cost flag', ['x-api', '--busy-hours', '10'], /--busy-hours is for create-apprunner-app cost/],
    [
      'a secret that is not an ARN',
      ['x-api', '--secret', 'DB=arn:aws:s3:::bucket'],
      /not a Secrets Manager secret ARN/,
    ],
    ['an env name the platform sets', ['x-api', '--env', 'PORT=80'], /The platform sets PORT itself/],
    ['subnets without security groups', ['x-api', '--vpc-subnets', 'subnet-0123456789abcdef0'], /go together/],
    ['an invalid domain', ['x-api', '--domain', 'not a domain'], /not a domain name/],
    ['scaling out of range', ['x-api', '--max-concurrency', '500'], /from 1 to 200/],
    ['max below min instances', ['x-api', '--min-instances', '5', '--max-instances', '2'], /from 5 to 25/],
  ];
  it.each(refusals)('refuses %s with exit 2, a fix, and nothing written', async (_label, args, message) => {
    const cwd = tempDir();
    const r = await run(['--yes', ...QUICK, ...args], cwd);
    expect(r.code, r.out).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).toMatch(/--[a-z]|create-apprunner-app |folder/); // names the way out
    expect(snapshot(cwd)).toEqual([]);
  });

  it('refuses a non-empty folder without --force, listing what is there, changing nothing', async () => {
    const cwd = tempDir();
    mkdirSync(join(cwd, 'taken'));
    writeFileSync(join(cwd, 'taken', 'package.json'), '{}');
    const r = await run(['taken', '--runtime', 'node', '-y', ...QUICK], cwd);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/"taken" is not empty:\n {2}package\.json\n.*--force/s);
    expect(snapshot(cwd)).toEqual(['taken', 'taken/package.json']);
    expect(readFileSync(join(cwd, 'taken', 'package.json'), 'utf8')).toBe('{}');
  });

  it('wraps a long error within 100 columns on a terminal, a flag kept with its value, and keeps it whole in a pipe', async () => {
    const cwd = tempDir();
    const args = ['short', '--runtime', 'node', '--name', 'ab', '--yes', ...QUICK];
    const piped = await run(args, cwd);
    expect(piped.code).toBe(2);
    const line = piped.stderr.split('\n').find((l) => l.startsWith('The service name "ab"'))!;
    expect(line.length).toBeGreaterThan(100);
    expect(line).toContain('--name ab-app.');
    const shown = await runInTerminal(args, cwd, [], node());
    expect(shown.code, shown.out).toBe(2);
    // eslint-disable-next-line no-control-regex -- the terminal's escape sequences are what it takes out
    const lines = shown.out.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '').split(/\r?\n/);
    const at = lines.findIndex((l) => l.startsWith('The service name "ab"'));
    expect(at, shown.out).toBeGreaterThanOrEqual(0);
    const message = lines.slice(at, at + 3).filter(Boolean);
    expect(message.length).toBeGreaterThan(1);
    for (const l of message) expect(l.length).toBeLessThanOrEqual(100);
    expect(message.join(' ')).toContain(line);
    expect(message.some((l) => l.includes('--name ab-app.'))).toBe(true);
    expect(snapshot(cwd)).toEqual([]);
  });

  it('never waits for a prompt without a terminal: exit 2 naming the flags', async () => {
    const cwd = tempDir();
    const r = await run(['quiet-api', ...QUICK], cwd);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/No terminal.*--runtime <id>, --target <platform>, --cpu <vcpu>.*--yes/s);
    expect(snapshot(cwd)).toEqual([]);
    // CI=true counts as no terminal even when there is one.
    const ci = await runInTerminal(['quiet-api', ...QUICK], cwd, [], node(), { CI: 'true' });
    expect(ci.code, ci.out).toBe(2);
    expect(ci.out).toContain('No terminal');
    expect(snapshot(cwd)).toEqual([]);
  });

  it('asks at most four questions on the default path: folder, runtime (with its framework), platform, the recommended setup', async () => {
    const cwd = tempDir();
    const r = await runInTerminal(
      ['--no-install', '--no-git'],
      cwd,
      [
        { expect: 'Where should the app go', send: 'four-api\r' },
        { expect: 'Which runtime', send: '\r' },
        // Node.js, the default runtime, has two frameworks: the one line that picks it goes with the runtime.
        { expect: 'Which framework', send: '\r' },
        { expect: 'Where will it run on AWS', send: '\r' },
        { expect: 'Use the recommended setup\\?[\\s\\S]*1 vCPU, 2 GB[\\s\\S]*no production extras', send: '\r' },
      ],
      node(),
    );
    expect(r.code, r.out).toBe(0);
    const asked = new Set([...r.out.matchAll(/^\? ([^\n?]+\?)/gm)].map((m) => m[1]!.trim()));
    expect(
      [...asked].filter((q) => !q.startsWith('Which framework')),
      r.out,
    ).toHaveLength(4);
    for (const later of ['Instance size', 'How should App Runner get', 'Add production extras', 'service now'])
      expect(r.out).not.toContain(later);
    expect(readFileSync(join(cwd, 'four-api', 'apprunner.deploy.yaml'), 'utf8')).toMatch(/cpu: 1\n\s+memory: 2/);
  });

  it('asks about a non-empty folder right after its name, before any other question', async () => {
    const cwd = tempDir();
    mkdirSync(join(cwd, 'taken'));
    writeFileSync(join(cwd, 'taken', 'notes.txt'), 'mine');
    const cancel = await runInTerminal(
      ['--no-install', '--no-git'],
      cwd,
      [
        { expect: 'Where should the app go', send: 'taken\r' },
        { expect: 'The folder "taken" is not empty \\(notes\\.txt\\)[\\s\\S]*What now', send: '\r' },
      ],
      node(),
    );
    expect(cancel.code, cancel.out).toBe(1);
    expect(cancel.out).not.toContain('Which runtime');
    expect(cancel.out.match(/Cancelled\. Nothing was written\./g)).toHaveLength(1);
    expect(snapshot(cwd)).toEqual(['taken', 'taken/notes.txt']);
    const write = await runInTerminal(
      ['--no-install', '--no-git'],
      cwd,
      [
        { expect: 'Where should the app go', send: 'taken\r' },
        { expect: 'is not empty[\\s\\S]*What now', send: '\u001b[B\r' },
        { expect: 'Which runtime', send: '\r' },
        { expect: 'Which framework', send: '\r' },
        { expect: 'Where will it run on AWS', send: '\r' },
        { expect: 'Use the recommended setup', send: '\r' },
      ],
      node(),
    );
    expect(write.code, write.out).toBe(0);
    expect(write.out.indexOf('is not empty')).toBeLessThan(write.out.indexOf('Which runtime'));
    expect(readFileSync(join(cwd, 'taken', 'notes.txt'), 'utf8')).toBe('mine');
    expect(existsSync(join(cwd, 'taken', 'apprunner.deploy.yaml'))).toBe(true);
  });

  it('asks in a terminal for what the flags left out, then writes the answers', async () => {
    const cwd = tempDir();
    const r = await runInTerminal(
      ['--no-install', '--no-git', '--port', '9000'],
      cwd,
      [
        { expect: 'Where should the app go', send: 'tty-api\r' },
        { expect: 'Which runtime', send: '\u001b[B\r' }, // the second runtime: Python
        { expect: 'Which framework', send: '\r' }, // Flask, the first
        { expect: 'Where will it run on AWS', send: '\r' }, // App Runner
        { expect: 'Use the recommended setup', send: 'n\r' }, // then each detail is asked
        { expect: 'How should App Runner get the app', send: '\u001b[B\r' }, // image
        // One size question with the price beside each size; the default is 1 vCPU / 2 GB, one up is 0.5 / 1.
        { expect: 'Instance size[\\s\\S]*about \\$10\\.22 a month idle', send: '\u001b[A\r' },
        // The extras checklist: pick the first (secrets and variables) and the last (GitHub Actions).
        { expect: 'Add production extras', send: ' \u001b[A \r' },
        { expect: 'Secrets \\(NAME=ARN', send: '\r' },
        { expect: 'Environment variables', send: 'GREETING=hi, MODE=demo\r' },
      ],
      node(),
    );
    expect(r.code, r.out).toBe(0);
    for (const never of ['Service name', 'Instance memory', 'CI workflow', 'deprecated', 'error occured', 'force '])
      expect(r.out).not.toContain(never);
    expect(r.out).toContain('service name tty-api (the folder name)');
    expect(existsSync(join(cwd, 'tty-api', '.github', 'workflows', 'ci.yml'))).toBe(true);
    const config = parse(readFileSync(join(cwd, 'tty-api', 'apprunner.deploy.yaml'), 'utf8'));
    expect(config).toMatchObject({
      service: { name: 'tty-api' },
      source: { kind: 'image', port: 9000 },
      instance: { cpu: 0.5, memory: 1 },
      environment: { GREETING: 'hi', MODE: 'demo' },
    });
    expect(config.secrets).toBeUndefined();
  });

  it('offers Cancel or Overwrite for a folder that is not empty, listing the files it would replace', async () => {
    const flags = [
      '--no-install',
      '--no-git',
      '--runtime',
      'go',
      '--target',
      'apprunner',
      '--cpu',
      '1',
      '--memory',
      '2',
      '--tracing',
    ];
    for (const choice of ['cancel', 'write'] as const) {
      const cwd = tempDir();
      mkdirSync(join(cwd, 'full'));
      writeFileSync(join(cwd, 'full', 'notes.txt'), 'mine');
      writeFileSync(join(cwd, 'full', 'main.go'), 'package mine');
      const r = await runInTerminal(
        ['full', ...flags],
        cwd,
        [
          {
            expect: 'is not empty[\\s\\S]*main\\.go[\\s\\S]*What now',
            send: choice === 'cancel' ? '\r' : '\u001b[B\r',
          },
        ],
        node(),
      );
      if (choice === 'cancel') {
        expect(r.code, r.out).toBe(1); // Cancel is a choice, not Ctrl-C
        expect(r.out.match(/Cancelled\. Nothing was written\./g)).toHaveLength(1);
        expect(snapshot(cwd)).toEqual(['full', 'full/main.go', 'full/notes.txt']);
      } else {
        expect(r.code, r.out).toBe(0);
        expect(r.out).toContain('replaced full/main.go (yours is kept as full/main.go.orig)');
        expect(readFileSync(join(cwd, 'full', 'main.go.orig'), 'utf8')).toBe('package mine');
        expect(readFileSync(join(cwd, 'full', 'notes.txt'), 'utf8')).toBe('mine');
      }
    }
  });

  it('scaffolds into the current folder with ., when it is empty, and leaves cd out of the next steps', async () => {
    const cwd = join(tempDir(), 'shop-here');
    mkdirSync(join(cwd, '.git'), { recursive: true });
    const r = await run(['.', '--runtime', 'node', ...QUICK, '--yes'], cwd);
    expect(r.code, r.out).toBe(0);
    expect(readFileSync(join(cwd, 'apprunner.deploy.yaml'), 'utf8')).toContain('name: shop-here');
    expect(r.stdout).toContain('in the current folder');
    expect(r.stdout).not.toMatch(/^\s+cd /m);
    expect(snapshot(cwd).filter((p) => p.startsWith('.create-apprunner-app'))).toEqual([]);
    // Another app into it is refused; the same command again only finishes this one (nothing to do here).
    const other = await run(['.', '--runtime', 'go', ...QUICK, '--yes'], cwd);
    expect(other.code).toBe(2);
    expect(other.stderr).toContain('is not empty');
    const same = await run(['.', '--runtime', 'node', ...QUICK, '--yes'], cwd);
    expect(same.code, same.out).toBe(0);
    expect(same.stdout).toContain('already holds an app made by create-apprunner-app');
  });

  it.each(['Where should the app go', 'Which runtime', 'Use the recommended setup'])(
    'exits 130 on Ctrl-C at "%s", writing nothing',
    async (prompt) => {
      const cwd = tempDir();
      const answers: Record<string, string> = {
        'Where should the app go': 'c-api\r',
        'Which runtime': '\u001b[B\u001b[B\u001b[B\r',
        'Where will it run': '\r',
      };
      const steps = [];
      for (const [expect, send] of Object.entries(answers)) {
        if (expect === prompt) break;
        steps.push({ expect, send });
      }
      steps.push({ expect: prompt, send: '\u0003' });
      const r = await runInTerminal(['--no-install', '--no-git'], cwd, steps, node());
      expect(r.code, r.out).toBe(130);
      expect(r.out).toContain('Cancelled. Nothing was written.');
      // Only our line: no library internals.
      expect(r.out).not.toMatch(/error occured|apprunner:app#|deprecated|\n\s+at /);
      expect(snapshot(cwd)).toEqual([]);
    },
  );
});

describe('cost', () => {
  it('estimates the month of an app from its deploy config, and takes the assumptions as flags', async () => {
    const cwd = tempDir();
    expect(
      (
        await runCli(
          [
            'est-api',
            '--runtime',
            'go',
            '--cpu',
            '2',
            '--memory',
            '6',
            '--min-instances',
            '2',
            '-y',
            '--no-install',
            '--no-git',
          ],
          { cwd },
        )
      ).code,
    ).toBe(0);
    const r = await runCli(['cost', '--busy-hours', '100'], { cwd: join(cwd, 'est-api') });
    expect(r.code, r.out).toBe(0);
    // 2 × 6 GB × 730 h × $0.007 = $61.32; 2 × 2 vCPU × 100 h × $0.064 = $25.60; no builds for an image app.
    expect(r.stdout).toMatch(/Provisioned memory \(the idle floor\)\s+2 × 6 GB × 730 h × \$0\.007\s+\$61\.32/);
    expect(r.stdout).toMatch(/Active compute\s+2 × 2 vCPU × 100 busy h × \$0\.064\s+\$25\.60/);
    expect(r.stdout).toMatch(/Total\s+\$86\.92/);
    expect(r.stdout).toMatch(/us-east-1 prices of \d{4}-\d{2}/);
    expect(r.stdout).toMatch(/4 GB is the smallest memory .* saves/);
    expect(r.stdout).not.toContain('Source builds');
    // One grammar: --cwd from elsewhere gives the same estimate; a positional folder is refused with the fix.
    const there = await runCli(['cost', '--cwd', 'est-api', '--busy-hours', '100'], { cwd });
    expect(there).toMatchObject({ code: 0, stdout: r.stdout });
    const positional = await runCli(['cost', 'est-api'], { cwd });
    expect(positional.code).toBe(2);
    expect(positional.stderr).toContain('cost takes no other words (got est-api). Point at an app with --cwd <dir>.');
    const typo = await runCli(['cost', '--hlep'], { cwd });
    expect(typo.code).toBe(2);
    expect(typo.stderr).toContain('Unknown option --hlep. Did you mean --help?');
    expect(typo.stderr).not.toMatch(/^\n/);
  });

  it('refuses a folder without a deploy config, and bad assumptions, with exit 2', async () => {
    const cwd = tempDir();
    const none = await runCli(['cost'], { cwd });
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/No apprunner\.deploy\.yaml .* Run cost inside an app/);
    const bad = await runCli(['cost', '--busy-hours', 'lots'], { cwd });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--busy-hours lots: give a number of hours from 0 to 730/);
  });
});
