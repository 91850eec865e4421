// The pure parts of the commands run after deploy: log lines for people, --since, the tool's own command
// line, "did you mean", each command's flags and help.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { OPERATE_FLAGS, parseCommandLine } from '../../generators/cli/args.js';
import { COMMAND_TABLE } from '../../generators/cli/commands.js';
import { commandHelp } from '../../generators/cli/help.js';
import { checkInsideApp, checkNotACommand, closestCommand } from '../../generators/cli/in-app.js';
import { formatLine, parseSince } from '../../generators/commands/logs.js';
import type { DeployConfig } from '../../generators/core/deploy-config.js';
import { toolCommandOf } from '../../generators/core/tool-command.js';
import { scalingOf, sizeOf } from '../../generators/platforms/shared/live-fields.js';
import { tempDir } from '../helpers/cli.js';

const T = Date.parse('2026-12-02T03:04:05.000Z');

describe('log lines', () => {
  it('shows a JSON line as time, level, message, then the other fields', () => {
    expect(formatLine('{"time":"2026-12-02T03:00:00Z","level":"INFO","msg":"listening","port":8080}', T)).toBe(
      '2026-12-02T03:00:00Z INFO  listening port=8080',
    );
    // Node's and Python's shape: no time (the event's is used), lower-case level, a nested field as JSON.
    expect(formatLine('{"level":"error","msg":"boom","err":{"code":"E1"},"path":"/a b"}\n', T)).toBe(
      '2026-12-02T03:04:05.000Z ERROR boom err={"code":"E1"} path="/a b"',
    );
    // pino's numeric levels and epoch times
    expect(formatLine('{"level":30,"time":1764644645000,"message":"ok"}', T)).toBe('2025-12-02T03:04:05.000Z INFO  ok');
  });

  it('leaves anything that is not a JSON object as it is, after the time', () => {
    expect(formatLine('plain text', T)).toBe('2026-12-02T03:04:05.000Z plain text');
    expect(formatLine('{not json', T)).toBe('2026-12-02T03:04:05.000Z {not json');
    expect(formatLine('[1,2]', T)).toBe('2026-12-02T03:04:05.000Z [1,2]');
  });

  it('reads --since as a duration before now or a date and time', () => {
    expect(parseSince('10m', T)).toBe(T - 600_000);
    expect(parseSince('2h', T)).toBe(T - 7_200_000);
    expect(parseSince('30s', T)).toBe(T - 30_000);
    expect(parseSince('1d', T)).toBe(T - 86_400_000);
    expect(parseSince('2026-12-01T10:00Z', T)).toBe(Date.parse('2026-12-01T10:00:00Z'));
    for (const bad of ['yesterday', '10', '5w', '2026-13-45', '']) expect(parseSince(bad, T)).toBeUndefined();
  });
});

describe('the command that runs this tool again', () => {
  it('follows how it was run: npx from the registry, npx of a tarball, a global install, any other copy', () => {
    expect(toolCommandOf({ kind: 'npx', spec: '^0.1.0', specBase: '/h/.npm/_npx/ab' }, '0.1.0')).toBe(
      'npx create-apprunner-app@0.1.0',
    );
    expect(toolCommandOf({ kind: 'npx', spec: 'latest', specBase: '/h/.npm/_npx/ab' }, '0.2.0')).toBe(
      'npx create-apprunner-app@0.2.0',
    );
    expect(
      toolCommandOf(
        {
          kind: 'npx',
          spec: 'file:../../../../../tmp/x/create-apprunner-app-0.1.0.tgz',
          specBase: '/home/me/.npm/_npx/ab',
        },
        '0.1.0',
      ),
    ).toBe('npx --yes --package /tmp/x/create-apprunner-app-0.1.0.tgz create-apprunner-app');
    expect(toolCommandOf({ kind: 'global' }, '0.1.0')).toBe('create-apprunner-app');
    expect(toolCommandOf({ kind: 'path', bin: '/home/me/my tools/caa/bin/create-apprunner-app.js' }, '0.1.0')).toBe(
      "node '/home/me/my tools/caa/bin/create-apprunner-app.js'",
    );
    expect(toolCommandOf({ kind: 'unknown' }, '0.1.0')).toBe('npx create-apprunner-app@0.1.0');
  });
});

