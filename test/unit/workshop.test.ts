// The workshop pieces without AWS and without the CLI: durations, owners and name suffixes, the deploy
// config's workshop section and its tags, the account-wide finder against fake reads (what is not
// provably ours is never returned), sweep's filters, and doctor's local and SSO checks.
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

import { matches, readFilters } from '../../generators/commands/sweep.js';
import { withWorkshop } from '../../generators/core/deploy-config-file.js';
import { humanDuration, readDuration } from '../../generators/core/duration.js';
import {
  checkWorkshop,
  expired,
  ownerFromCaller,
  ownerProblem,
  suffixedName,
  workshopFlagsOf,
} from '../../generators/core/workshop.js';
import { expiryCheck, ssoCheck } from '../../generators/doctor/account.js';
import { nodeCheck } from '../../generators/doctor/local.js';
import {
  type AccountReads,
  ecsNamesInRoles,
  findOurServices,
  type OurService,
} from '../../generators/platforms/ownership/account.js';
import { toolTags } from '../../generators/platforms/ownership/owner.js';
import { checkDeployConfig } from '../../generators/platforms/shared/config.js';

const ID = 'app-aaaaaaaaaaaa';
const OURS = { 'created-by': 'create-apprunner-app', 'create-apprunner-app:app-id': ID };

describe('durations', () => {
  it('reads a whole number and one unit, and refuses everything else with the format', () => {
    expect(readDuration('--expires-in', '8h')).toEqual({ ms: 8 * 3_600_000 });
    expect(readDuration('--older-than', '30m')).toEqual({ ms: 30 * 60_000 });
    expect(readDuration('--older-than', '2d')).toEqual({ ms: 2 * 86_400_000 });
    expect(readDuration('--older-than', '1w')).toEqual({ ms: 7 * 86_400_000 });
    for (const bad of ['8', 'h', '8 h', '1.5h', '-1h', '0m', '8hours', '8H', ' 8h', '8h\n', '1e3h', '99999999h', ''])
      expect(readDuration('--expires-in', bad), bad).toHaveProperty(
        'error',
        expect.stringContaining('30m, 8h, 2d or 1w'),
      );
    expect(readDuration('--expires-in', '400d')).toHaveProperty('error', expect.stringContaining('longer than a year'));
  });

  it('says an age to the minute', () => {
    expect(humanDuration(45 * 60_000)).toBe('45m');
    expect(humanDuration(200 * 60_000)).toBe('3h 20m');
    expect(humanDuration(2 * 86_400_000 + 4 * 3_600_000)).toBe('2d 4h');
    expect(humanDuration(-5)).toBe('0m');
  });
});

describe('owners and name suffixes', () => {
  it('takes the person from an IAM user or a role session, never from root', () => {
    expect(ownerFromCaller('arn:aws:iam::123456789012:user/alice')).toBe('alice');
    expect(ownerFromCaller('arn:aws:iam::123456789012:user/team/bob.smith')).toBe('bob-smith');
    expect(
      ownerFromCaller('arn:aws:sts::123456789012:assumed-role/AWSReservedSSO_Attendee_0123/carol@example.com'),
    ).toBe('carol');
    expect(ownerFromCaller('arn:aws:iam::123456789012:root')).toBeUndefined();
    // What is left after the escape character and the brackets go is plain text.
    expect(ownerFromCaller('arn:aws:sts::123456789012:assumed-role/r/\u001b[31m')).toBe('31m');
    expect(ownerFromCaller('arn:aws:sts::123456789012:assumed-role/r/\u001b[')).toBeUndefined();
  });

  it('refuses an owner that could not be a tag value and a name suffix', () => {
    expect(ownerProblem('alice')).toBeUndefined();
    for (const bad of ['', '-alice', 'a b', 'al\u001bce', 'x'.repeat(33), 'ä'])
      expect(ownerProblem(bad), JSON.stringify(bad)).toMatch(/1-32 letters/);
  });

  it('appends the owner once, and refuses a name the platform would not take', () => {
    const rule = (n: string) => (n.length > 40 ? 'too long' : undefined);
    expect(suffixedName('my-api', 'alice', rule)).toEqual({ name: 'my-api-alice' });
    expect(suffixedName('my-api-alice', 'alice', rule)).toEqual({ name: 'my-api-alice' });
    expect(suffixedName('x'.repeat(36), 'alice', rule)).toHaveProperty('error', expect.stringContaining('too long'));
  });

  it('checks the command-line values before anything is written', () => {
    expect(workshopFlagsOf({})).toBeUndefined();
    expect(workshopFlagsOf({ owner: 'alice', 'expires-in': '8h', 'name-suffix': 'owner' })).toEqual({
      owner: 'alice',
      expiresInMs: 8 * 3_600_000,
      nameSuffix: 'owner',
    });
    expect(() => workshopFlagsOf({ 'expires-in': 'tomorrow' })).toThrow(/--expires-in "tomorrow" is not a duration/);
    expect(() => workshopFlagsOf({ 'name-suffix': 'team' })).toThrow(/the only suffix is owner/);
    expect(() => workshopFlagsOf({ owner: 'a;rm -rf' })).toThrow(/1-32 letters/);
  });
});

