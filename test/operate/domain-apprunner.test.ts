// domain add/status/remove on App Runner, through the packed CLI against the App Runner stand-in (moto
// for the rest): the association moved behind the command, recorded in the deploy config, which deploy
// keeps honouring and delete follows.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { fakeDockerBin, makeApp, operations, useBackends } from '../deploy/harness.js';
import { cli } from './harness.js';

const b = useBackends();
const NAME = 'api.example.com';
const configOf = (dir: string) => readFileSync(join(dir, 'apprunner.deploy.yaml'), 'utf8');
const count = (operation: string) => operations(b.standIn).filter((o) => o === operation).length;

async function deployed() {
  const dir = await makeApp('image');
  const docker = fakeDockerBin();
  const env = { PATH: `${docker.bin}:${process.env.PATH}` };
  const r = await cli(b, dir, ['deploy'], env);
  expect(r.code, r.out).toBe(0);
  return { dir, env, service: b.standIn.findService('go-api')!.service };
}

describe('domain on App Runner', () => {
  it('associates, records, shows, keeps on redeploy, and removes the domain', async () => {
    const { dir, env, service } = await deployed();
    const added = await cli(b, dir, ['domain', 'add', NAME]);
    expect(added.code, added.out).toBe(0);
    expect(b.standIn.inputsOf('AssociateCustomDomain')).toEqual([
      expect.objectContaining({ DomainName: NAME, EnableWWWSubdomain: false }),
    ]);
    expect(added.stdout).toContain(`${NAME} (App Runner, us-east-1): PENDING_CERTIFICATE_DNS_VALIDATION`);
    expect(added.stdout).toMatch(
      /_[0-9a-f]{32}\.api\.example\.com\.\s+CNAME\s+_[0-9a-f]{32}\.[0-9a-f]{10}\.acm-validations\.aws\./,
    );
    expect(added.stdout).toMatch(
      new RegExp(`${NAME.replace(/\./g, '\\.')}\\s+CNAME\\s+${service.ServiceUrl!.replace(/\./g, '\\.')}`),
    );
    expect(configOf(dir)).toMatch(/^domain: api\.example\.com$/m);

    const status = await cli(b, dir, ['domain', 'status', '--json']);
    expect(status.code, status.out).toBe(0);
    const view = JSON.parse(status.stdout).domain;
    expect(view).toMatchObject({ name: NAME, state: 'PENDING_CERTIFICATE_DNS_VALIDATION', ready: false });
    expect(view.records.map((r: { type: string }) => r.type)).toEqual(['CNAME', 'CNAME']);
    const overall = await cli(b, dir, ['status', '--json']);
    expect(JSON.parse(overall.stdout).domain).toEqual({
      name: NAME,
      state: 'PENDING_CERTIFICATE_DNS_VALIDATION',
      ready: false,
      dns: expect.stringMatching(/^(no CNAME record found yet|not checked|the CNAME points at)/),
    });

    // deploy keeps honouring domain: in the config, without a second association.
    const again = await cli(b, dir, ['deploy'], env);
    expect(again.code, again.out).toBe(0);
    expect(again.stdout).toContain(`Custom domain ${NAME}: PENDING_CERTIFICATE_DNS_VALIDATION`);
    expect(count('AssociateCustomDomain')).toBe(1);

    const other = await cli(b, dir, ['domain', 'add', 'www.example.com']);
    expect(other.code, other.out).toBe(2);
    expect(other.stderr).toContain('This app already has the domain api.example.com');
    expect(count('AssociateCustomDomain')).toBe(1);

    const unasked = await cli(b, dir, ['domain', 'remove']);
    expect(unasked.code, unasked.out).toBe(2);
    expect(unasked.stderr).toContain('--yes');
    expect(count('DisassociateCustomDomain')).toBe(0);

    const removed = await cli(b, dir, ['domain', 'remove', '--yes']);
    expect(removed.code, removed.out).toBe(0);
    expect(b.standIn.inputsOf('DisassociateCustomDomain')).toEqual([
      expect.objectContaining({ DomainName: NAME, ServiceArn: service.ServiceArn }),
    ]);
    expect(configOf(dir)).not.toMatch(/^domain:/m);
    const none = await cli(b, dir, ['domain', 'status']);
    expect(none.stdout).toContain('go-api has no custom domain');
  });

  it('delete disassociates the domain domain add made; --dry-run sends nothing', async () => {
    const { dir } = await deployed();
    const dry = await cli(b, dir, ['domain', 'add', NAME, '--dry-run']);
    expect(dry.code, dry.out).toBe(0);
    expect(dry.stdout).toContain('Would send apprunner:AssociateCustomDomain');
    expect(count('AssociateCustomDomain')).toBe(0);
    expect(configOf(dir)).not.toMatch(/^domain:/m);

    expect((await cli(b, dir, ['domain', 'add', NAME, '--no-wait'])).code).toBe(0);
    const del = await cli(b, dir, ['delete', '--yes']);
    expect(del.code, del.out).toBe(0);
    expect(del.stdout).toContain(`Removed the custom domain ${NAME}`);
    expect(count('DisassociateCustomDomain')).toBe(1);
  });

  it('refuses a domain before the app is deployed (exit 1), and bad words (exit 2)', async () => {
    const dir = await makeApp('image');
    const r = await cli(b, dir, ['domain', 'add', NAME]);
    expect(r.code, r.out).toBe(1);
    expect(r.stderr).toContain('go-api is not deployed in us-east-1');
    for (const args of [
      ['domain'],
      ['domain', 'rename'],
      ['domain', 'add'],
      ['domain', 'status', 'x.example.com'],
      ['domain', 'add', 'a.com', 'b.com'],
    ]) {
      const bad = await cli(b, dir, args);
      expect(bad.code, `${args.join(' ')}\n${bad.out}`).toBe(2);
    }
    expect(count('AssociateCustomDomain')).toBe(0);
    const help = await cli(b, dir, ['domain', '--help']);
    expect(help.code).toBe(0);
    for (const flag of ['--no-wait', '--dry-run', '--yes', '--json', '--cwd', '--region', '--profile'])
      expect(help.stdout).toContain(flag);
  });
});