describe('inside an app', () => {
  const app = () => {
    const dir = tempDir('caa-inapp-');
    writeFileSync(join(dir, 'apprunner.deploy.yaml'), 'service: {}\n');
    return dir;
  };

  it('suggests the command a mistyped word meant', () => {
    expect(closestCommand('delet')).toBe('delete');
    expect(closestCommand('stats')).toBe('status');
    expect(closestCommand('log')).toBe('logs');
    expect(closestCommand('deplyo')).toBe('deploy');
    expect(closestCommand('my-new-api')).toBeUndefined();
  });

  it('stops a bare word one slip from a command outside an app too, unless it is a path or --force', () => {
    for (const [word, command] of [
      ['delet', 'delete'],
      ['stauts', 'status'],
      ['Deploy2', 'deploy'],
      ['sweeep', 'sweep'],
      ['hlep', 'help'],
    ])
      expect(() => checkNotACommand(word, false), word).toThrow(
        new RegExp(`Did you mean: create-apprunner-app ${command}\\n\\(To create a new app in a folder named`),
      );
    for (const word of ['./delet', 'dist-api', 'my-api', 'app', 'lists-api', undefined])
      expect(() => checkNotACommand(word, false)).not.toThrow();
    expect(() => checkNotACommand('delet', true)).not.toThrow();
  });

  it('stops a mistyped command, and a new app inside an app without --force or a terminal', () => {
    const dir = app();
    expect(() => checkInsideApp(dir, 'delet', false, true)).toThrow(
      /"delet" is not a command\. Did you mean: create-apprunner-app delete/,
    );
    expect(() => checkInsideApp(dir, 'other-api', false, false)).toThrow(
      /already an app \(it has apprunner\.deploy\.yaml\).*\n.*deploy, cost, status, logs, pause, resume, delete.*\n.*add --force/,
    );
    expect(checkInsideApp(dir, 'other-api', false, true)).toBe(
      'This folder is already an app (it has apprunner.deploy.yaml). Create a new app in "other-api" inside it?',
    );
    expect(checkInsideApp(dir, 'delet', true, false)).toBeUndefined();
    const yoRc = tempDir('caa-inapp-');
    writeFileSync(join(yoRc, '.yo-rc.json'), JSON.stringify({ 'create-apprunner-app': { runtime: 'go' } }));
    expect(() => checkInsideApp(yoRc, 'stauts', false, false)).toThrow(/Did you mean: create-apprunner-app status/);
    const plain = tempDir('caa-inapp-');
    mkdirSync(join(plain, 'sub'));
    writeFileSync(join(plain, '.yo-rc.json'), JSON.stringify({ 'generator-other': {} }));
    expect(checkInsideApp(plain, 'delet', false, false)).toBeUndefined();
  });
});

describe('flags and help of the commands run inside an app', () => {
  it('takes each command with its own flags only', () => {
    expect(parseCommandLine(['logs', '--since', '2h', '-f', '--json'])).toMatchObject({
      command: 'logs',
      extra: { since: '2h', follow: true, json: true },
    });
    expect(parseCommandLine(['delete', '--yes', '--keep-image', '--cwd', 'x'])).toMatchObject({
      command: 'delete',
      extra: { yes: true, 'keep-image': true, cwd: 'x' },
    });
    expect(parseCommandLine(['--region', 'eu-west-1', 'status'])).toMatchObject({
      command: 'status',
      extra: { region: 'eu-west-1' },
    });
    expect(() => parseCommandLine(['status', '--follow'])).toThrow(
      '--follow is for create-apprunner-app logs, not for status. Run create-apprunner-app status --help to see its options.',
    );
    expect(parseCommandLine(['pause', '--yes'])).toMatchObject({ command: 'pause', extra: { yes: true } });
    expect(() => parseCommandLine(['delete', 'now'])).toThrow(/delete takes no other words/);
    expect(parseCommandLine(['logs', '--help'])).toMatchObject({ command: 'help', helpFor: 'logs' });
  });

  it("shows only a command's own options in its help, and every flag it accepts", () => {
    for (const [command, flags] of Object.entries(OPERATE_FLAGS)) {
      const help = commandHelp(command, '1.2.3');
      for (const flag of Object.keys(flags)) expect(help, `${command} --${flag}`).toContain(`--${flag}`);
      expect(help).not.toContain('--runtime');
      expect(help).toContain(COMMAND_TABLE[command]!.usage);
    }
    expect(commandHelp('status', '1.2.3')).not.toContain('--follow');
    expect(commandHelp('pause', '1.2.3')).not.toContain('--follow');
  });
});

describe('status fields the platform leaves out', () => {
  const config = {
    instance: { cpu: 1, memory: 2 },
    autoScaling: { minSize: 1, maxSize: 3, maxConcurrency: 80 },
  } as unknown as DeployConfig;

  it('falls back to the deploy config for an empty or half scaling answer, and marks it', () => {
    expect(scalingOf(undefined, config, true)).toEqual({
      minSize: 1,
      maxSize: 3,
      maxConcurrency: 80,
      fromConfig: true,
    });
    expect(scalingOf({ minSize: 2 }, config, false)).toEqual({ minSize: 1, maxSize: 3, fromConfig: true });
    expect(scalingOf({ minSize: 2, maxSize: 5, maxConcurrency: 9 }, config, true)).toEqual({
      minSize: 2,
      maxSize: 5,
      maxConcurrency: 9,
    });
  });

  it('reads the size in units, or the deploy config when a part is missing', () => {
    expect(sizeOf('1024', '2048', config)).toEqual({ cpu: '1 vCPU', memory: '2 GB' });
    expect(sizeOf(undefined, undefined, config)).toEqual({ cpu: '1 vCPU', memory: '2 GB', fromConfig: true });
  });
});