describe('the deploy config and the tags', () => {
  const text = '# my config\nservice:\n  name: my-api # the name\n  region: us-east-1\napp:\n  id: app-aaaaaaaaaaaa\n';

  it('records owner, expiry and a suffixed name, keeping the comments', () => {
    const out = withWorkshop(text, { owner: 'alice', expiresAt: '2026-12-04T18:00:00.000Z' }, 'my-api-alice');
    expect(out).toContain('# my config');
    expect(out).toContain('# the name');
    expect(parse(out)).toMatchObject({
      service: { name: 'my-api-alice' },
      workshop: { owner: 'alice', expiresAt: '2026-12-04T18:00:00.000Z' },
    });
  });

  it('reads the workshop section back, refusing what deploy would not write', () => {
    const errors: string[] = [];
    expect(checkWorkshop({ owner: 'alice', expiresAt: '2026-12-04T18:00:00Z' }, errors)).toEqual({
      owner: 'alice',
      expiresAt: '2026-12-04T18:00:00Z',
    });
    expect(errors).toEqual([]);
    checkWorkshop({ owner: 'a b', expiresAt: 'tomorrow' }, errors);
    checkWorkshop(['x'], errors);
    expect(errors).toHaveLength(3);
    const config = checkDeployConfig({
      service: { name: 'my-api', region: 'us-east-1' },
      source: { kind: 'image', ecrRepository: 'my-api', port: 8080 },
      instance: { cpu: 1, memory: 2 },
      healthCheck: {
        protocol: 'HTTP',
        path: '/health',
        interval: 5,
        timeout: 2,
        healthyThreshold: 1,
        unhealthyThreshold: 5,
      },
      autoScaling: { minSize: 1, maxSize: 25, maxConcurrency: 100 },
      workshop: { owner: 'alice' },
    });
    expect([config.errors, config.warnings]).toEqual([[], []]);
    expect(config.config?.workshop).toEqual({ owner: 'alice' });
  });

  it('tags everything deploy creates with the owner and the expiry', () => {
    expect(
      toolTags({ app: { id: ID as never }, workshop: { owner: 'alice', expiresAt: '2026-12-04T18:00:00.000Z' } }),
    ).toEqual([
      { Key: 'created-by', Value: 'create-apprunner-app' },
      { Key: 'create-apprunner-app:app-id', Value: ID },
      { Key: 'owner', Value: 'alice' },
      { Key: 'expires-at', Value: '2026-12-04T18:00:00.000Z' },
    ]);
    expect(toolTags({ app: { id: ID as never } })).toHaveLength(2);
  });

  it('says when an expiry has passed', () => {
    const now = Date.parse('2026-12-04T12:00:00Z');
    expect(expired('2026-12-04T11:00:00.000Z', now)).toBe(3_600_000);
    expect(expired('2026-12-04T13:00:00.000Z', now)).toBeUndefined();
    expect(expired(undefined, now)).toBeUndefined();
    expect(expiryCheck('2026-12-04T11:00:00.000Z', now)).toMatchObject({
      state: 'warn',
      detail: expect.stringContaining('1h ago'),
    });
    expect(expiryCheck('2026-12-04T13:00:00.000Z', now)).toMatchObject({ state: 'ok' });
  });
});

