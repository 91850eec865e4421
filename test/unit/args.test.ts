import { describe, expect, it } from 'vitest';

import { COST_FLAGS, DEPLOY_FLAGS, parseCommandLine } from '../../generators/cli/args.js';
import { COMMAND_FLAG_HELP, helpText } from '../../generators/cli/help.js';
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
    expect(d).toMatchObject({ command: 'deploy', given: { region: 'eu-west-1' }, extra: { profile: 'dev' } });
  });

  it('refuses unknown flags, missing values and extra folders, naming them', () => {
    expect(() => parseCommandLine(['--runtme', 'go'])).toThrow(/Unknown option --runtme/);
    expect(() => parseCommandLine(['--runtime'])).toThrow(/--runtime needs a value/);
    expect(() => parseCommandLine(['--yes=no'])).toThrow(/--yes takes no value/);
    expect(() => parseCommandLine(['a', 'b'])).toThrow(/one directory, got 2/);
  });

  it('documents every deploy and cost flag', () => {
    const help = helpText('9.9.9', Object.keys(DEPLOY_FLAGS), Object.keys(COST_FLAGS));
    for (const key of [...Object.keys(DEPLOY_FLAGS), ...Object.keys(COST_FLAGS)]) {
      expect(COMMAND_FLAG_HELP[key], key).toBeDefined();
      expect(help).toContain(`--${key}`);
    }
  });

  it('documents every option with its default in --help', () => {
    const help = helpText('9.9.9');
    for (const o of VALUE_OPTIONS.filter((o) => o.flag.startsWith('--'))) expect(help).toContain(`${o.flag} ${o.arg}`);
    for (const o of VALUE_OPTIONS.filter((o) => o.flag.startsWith('--')))
      expect(help).toContain(`(default: ${o.defaultHelp})`);
    for (const s of SWITCHES) expect(help).toContain(s.flag);
    expect(help.match(/^ {2}(npm create|npx) /gm)).toHaveLength(2);
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
