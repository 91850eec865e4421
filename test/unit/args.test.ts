import { describe, expect, it } from 'vitest';

import { parseCommandLine } from '../../generators/cli/args.js';
import { COMMAND_TABLE } from '../../generators/cli/commands.js';
import { commandHelp, createHelp, helpFor, helpText } from '../../generators/cli/help.js';
import { SWITCHES, VALUE_OPTIONS } from '../../generators/core/options.js';

describe('command line', () => {
  it('maps flags onto values and switches', () => {
    const p = parseCommandLine([
      'my-api',
      '--runtime',
      'go',
      '--port=9090',
      '--no-install',
      '--no-git',
      '-y',
      '--dry-run',
      '--force',
    ]);
    expect(p.command).toBe('create');
    expect(p.given).toEqual({ directory: 'my-api', runtime: 'go', port: '9090' });
    expect(p.switches).toEqual({ install: false, git: false, agentsMd: true, yes: true, dryRun: true, force: true });
  });

  it('defaults every switch', () => {
    expect(parseCommandLine([]).switches).toEqual({
      install: true,
      git: true,
      agentsMd: true,
      yes: false,
      dryRun: false,
      force: false,
    });
  });

  it('knows help, version and the deploy command', () => {
    expect(parseCommandLine(['-h']).command).toBe('help');
    expect(parseCommandLine(['--version']).command).toBe('version');
    const d = parseCommandLine(['deploy', '--profile', 'dev', '--region', 'eu-west-1', '--dry-run']);
    expect(d).toMatchObject({ command: 'deploy', extra: { region: 'eu-west-1', profile: 'dev', 'dry-run': true } });
  });

  it('refuses unknown flags, missing values and extra folders, naming them', () => {
    expect(() => parseCommandLine(['--runtme', 'go'])).toThrow(/Unknown option --runtme\. Did you mean --runtime\?/);
    expect(() => parseCommandLine(['--runtime'])).toThrow(/--runtime needs a value/);
    expect(() => parseCommandLine(['--yes=no'])).toThrow(/--yes takes no value/);
    expect(() => parseCommandLine(['a', 'b'])).toThrow(/one directory, got 2/);
  });

  it("documents every flag of every command in that command's own --help, within 100 columns", () => {
    for (const [name, c] of Object.entries(COMMAND_TABLE)) {
      const help = commandHelp(name, '9.9.9');
      for (const flag of Object.keys(c.flags)) expect(help, `${name} --${flag}`).toContain(`--${flag}`);
      expect(
        help.split('\n').filter((l) => l.length > 100),
        name,
      ).toEqual([]);
      expect(helpFor(name, '9.9.9')).toBe(help);
      if (c.inApp)
        for (const flag of ['cwd', 'region', 'profile']) expect(c.flags[flag], `${name} --${flag}`).toBeDefined();
    }
    expect(commandHelp('deploy', '9.9.9')).toContain('--target <platform>');
  });

  it('keeps the overview short (at most 40 lines) and names every command', () => {
    const help = helpText('9.9.9');
    expect(help.trimEnd().split('\n').length).toBeLessThanOrEqual(40);
    expect(help.split('\n').filter((l) => l.length > 100)).toEqual([]);
    for (const name of Object.keys(COMMAND_TABLE)) expect(help).toMatch(new RegExp(`^  ${name} `, 'm'));
    expect(help.match(/^ {2}(npm create|npx) /gm)).toHaveLength(2);
  });

  it('takes the same in-app flags on every command, and --yes wherever it could ask', () => {
    for (const name of ['deploy', 'cost', 'status', 'logs', 'pause', 'resume', 'delete']) {
      expect(parseCommandLine([name, '--cwd', 'app', '--region', 'eu-west-1', '--profile', 'p'])).toMatchObject({
        command: name,
        extra: { cwd: 'app', region: 'eu-west-1', profile: 'p' },
      });
    }
    for (const name of ['deploy', 'pause', 'resume', 'delete'])
      expect(parseCommandLine([name, '--yes']).extra.yes, name).toBe(true);
    for (const name of ['cost', 'status', 'logs']) expect(parseCommandLine([name, '--json']).extra.json).toBe(true);
  });

  it('says "did you mean" from the command\'s own options and words', () => {
    expect(() => parseCommandLine(['--hlep'])).toThrow(/Unknown option --hlep\. Did you mean --help\?/);
    expect(() => parseCommandLine(['my-api', '--runtmie', 'go'])).toThrow(/Did you mean --runtime\?/);
    expect(() => parseCommandLine(['logs', '--folow'])).toThrow(/Did you mean --follow\?/);
    expect(() => parseCommandLine(['status', '--follow'])).toThrow(
      '--follow is for create-apprunner-app logs, not for status. Run create-apprunner-app status --help',
    );
    expect(() => parseCommandLine(['deploy', '--cpu', '2', '--no-git'])).toThrow(
      '--cpu, --no-git are for creating an app, not for deploy.',
    );
    expect(() => parseCommandLine(['x-api', '--image', 'x'])).toThrow(
      '--image is for create-apprunner-app deploy, not for creating an app.',
    );
    expect(() => parseCommandLine(['help', 'stauts'])).toThrow(/did you mean create-apprunner-app help status\?/);
    expect(() => parseCommandLine(['deploy', 'apps/shop'])).toThrow(/deploy takes no other words .*--cwd <dir>/);
  });

  it('reads help [command] as help, never as a folder name', () => {
    expect(parseCommandLine(['help'])).toMatchObject({ command: 'help' });
    expect(parseCommandLine(['help'])).not.toHaveProperty('helpFor');
    expect(parseCommandLine(['help', 'logs'])).toMatchObject({ command: 'help', helpFor: 'logs' });
    expect(parseCommandLine(['help', 'create'])).toMatchObject({ command: 'help', helpFor: 'create' });
    expect(parseCommandLine(['pause', '-h'])).toMatchObject({ command: 'help', helpFor: 'pause' });
  });

  it('documents every option with its default in help create', () => {
    const help = createHelp('9.9.9');
    expect(help.split('\n').filter((l) => l.length > 100)).toEqual([]);
    for (const o of VALUE_OPTIONS.filter((o) => o.flag.startsWith('--'))) expect(help).toContain(`${o.flag} ${o.arg}`);
    // Help text wraps beside its flag: read it as one run of words.
    const words = help.replace(/\s+/g, ' ');
    for (const o of VALUE_OPTIONS.filter((o) => o.flag.startsWith('--')))
      expect(words).toContain(`(default: ${o.defaultHelp.replace(/\s+/g, ' ')})`);
    for (const s of SWITCHES) expect(help).toContain(s.flag);
  });
});

describe('package manager', () => {
  it('installs with the one that ran us, npm when unknown', async () => {
    const { packageManagerOf } = await import('../../generators/core/package-manager.js');
    expect(packageManagerOf('pnpm/9.12.0 npm/? node/v22.9.0 linux x64')).toBe('pnpm');
    expect(packageManagerOf('yarn/4.5.0 npm/? node/v22.9.0 linux x64')).toBe('yarn');
    expect(packageManagerOf('bun/1.1.30 npm/? node/v22.9.0 linux x64')).toBe('bun');
    expect(packageManagerOf('npm/11.0.0 node/v22.9.0 linux x64 workspaces/false')).toBe('npm');
    expect(packageManagerOf(undefined)).toBe('npm');
  });
});