describe('every service this tool made in the account', () => {
  const arArn = (r: string, n: string) => `arn:aws:apprunner:${r}:123456789012:service/${n}/0123456789abcdef`;
  const ecsArn = (r: string, n: string) => `arn:aws:ecs:${r}:123456789012:service/default/${n}`;

  function reads(over: Partial<AccountReads> = {}): AccountReads & { described: string[] } {
    const described: string[] = [];
    const appRunner: Record<string, { tags: Record<string, string>; status: string }> = {
      [arArn('us-east-1', 'go-api')]: { tags: { ...OURS, owner: 'alice' }, status: 'RUNNING' },
      // The Tagging API lists it as ours, but its live tags say otherwise: never returned.
      [arArn('us-east-1', 'retagged')]: { tags: { team: 'payments' }, status: 'RUNNING' },
      [arArn('us-east-1', 'gone-api')]: { tags: OURS, status: 'DELETED' },
      // created-by alone: an older version's, or someone's copy of our tag: no app id, never listed.
      [arArn('us-east-1', 'legacy')]: { tags: { 'created-by': 'create-apprunner-app' }, status: 'RUNNING' },
    };
    const ecs: Record<string, Record<string, unknown>> = {
      [ecsArn('eu-west-1', 'web')]: {
        serviceName: 'web',
        status: { statusCode: 'ACTIVE' },
        tags: [
          { key: 'created-by', value: 'create-apprunner-app' },
          { key: 'create-apprunner-app:app-id', value: 'app-bbbbbbbbbbbb' },
        ],
        createdAt: new Date('2026-12-01T00:00:00Z'),
        activeConfigurations: [{ primaryContainer: { image: '123456789012.dkr.ecr.eu-west-1.amazonaws.com/web-x:1' } }],
      },
      [ecsArn('eu-west-1', 'foreign')]: { serviceName: 'foreign', status: { statusCode: 'ACTIVE' }, tags: [] },
      [ecsArn('eu-west-1', 'old')]: { serviceName: 'old', status: { statusCode: 'INACTIVE' }, tags: [] },
    };
    return {
      described,
      tagged: async (region, key, value) => {
        expect([key, value]).toEqual(['created-by', 'create-apprunner-app']);
        return region === 'us-east-1'
          ? ['go-api', 'retagged', 'gone-api', 'legacy'].map((n) => ({ arn: arArn(region, n), tags: OURS }))
          : [{ arn: 'arn:aws:ecr:eu-west-1:123456789012:repository/web-x', tags: OURS }];
      },
      // The ECS service is found through its execution role's name only (the Tagging API missed it).
      roleNames: async () => [
        'ecsTaskExecution-web-eu-west-1-bbbbbbbb',
        'ecsTaskExecution-foreign-eu-west-1-cccccccc',
        'other',
      ],
      appRunner: async (_region, arn) => {
        described.push(arn);
        const s = appRunner[arn];
        return s && { service: { ServiceName: arn.split('/')[1], Status: s.status } as never, tags: s.tags };
      },
      ecs: async (_region, arn) => ecs[arn] as never,
      ecsServiceArn: ecsArn,
      ...over,
    };
  }

  it('returns only services whose live tags prove they are ours, on both platforms and every region', async () => {
    const found = await findOurServices(['us-east-1', 'eu-west-1'], reads());
    expect(found.unreachable).toEqual([]);
    expect(found.services.map((s) => [s.region, s.platform, s.name, s.appId])).toEqual([
      ['eu-west-1', 'ecs-express', 'web', 'app-bbbbbbbbbbbb'],
      ['us-east-1', 'apprunner', 'go-api', ID],
    ]);
    expect(found.services[0]).toMatchObject({ repository: 'web-x', createdAt: new Date('2026-12-01T00:00:00Z') });
  });

  it('skips a region the account has not enabled, and names one that failed', async () => {
    const r = reads({
      tagged: async (region) => {
        if (region === 'ap-east-2')
          throw Object.assign(new Error('token invalid'), { name: 'UnrecognizedClientException' });
        throw Object.assign(new Error('User is not authorized to perform: tag:GetResources'), {
          name: 'AccessDeniedException',
        });
      },
    });
    const found = await findOurServices(['ap-east-2', 'eu-west-1'], r);
    expect(found.services).toEqual([]);
    expect(found.unreachable).toEqual([{ region: 'eu-west-1', reason: expect.stringContaining('tag:GetResources') }]);
  });

  it('reads service names from execution roles of that region only', () => {
    expect(
      ecsNamesInRoles(
        ['ecsTaskExecution-my-api-eu-west-1-abcdefgh', 'ecsTaskExecution-x-us-east-1-abcdefgh'],
        'eu-west-1',
      ),
    ).toEqual(['my-api']);
  });
});

describe("sweep's filters", () => {
  const now = Date.parse('2026-12-04T12:00:00Z');
  const service = (tags: Record<string, string>, created: string): OurService => ({
    platform: 'apprunner',
    region: 'us-east-1',
    name: 'x',
    arn: 'arn',
    appId: ID,
    tags: { ...OURS, ...tags },
    status: 'RUNNING',
    createdAt: new Date(created),
  });

  it('keeps what every filter given matches', () => {
    const alice = service(
      { owner: 'alice', course: 'k8s', 'expires-at': '2026-12-04T11:00:00.000Z' },
      '2026-12-04T01:00:00Z',
    );
    const bob = service({ owner: 'bob' }, '2026-12-04T11:30:00Z');
    const f = (flags: Record<string, string | boolean | string[]>) => readFilters(flags as never);
    expect(matches(alice, f({}), now) && matches(bob, f({}), now)).toBe(true);
    expect([alice, bob].filter((s) => matches(s, f({ owner: 'alice' }), now))).toEqual([alice]);
    expect([alice, bob].filter((s) => matches(s, f({ 'older-than': '8h' }), now))).toEqual([alice]);
    expect([alice, bob].filter((s) => matches(s, f({ tag: ['course=k8s'] }), now))).toEqual([alice]);
    expect([alice, bob].filter((s) => matches(s, f({ tag: ['course=k8s', 'owner=bob'] }), now))).toEqual([]);
    expect([alice, bob].filter((s) => matches(s, f({ expired: true }), now))).toEqual([alice]);
  });

  it('refuses a bad filter with its format', () => {
    expect(() => readFilters({ 'older-than': '8 hours' })).toThrow(/30m, 8h, 2d or 1w/);
    expect(() => readFilters({ tag: ['course'] } as never)).toThrow(/key=value/);
    expect(() => readFilters({ owner: ' ' })).toThrow(/--owner needs a value/);
  });
});

describe("doctor's local checks", () => {
  it('wants Node 20.17+ or 22.9+', () => {
    expect(nodeCheck('20.17.0').state).toBe('ok');
    expect(nodeCheck('22.9.0').state).toBe('ok');
    expect(nodeCheck('24.1.0').state).toBe('ok');
    expect(nodeCheck('20.11.1')).toMatchObject({ state: 'fail', fix: expect.stringContaining('nodejs.org') });
    expect(nodeCheck('22.3.0').state).toBe('fail');
    expect(nodeCheck('18.20.0').state).toBe('fail');
  });

  it('reads the SSO token cache the SDK uses, and names aws sso login when it is expired or missing', () => {
    const home = mkdtempSync(join(tmpdir(), 'caa-sso-'));
    mkdirSync(join(home, '.aws', 'sso', 'cache'), { recursive: true });
    writeFileSync(
      join(home, '.aws', 'config'),
      '[profile ws]\nsso_session = day1\nsso_account_id = 123456789012\nsso_role_name = Attendee\n[sso-session day1]\nsso_start_url = https://example.awsapps.com/start\nsso_region = us-east-1\n[profile keys]\nregion = eu-west-1\n',
    );
    const cache = join(home, '.aws', 'sso', 'cache', `${createHash('sha1').update('day1').digest('hex')}.json`);
    const env = { HOME: home };
    const now = Date.parse('2026-12-04T12:00:00Z');
    expect(ssoCheck('keys', env, now)).toBeUndefined();
    expect(ssoCheck('ws', env, now)).toMatchObject({ state: 'fail', fix: 'aws sso login --profile ws' });
    writeFileSync(cache, JSON.stringify({ expiresAt: '2026-12-04T11:00:00Z', accessToken: 'x' }));
    expect(ssoCheck('ws', env, now)).toMatchObject({ state: 'fail', detail: 'expired at 2026-12-04T11:00:00Z' });
    writeFileSync(cache, JSON.stringify({ expiresAt: '2026-12-04T12:30:00Z', accessToken: 'x' }));
    expect(ssoCheck('ws', env, now)).toMatchObject({ state: 'warn', detail: expect.stringContaining('30m') });
    writeFileSync(cache, JSON.stringify({ expiresAt: '2026-12-04T20:00:00Z', accessToken: 'x' }));
    expect(ssoCheck('ws', env, now)).toMatchObject({ state: 'ok' });
  });
});
