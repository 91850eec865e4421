// The pieces that decide what an app owns, without AWS and without the CLI: the app id and its place in
// the deploy config, every per-app name against its AWS limit, the owner/role/removal deciders, and the
// finder of every deployment, each against fake clients.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

import {
  type AppId,
  appIdOf,
  checkAppSection,
  idSuffix,
  isAppId,
  newAppId,
  parseAppId,
} from '../../generators/core/app-id.js';
import { deployConfigOf, renderDeployConfig } from '../../generators/core/deploy-config.js';
import { withAppId, withTarget } from '../../generators/core/deploy-config-file.js';
import { resolveSpec } from '../../generators/core/spec.js';
import { serviceVerdict } from '../../generators/platforms/ownership/adopt.js';
import { ensureAppId } from '../../generators/platforms/ownership/app-id-file.js';
import { gatherCandidates } from '../../generators/platforms/ownership/candidates.js';
import {
  findDeployments,
  type FinderClients,
  others,
  regionsOfRoles,
} from '../../generators/platforms/ownership/deployments.js';
import {
  legacyNamesOf,
  LIMITS,
  type NameKind,
  nameProblem,
  namesOf,
} from '../../generators/platforms/ownership/names.js';
import { roleNeed } from '../../generators/platforms/ownership/needs.js';
import {
  type AnyTags,
  APP_ID_KEY,
  ownership,
  ownerText,
  ownTags,
  tagMap,
} from '../../generators/platforms/ownership/owner.js';
import {
  type AccountReaders,
  ecsNamesFromRoles,
  finderClients,
  referenceLister,
} from '../../generators/platforms/ownership/readers.js';
import {
  appRunnerUses,
  ecsUses,
  keyOf,
  keyOfArn,
  keyOfImage,
  parseArn,
  type ServiceRef,
} from '../../generators/platforms/ownership/refs.js';
import { regionsToSearch } from '../../generators/platforms/ownership/regions.js';
import { type Candidate, planRemoval } from '../../generators/platforms/ownership/removal.js';
import { decideRole, type RoleFacts, type RoleNeed, roleRefusal } from '../../generators/platforms/ownership/role.js';
import { type RoleIam, type RoleSpec, useRole } from '../../generators/platforms/ownership/use-role.js';

const A = 'app-aaaaaaaaaaaa' as AppId;
const B = 'app-bbbbbbbbbbbb' as AppId;
const ours = (id: AppId = A) => ownTags(id).pascal;
const specOf = (given: Record<string, string>) => {
  const r = resolveSpec({ directory: 'my-api', ...given }, {}, '/tmp/x');
  if (!r.ok) throw new Error(r.errors.join('\n'));
  return r.spec;
};

describe('the app id', () => {
  it('is app- and 12 lower-case base32 characters, different every time', () => {
    const ids = new Set(Array.from({ length: 200 }, () => newAppId()));
    expect(ids.size).toBe(200);
    for (const id of ids) expect(id).toMatch(/^app-[a-z2-7]{12}$/);
    expect(isAppId('app-ABCDEFGHIJKL')).toBe(false);
    expect(isAppId('app-abcdefghijk1')).toBe(false);
    expect(idSuffix(A)).toBe('aaaaaaaa');
  });

  it('names the problem and the fix when a config holds something else', () => {
    expect(parseAppId(A)).toEqual({ id: A });
    const bad = parseAppId('my-app');
    expect('error' in bad && bad.error).toMatch(/^app\.id "my-app" is not an app id .*restore it from git/);
    expect('error' in parseAppId(42) && (parseAppId(42) as { error: string }).error).toMatch(/^app\.id 42 /);
  });

  it('is drawn once per scaffold: the same spec gives the same id, another spec another', () => {
    const s = specOf({ runtime: 'go' });
    const t = specOf({ runtime: 'go' });
    expect(appIdOf(s)).toBe(appIdOf(s));
    expect(appIdOf(s)).not.toBe(appIdOf(t));
    expect(deployConfigOf(s).app).toEqual({ id: appIdOf(s) });
    const text = renderDeployConfig(deployConfigOf(s));
    expect(parse(text).app).toEqual({ id: appIdOf(s) });
    expect(text).toMatch(
      /\n# This app's id: deploy tags everything it creates with it \(create-apprunner-app:app-id\)[^\n]*\n#[^\n]*\napp:\n {2}id: app-[a-z2-7]{12}\n$/,
    );
  });

  it('is added to an older config as its last key, every comment and line before it kept', () => {
    const s = specOf({ runtime: 'python' });
    const config = deployConfigOf(s);
    delete config.app;
    const old = `${renderDeployConfig(config).replace('environment: {}', 'environment: {}   # mine')}`;
    const next = withAppId(old, B);
    expect(next.startsWith(old)).toBe(true);
    expect(parse(next)).toEqual({ ...parse(old), app: { id: B } });
    // withTarget still finds and keeps everything.
    expect(parse(withTarget(next, 'ecs-express'))).toEqual({ ...parse(next), target: 'ecs-express' });
    // A flow-style file cannot take an appended key: the Document API writes it instead.
    expect(parse(withAppId('{service: {name: my-api, region: us-east-1}}\n', B))).toEqual({
      service: { name: 'my-api', region: 'us-east-1' },
      app: { id: B },
    });
  });
});

describe('per-app names', () => {
  const longest = 'a'.repeat(38) + '_Z';
  const regions = ['us-east-1', 'ap-southeast-5', 'us-gov-west-1', 'eu-central-2'];

  it('fit every AWS limit, for the longest service name and region', () => {
    for (const region of regions) {
      for (const name of [longest, 'My_Api', 'abcd', 'x-'.repeat(20)]) {
        const names = namesOf({ id: newAppId(), name, region });
        const kinds: Record<keyof typeof names, NameKind> = {
          instanceRole: 'role',
          executionRole: 'role',
          taskRole: 'role',
          repository: 'repository',
          autoScaling: 'autoScaling',
          observability: 'observability',
          vpcConnector: 'vpcConnector',
          appRunnerService: 'appRunnerService',
          ecsService: 'ecsService',
        };
        for (const [k, kind] of Object.entries(kinds))
          expect(
            nameProblem(kind, names[k as keyof typeof names]),
            `${k} ${names[k as keyof typeof names]}`,
          ).toBeUndefined();
      }
    }
    expect(nameProblem('autoScaling', 'x'.repeat(33))).toMatch(
      /33 characters; AWS allows 4-32 \(https:\/\/docs\.aws\.amazon\.com\/apprunner/,
    );
    expect(nameProblem('repository', 'My-Api')).toMatch(/characters AWS does not allow/);
    expect(LIMITS.role.caseInsensitive).toBe(true);
  });

  it('keep My_Api and my-api apart after case folding (ECR is lower case, IAM ignores case)', () => {
    const one = namesOf({ id: A, name: 'My_Api', region: 'us-east-1' });
    const two = namesOf({ id: B, name: 'my-api', region: 'us-east-1' });
    for (const key of Object.keys(one) as (keyof typeof one)[]) {
      if (key === 'appRunnerService' || key === 'ecsService') continue;
      expect(one[key].toLowerCase(), key).not.toBe(two[key].toLowerCase());
    }
    expect(one.repository).toBe('my-api-aaaaaaaa');
    // The old names collided: the reason for the new ones.
    expect(legacyNamesOf('My_Api').repository).toBe(legacyNamesOf('my-api').repository);
  });

  it('keep long names that share a prefix apart after truncation, and keep the readable part', () => {
    const name = 'payments-reconciliation-service-eu-west-1';
    const one = namesOf({ id: A, name: name.slice(0, 40), region: 'eu-west-1' });
    const two = namesOf({ id: B, name: `${name.slice(0, 39)}2`, region: 'eu-west-1' });
    expect(one.autoScaling).toBe('payments-reconciliation-aaaaaaaa');
    expect(one.autoScaling).toHaveLength(32);
    expect(one.autoScaling).not.toBe(two.autoScaling);
    expect(legacyNamesOf(name.slice(0, 40)).autoScaling).toBe(legacyNamesOf(`${name.slice(0, 39)}2`).autoScaling);
    expect(one.instanceRole.startsWith('AppRunnerInstance-payments-')).toBe(true);
    expect(one.instanceRole.endsWith('-eu-west-1-aaaaaaaa')).toBe(true);
  });

  it('give one app a role per region (IAM is global), but one repository name in every region', () => {
    const east = namesOf({ id: A, name: 'my-api', region: 'us-east-1' });
    const west = namesOf({ id: A, name: 'my-api', region: 'us-west-2' });
    expect(east.executionRole).toBe('ecsTaskExecution-my-api-us-east-1-aaaaaaaa');
    expect(west.executionRole).toBe('ecsTaskExecution-my-api-us-west-2-aaaaaaaa');
    expect(east.repository).toBe(west.repository);
  });
});

describe('the owner decider', () => {
  it('says ours only for this app id, legacy for created-by alone, foreign otherwise with the owner tags', () => {
    expect(ownership(ours(), A)).toEqual({ kind: 'ours' });
    expect(ownership(ownTags(A).camel, A)).toEqual({ kind: 'ours' });
    expect(ownership(ownTags(A).map, A)).toEqual({ kind: 'ours' });
    expect(ownership([{ Key: 'created-by', Value: 'create-apprunner-app' }], A)).toEqual({ kind: 'legacy' });
    const other = ownership(ours(B), A);
    expect(other).toEqual({ kind: 'foreign', owner: { 'created-by': 'create-apprunner-app', [APP_ID_KEY]: B } });
    expect(ownerText(other)).toBe(`another app's id: created-by=create-apprunner-app, ${APP_ID_KEY}=${B}`);
    const team = ownership(
      [
        { key: 'team', value: 'payments' },
        { key: 'cost-center', value: '42' },
      ],
      A,
    );
    expect(ownerText(team)).toBe('team=payments');
    expect(ownerText(ownership(undefined, A))).toMatch(/no tag that names an owner/);
    expect(tagMap([{ Key: 'a' }])).toEqual({ a: '' });
  });

  it('uses a key AWS allows everywhere: not aws:, at most 128 characters', () => {
    expect(APP_ID_KEY.startsWith('aws:')).toBe(false);
    expect(APP_ID_KEY.length).toBeLessThanOrEqual(128);
    expect(APP_ID_KEY).toMatch(/^[\p{L}\p{Z}\p{N}_.:/=+\-@]+$/u);
  });
});

describe('the role decider', () => {
  const trust = (service: string, extra: object = {}) =>
    encodeURIComponent(
      JSON.stringify({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Principal: { Service: service }, Action: 'sts:AssumeRole', ...extra }],
      }),
    );
  const EXEC = 'arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy';
  const SECRET = 'arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbCdEf';
  const need: RoleNeed = {
    principal: 'ecs-tasks.amazonaws.com',
    grants: [
      { actions: ['ecr:BatchGetImage', 'logs:PutLogEvents'], resources: ['*'], managedPolicyArn: EXEC },
      { actions: ['secretsmanager:GetSecretValue'], resources: [SECRET] },
    ],
  };
  const role = (over: Partial<RoleFacts>): RoleFacts => ({
    name: 'r',
    tags: [],
    trustPolicy: trust('ecs-tasks.amazonaws.com'),
    attachedPolicyArns: [EXEC],
    documents: [],
    ...over,
  });
  const doc = (...Statement: object[]) => JSON.stringify({ Version: '2012-10-17', Statement });

  it('uses its own role as it is, whatever its policies', () => {
    expect(decideRole(role({ tags: ours(), attachedPolicyArns: [] }), A, need)).toMatchObject({
      use: true,
      ours: true,
    });
  });

  it('uses a role it does not own only when it already allows everything, wildcards included', () => {
    const enough = role({
      documents: [
        doc({
          Effect: 'Allow',
          Action: 'secretsmanager:Get*',
          Resource: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:*',
        }),
      ],
    });
    expect(decideRole(enough, A, need)).toMatchObject({ use: true, ours: false, ownership: { kind: 'foreign' } });
    const inline = role({
      attachedPolicyArns: [],
      documents: [
        doc({ Effect: 'Allow', Action: ['ecr:*', 'logs:*', 'secretsmanager:GetSecretValue'], Resource: '*' }),
      ],
    });
    expect(decideRole(inline, A, need).use).toBe(true);
  });

  it('refuses, naming what is missing, when a grant is absent, denied, conditional or the trust is wrong', () => {
    const short = decideRole(role({}), A, need);
    expect(short).toEqual({
      use: false,
      ownership: { kind: 'foreign', owner: {} },
      missing: [`secretsmanager:GetSecretValue on ${SECRET}`],
    });
    const denied = decideRole(
      role({
        documents: [
          doc(
            { Effect: 'Allow', Action: '*', Resource: '*' },
            { Effect: 'Deny', Action: 'secretsmanager:*', Resource: '*' },
          ),
        ],
      }),
      A,
      need,
    );
    expect(denied.use).toBe(false);
    const conditional = decideRole(
      role({
        documents: [
          doc({ Effect: 'Allow', Action: '*', Resource: '*', Condition: { Bool: { 'aws:SecureTransport': 'true' } } }),
        ],
      }),
      A,
      need,
    );
    expect(conditional.use).toBe(false);
    const wrongTrust = decideRole(
      role({
        trustPolicy: trust('tasks.apprunner.amazonaws.com'),
        documents: [doc({ Effect: 'Allow', Action: '*', Resource: '*' })],
      }),
      A,
      need,
    );
    expect(wrongTrust).toMatchObject({
      use: false,
      missing: ['trust: it does not let ecs-tasks.amazonaws.com assume it'],
    });
    const legacy = decideRole(role({ tags: [{ Key: 'created-by', Value: 'create-apprunner-app' }] }), A, need);
    expect(roleRefusal('ecsTaskExecution-my-api', legacy as never)).toMatch(
      /^The IAM role ecsTaskExecution-my-api exists but is not this app's \(created-by=create-apprunner-app without an app id.*\n {2}- secretsmanager:GetSecretValue on .*\nDeploy does not change the policies/s,
    );
  });
});

describe('references', () => {
  it('turns ARNs and image URIs into the keys services use', () => {
    expect(parseArn('arn:aws:iam::123456789012:role/path/My-Role')).toEqual({
      kind: 'role',
      region: '',
      name: 'My-Role',
    });
    expect(keyOfArn('arn:aws:iam::123456789012:role/My-Role')).toBe(keyOf('role', 'x', 'my-role'));
    expect(parseArn('arn:aws:ecs:eu-west-1:123456789012:service/default/my-api')).toEqual({
      kind: 'service',
      region: 'eu-west-1',
      name: 'my-api',
      platform: 'ecs-express',
    });
    expect(
      parseArn('arn:aws:apprunner:us-east-1:123456789012:autoscalingconfiguration/my-api-aaaaaaaa/2/abc'),
    ).toMatchObject({ kind: 'autoScaling', name: 'my-api-aaaaaaaa' });
    expect(parseArn('arn:aws:logs:us-east-1:123456789012:log-group:/ecs/my-api-aaaaaaaa:*')).toMatchObject({
      kind: 'logGroup',
      name: '/ecs/my-api-aaaaaaaa',
    });
    expect(parseArn('arn:aws:s3:::bucket')).toBeUndefined();
    expect(keyOfImage('123456789012.dkr.ecr.us-west-2.amazonaws.com/team/my-api:v1')).toBe(
      'repository:us-west-2:team/my-api',
    );
    expect(keyOfImage('public.ecr.aws/nginx/nginx:latest')).toBeUndefined();
    expect(
      appRunnerUses({
        InstanceConfiguration: { InstanceRoleArn: 'arn:aws:iam::1:role/R' },
        SourceConfiguration: {
          ImageRepository: { ImageIdentifier: '123456789012.dkr.ecr.us-east-1.amazonaws.com/my-api@sha256:00' },
        },
        AutoScalingConfigurationSummary: {
          AutoScalingConfigurationArn:
            'arn:aws:apprunner:us-east-1:1:autoscalingconfiguration/DefaultConfiguration/1/x',
        },
      }),
    ).toEqual(['role:r', 'autoScaling:us-east-1:DefaultConfiguration', 'repository:us-east-1:my-api']);
    expect(
      ecsUses('eu-west-1', { roleArns: ['arn:aws:iam::1:role/E', undefined], images: [], logGroups: ['/ecs/x'] }),
    ).toEqual(['role:e', 'logGroup:eu-west-1:/ecs/x']);
  });
});

describe('the removal planner', () => {
  const east = namesOf({ id: A, name: 'my-api', region: 'us-east-1' });
  const service = (
    region: string,
    tags = ours(),
    platform: 'apprunner' | 'ecs-express' = 'ecs-express',
  ): Candidate => ({
    kind: 'service',
    key: keyOf('service', region, 'my-api', platform),
    label: `the service my-api in ${region}`,
    tags,
    region,
    name: 'my-api',
  });
  const role: Candidate = {
    kind: 'role',
    key: keyOf('role', '', east.executionRole),
    label: `the IAM role ${east.executionRole}`,
    tags: ours(),
    region: '',
    name: east.executionRole,
  };
  const repo: Candidate = {
    kind: 'repository',
    key: keyOf('repository', 'us-east-1', east.repository),
    label: 'the repository',
    tags: ours(),
    region: 'us-east-1',
    name: east.repository,
  };
  const logs: Candidate = {
    kind: 'logGroup',
    key: keyOf('logGroup', 'us-east-1', '/aws/ecs/default/my-api-1a2b'),
    label: 'the log group',
    tags: ownTags(A).map,
    region: 'us-east-1',
    name: '/aws/ecs/default/my-api-1a2b',
  };
  const user = (over: Partial<ServiceRef>): ServiceRef => ({
    platform: 'ecs-express',
    region: 'us-east-1',
    name: 'my-api',
    key: service('us-east-1').key,
    uses: [role.key, repo.key, logs.key],
    ...over,
  });
  const lister = (by: Record<string, ServiceRef[]>, asked: string[] = []) => ({
    regions: async () => Object.keys(by),
    servicesIn: async (r: string) => {
      asked.push(r);
      return by[r] ?? [];
    },
  });

  it("removes this app's service first, then what only it used", async () => {
    const plan = await planRemoval(A, [logs, role, repo, service('us-east-1')], lister({ 'us-east-1': [user({})] }));
    expect(plan.remove.map((c) => c.kind)).toEqual(['service', 'role', 'repository', 'logGroup']);
    expect(plan.keep).toEqual([]);
  });

  it('keeps a role and a repository that a service it does not remove uses, in another region or on another platform', async () => {
    const asked: string[] = [];
    const handMade = user({
      platform: 'apprunner',
      region: 'eu-west-1',
      name: 'hand-made',
      key: 'service:apprunner:eu-west-1:hand-made',
      uses: [role.key],
    });
    const sameNameElsewhere = user({ region: 'us-west-2', key: service('us-west-2').key, uses: [repo.key] });
    const plan = await planRemoval(
      A,
      [service('us-east-1'), role, repo],
      lister({ 'us-east-1': [user({})], 'eu-west-1': [handMade], 'us-west-2': [sameNameElsewhere] }, asked),
    );
    expect(asked.sort()).toEqual(['eu-west-1', 'us-east-1', 'us-west-2']);
    expect(plan.remove.map((c) => c.label)).toEqual(['the service my-api in us-east-1']);
    expect(plan.keep.map((k) => k.reason)).toEqual([
      'still used by hand-made (App Runner, eu-west-1)',
      'still used by my-api (ECS Express, us-west-2)',
    ]);
  });

  it("never removes what lacks this app's id: another app's, a hand-made one, or one an older version made", async () => {
    const foreignService = service('us-east-1', [{ Key: 'team', Value: 'payments' }]);
    const otherRole = { ...role, tags: ours(B) };
    const legacyRepo = { ...repo, tags: [{ Key: 'created-by', Value: 'create-apprunner-app' }] };
    const plan = await planRemoval(A, [foreignService, otherRole, legacyRepo], lister({}));
    expect(plan.remove).toEqual([]);
    expect(plan.keep.map((k) => k.reason)).toEqual([
      "not this app's: team=payments",
      `not this app's: another app's id: created-by=create-apprunner-app, ${APP_ID_KEY}=${B}`,
      expect.stringMatching(/^made by an older version \(no app id\)/),
    ]);
  });

  it('keeps a role IAM saw used lately in a region where no service of this app goes', async () => {
    const now = new Date('2026-12-02T12:00:00Z');
    const used = (region: string, daysAgo: number) => ({
      ...role,
      lastUsed: { at: new Date(now.getTime() - daysAgo * 86_400_000), region },
    });
    const keep = await planRemoval(A, [service('us-east-1'), used('eu-west-1', 1)], lister({}), { now });
    expect(keep.keep.map((k) => k.reason)).toEqual([
      'IAM says it was last used on 2026-12-01 in eu-west-1, where delete removes no service of this app: something it cannot see may still run as it',
    ]);
    expect(
      (await planRemoval(A, [service('us-east-1'), used('us-east-1', 1)], lister({}), { now })).remove,
    ).toHaveLength(2);
    expect(
      (await planRemoval(A, [service('us-east-1'), used('eu-west-1', 90)], lister({}), { now })).remove,
    ).toHaveLength(2);
  });

  it('keeps the repository and its images with --keep-image, and looks in the regions its candidates live in', async () => {
    const asked: string[] = [];
    const plan = await planRemoval(A, [service('ap-south-1'), repo, repo], lister({}, asked), { keepImage: true });
    expect(asked.sort()).toEqual(['ap-south-1', 'us-east-1']);
    expect(plan.remove.map((c) => c.kind)).toEqual(['service']);
    expect(plan.keep).toEqual([{ candidate: repo, reason: 'kept with its images: --keep-image' }]);
  });
});

describe('finding every deployment', () => {
  const arnAr = (region: string, name: string) =>
    `arn:aws:apprunner:${region}:123456789012:service/${name}/0123456789abcdef`;
  const arnEcs = (region: string, name: string) => `arn:aws:ecs:${region}:123456789012:service/default/${name}`;
  const fake = (over: Partial<FinderClients> & { calls?: string[] } = {}): FinderClients => ({
    tagged: async () => [],
    services: async () => [],
    roleNames: async () => [],
    isLive: async () => true,
    ...over,
  });

  it('finds a renamed service, another region and the other platform, each by the id tag', async () => {
    const listed: string[] = [];
    const found = await findDeployments(
      A,
      ['us-east-1', 'eu-west-1', 'ap-south-1'],
      'us-east-1',
      fake({
        tagged: async (region, key, value) => {
          expect([key, value]).toEqual([APP_ID_KEY, A]);
          if (region === 'us-east-1')
            return [
              { arn: arnAr(region, 'old-name'), tags: {} },
              { arn: `arn:aws:ecr:${region}:123456789012:repository/my-api-aaaaaaaa`, tags: {} },
            ];
          if (region === 'eu-west-1')
            return [
              { arn: arnAr(region, 'my-api'), tags: {} },
              { arn: arnEcs(region, 'deleted'), tags: {} },
            ];
          return [];
        },
        isLive: async (d) => d.name !== 'deleted',
        // ECS Express services missing from GetResources are still found: the role names say where to look.
        roleNames: async () => [
          'ecsTaskExecution-my-api-ap-south-1-aaaaaaaa',
          'ecsTaskExecution-my-api-us-west-2-bbbbbbbb',
          'AppRunnerECRAccessRole',
        ],
        services: async (region) => {
          listed.push(region);
          return region === 'ap-south-1'
            ? [
                { platform: 'ecs-express', name: 'my-api', arn: arnEcs(region, 'my-api'), tags: ownTags(A).camel },
                { platform: 'ecs-express', name: 'theirs', arn: arnEcs(region, 'theirs'), tags: ownTags(B).camel },
              ]
            : [];
        },
      }),
    );
    expect(listed.sort()).toEqual(['ap-south-1', 'eu-west-1', 'us-east-1']);
    expect(found.deployments.map((d) => `${d.platform} ${d.region} ${d.name}`)).toEqual([
      'ecs-express ap-south-1 my-api',
      'apprunner eu-west-1 my-api',
      'apprunner us-east-1 old-name',
    ]);
    expect(found.resources.map((r) => r.arn)).toEqual([expect.stringContaining(':repository/my-api-aaaaaaaa')]);
    expect(others(found.deployments, { platform: 'apprunner', region: 'eu-west-1', name: 'my-api' })).toHaveLength(2);
  });

  it('skips regions the account has not enabled, and reports ones it could not read', async () => {
    const error = (code: string) => Object.assign(new Error(`${code}: no`), { code });
    const found = await findDeployments(
      A,
      ['us-east-1', 'me-central-1', 'eu-west-1'],
      'us-east-1',
      fake({
        tagged: async (region) => {
          if (region === 'me-central-1') throw error('UnrecognizedClientException');
          if (region === 'eu-west-1') throw error('AccessDeniedException');
          return [];
        },
      }),
    );
    expect(found.unreachable).toEqual([{ region: 'eu-west-1', reason: 'AccessDeniedException: no' }]);
  });

  it("reads regions from this app's role names only, and searches every commercial region", () => {
    expect(
      regionsOfRoles(
        [
          'AppRunnerInstance-x-eu-central-2-aaaaaaaa',
          'AppRunnerInstance-x-eu-central-2-AAAAAAAA',
          'ecsTaskExecution-x',
        ],
        A,
      ),
    ).toEqual(['eu-central-2']);
    expect(regionsToSearch('us-east-1')).toContain('ap-southeast-5');
    expect(regionsToSearch('cn-north-1')).toEqual(['cn-north-1']);
  });
});

describe('taking over a same-named service', () => {
  const ctx = {
    adopt: false,
    migrating: false,
    label: 'The App Runner service my-api in us-east-1',
    configFile: 'apprunner.deploy.yaml',
  };

  it('updates its own, refuses any other naming the owner tags and the way out, adopts only when told', () => {
    expect(serviceVerdict(ours(), A, ctx)).toEqual({ act: 'update' });
    const refused = serviceVerdict([{ Key: 'team', Value: 'payments' }], A, ctx);
    expect(refused.act).toBe('refuse');
    expect(refused.act === 'refuse' && refused.message).toMatch(
      /^The App Runner service my-api in us-east-1 already exists and is not this app's: it carries team=payments, not create-apprunner-app:app-id=app-a{12}\. .*nothing was changed\.\n.*deploy --adopt\n.*\n.*own service\.name in apprunner\.deploy\.yaml/s,
    );
    expect(serviceVerdict(ours(B), A, ctx).act).toBe('refuse');
    expect(serviceVerdict([{ Key: 'created-by', Value: 'create-apprunner-app' }], A, ctx).act).toBe('refuse');
    expect(serviceVerdict([{ Key: 'team', Value: 'payments' }], A, { ...ctx, adopt: true })).toMatchObject({
      act: 'adopt',
      why: expect.stringMatching(/^Taking over .*\(--adopt\): it carried team=payments/),
    });
  });

  it('takes over what an older version made only on the deploy that gives the config its id', () => {
    const legacy = [{ Key: 'created-by', Value: 'create-apprunner-app' }];
    expect(serviceVerdict(legacy, A, { ...ctx, migrating: true })).toMatchObject({
      act: 'adopt',
      why: expect.stringMatching(/made by an older version of this tool for this config/),
    });
    expect(serviceVerdict([{ Key: 'team', Value: 'payments' }], A, { ...ctx, migrating: true }).act).toBe('refuse');
  });

  it('builds a role need from the managed policies and exactly the configured secrets', () => {
    const need = roleNeed(
      'ecs-tasks.amazonaws.com',
      [{ arn: 'arn:aws:iam::aws:policy/P', actions: ['ecr:BatchGetImage'] }],
      {
        secrets: [
          'arn:aws:secretsmanager:us-east-1:1:secret:db',
          'arn:aws:secretsmanager:us-east-1:1:secret:db-??????',
        ],
        parameters: ['arn:aws:ssm:us-east-1:1:parameter/p'],
      },
    );
    expect(need.grants).toEqual([
      { actions: ['ecr:BatchGetImage'], resources: ['*'], managedPolicyArn: 'arn:aws:iam::aws:policy/P' },
      { actions: ['secretsmanager:GetSecretValue'], resources: ['arn:aws:secretsmanager:us-east-1:1:secret:db'] },
      { actions: ['ssm:GetParameters'], resources: ['arn:aws:ssm:us-east-1:1:parameter/p'] },
    ]);
  });
});

describe('the readers behind the finder and the planner', () => {
  const arn = (region: string, name: string) => `arn:aws:ecs:${region}:123456789012:service/default/${name}`;
  const readers = (opened: string[]): AccountReaders => ({
    ecsServiceArn: arn,
    roleNames: async () => [
      'ecsTaskExecution-old-name-eu-west-1-aaaaaaaa',
      `ecsTaskExecution-${'x'.repeat(28)}-eu-west-1-aaaaaaaa`,
      'ecsTaskExecution-b-eu-west-1-bbbbbbbb',
    ],
    region: async (region) => {
      opened.push(region);
      return {
        tagged: async () => [],
        ...(region === 'us-east-1'
          ? {
              appRunner: {
                listServices: async () => [
                  { ServiceName: 'my-api', ServiceArn: 'ar-1', Status: 'RUNNING' },
                  { ServiceName: 'gone', ServiceArn: 'ar-2', Status: 'DELETED' },
                ],
                describeService: async () =>
                  ({
                    InstanceConfiguration: {
                      InstanceRoleArn: 'arn:aws:iam::1:role/AppRunnerInstance-my-api-us-east-1-aaaaaaaa',
                    },
                  }) as never,
                tagsOf: async () => ownTags(A).pascal,
              },
            }
          : {}),
        ecs: {
          describeExpress: async (serviceArn: string) =>
            (serviceArn === arn('eu-west-1', 'old-name')
              ? {
                  serviceArn,
                  status: { statusCode: 'ACTIVE' },
                  tags: ownTags(A).camel,
                  activeConfigurations: [{ executionRoleArn: 'arn:aws:iam::1:role/E' }],
                }
              : undefined) as never,
        },
      };
    },
  });

  it("reads ECS service names from this app's role names, never from a cut one or another app's", () => {
    expect(
      ecsNamesFromRoles(
        [
          'ecsTaskExecution-old-name-eu-west-1-aaaaaaaa',
          'ecsTaskExecution-b-eu-west-1-bbbbbbbb',
          `ecsTaskExecution-${'y'.repeat(29)}-eu-west-1-aaaaaaaa`,
        ],
        A,
        'eu-west-1',
      ),
    ).toEqual(['old-name']);
  });

  it('lists App Runner services with their tags and ECS Express services the roles name, and lists what they use', async () => {
    const opened: string[] = [];
    const f = finderClients(readers(opened), A, 'my-api');
    expect((await f.services('us-east-1', { appRunner: true })).map((s) => `${s.platform} ${s.name}`)).toEqual([
      'apprunner my-api',
    ]);
    // App Runner's list is read only where the Tagging API saw App Runner resources of the app.
    expect((await f.services('us-east-1', { appRunner: false })).map((s) => `${s.platform} ${s.name}`)).toEqual([]);
    expect((await f.services('eu-west-1', { appRunner: true })).map((s) => `${s.platform} ${s.name}`)).toEqual([
      'ecs-express old-name',
    ]);
    expect(
      await f.isLive({
        platform: 'ecs-express',
        region: 'eu-west-1',
        name: 'old-name',
        arn: arn('eu-west-1', 'old-name'),
      }),
    ).toBe(true);
    expect(await f.isLive({ platform: 'apprunner', region: 'eu-west-1', name: 'x', arn: 'ar-9' })).toBe(false);
    const lister = referenceLister(readers(opened), A, ['us-east-1', 'eu-west-1'], []);
    expect(await lister.servicesIn('us-east-1')).toEqual([
      {
        platform: 'apprunner',
        region: 'us-east-1',
        name: 'my-api',
        key: 'service:apprunner:us-east-1:my-api',
        uses: ['role:apprunnerinstance-my-api-us-east-1-aaaaaaaa'],
      },
    ]);
    expect((await lister.servicesIn('eu-west-1'))[0]).toMatchObject({ name: 'old-name', uses: ['role:e'] });
    // A role's users are looked for on the platform its trust policy names only.
    expect(
      await referenceLister(readers(opened), A, ['us-east-1'], [], ['ecs-express']).servicesIn('us-east-1'),
    ).toEqual([]);
  });
});

describe('using a role', () => {
  const EXEC = 'arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy';
  const trust = JSON.stringify({
    Statement: [{ Effect: 'Allow', Principal: { Service: 'ecs-tasks.amazonaws.com' }, Action: 'sts:AssumeRole' }],
  });
  const spec = (over: Partial<RoleSpec> = {}): RoleSpec => ({
    input: { RoleName: 'ecsTaskExecution-my-api-us-east-1-aaaaaaaa', AssumeRolePolicyDocument: trust },
    managed: [{ arn: EXEC, actions: ['ecr:BatchGetImage'] }],
    inline: {
      RoleName: 'ecsTaskExecution-my-api-us-east-1-aaaaaaaa',
      PolicyName: 'read-app-secrets',
      PolicyDocument: '{}',
    },
    need: roleNeed('ecs-tasks.amazonaws.com', [{ arn: EXEC, actions: ['ecr:BatchGetImage'] }], {
      secrets: ['arn:aws:secretsmanager:us-east-1:1:secret:db'],
      parameters: [],
    }),
    why: 'ECS pulls the image with it',
    ...over,
  });
  const fakeIam = (role?: { tags: AnyTags; attached: string[]; documents?: string[] }) => {
    const calls: string[] = [];
    const iam: RoleIam = {
      roleWithTags: async (name) =>
        role
          ? ({
              RoleName: name,
              Arn: `arn:aws:iam::1:role/${name}`,
              AssumeRolePolicyDocument: encodeURIComponent(trust),
              tags: role.tags,
            } as never)
          : undefined,
      createRole: async (input) => {
        calls.push(`create ${JSON.stringify(input.Tags)}`);
        return { Arn: `arn:aws:iam::1:role/${input.RoleName}` } as never;
      },
      attachedPolicies: async () => role?.attached ?? [],
      attachRolePolicy: async (i) => void calls.push(`attach ${i.PolicyArn.split('/').pop()}`),
      putRolePolicy: async (i) => void calls.push(`put ${i.PolicyName}`),
      policyDocuments: async () => role?.documents ?? [],
    };
    return { iam, calls };
  };
  const out = { info: () => undefined, note: () => undefined };

  it('creates a missing role with the id tags (shared ones with created-by only) and its policies', async () => {
    const { iam, calls } = fakeIam();
    await useRole(iam, out, A, spec());
    expect(calls).toEqual([
      `create ${JSON.stringify(ownTags(A).pascal)}`,
      'attach AmazonECSTaskExecutionRolePolicy',
      'put read-app-secrets',
    ]);
    const shared = fakeIam();
    await useRole(shared.iam, out, A, spec({ shared: true, inline: undefined }));
    expect(shared.calls[0]).toBe('create [{"Key":"created-by","Value":"create-apprunner-app"}]');
  });

  it('keeps its own role up to date, and never changes one that is not its own', async () => {
    const own = fakeIam({ tags: ours(), attached: [] });
    await useRole(own.iam, out, A, spec());
    expect(own.calls).toEqual(['attach AmazonECSTaskExecutionRolePolicy', 'put read-app-secrets']);
    const sharedWithOther = fakeIam({
      tags: ours(B),
      attached: [EXEC],
      documents: [
        JSON.stringify({ Statement: [{ Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: '*' }] }),
      ],
    });
    expect(await useRole(sharedWithOther.iam, out, A, spec())).toBe(
      'arn:aws:iam::1:role/ecsTaskExecution-my-api-us-east-1-aaaaaaaa',
    );
    expect(sharedWithOther.calls).toEqual([]);
    const short = fakeIam({ tags: [{ Key: 'team', Value: 'payments' }], attached: [EXEC] });
    await expect(useRole(short.iam, out, A, spec())).rejects.toThrow(
      /not this app's \(team=payments\).*\n {2}- secretsmanager:GetSecretValue on arn:aws:secretsmanager:us-east-1:1:secret:db/s,
    );
    expect(short.calls).toEqual([]);
  });
});

describe('the app section of a deploy config', () => {
  it('accepts an id or nothing, and names anything else', () => {
    expect(checkAppSection(undefined)).toEqual({ errors: [] });
    expect(checkAppSection({ id: A })).toEqual({ app: { id: A }, errors: [] });
    expect(checkAppSection('x').errors).toEqual(['app must be a mapping holding id (app:\n  id: app-…).']);
    expect(checkAppSection({ id: A, name: 'x' }).errors).toEqual(['app.name is not a field of app (only id).']);
    expect(checkAppSection({ id: 'nope' }).errors[0]).toMatch(/^app\.id "nope" is not an app id/);
  });

  it('gets an id on the first deploy that lacks one, said in one line, and keeps it after', () => {
    const dir = mkdtempSync(join(tmpdir(), 'caa-appid-'));
    const s = specOf({ runtime: 'go' });
    const config = deployConfigOf(s);
    delete config.app;
    const text = renderDeployConfig(config);
    writeFileSync(join(dir, 'apprunner.deploy.yaml'), text);
    const lines: string[] = [];
    const first = ensureAppId(dir, config, (l) => lines.push(l));
    expect(first.migrating).toBe(true);
    expect(lines).toEqual([
      expect.stringMatching(/^apprunner\.deploy\.yaml had no app id .*added app\.id app-[a-z2-7]{12}, .*Commit it/),
    ]);
    const written = readFileSync(join(dir, 'apprunner.deploy.yaml'), 'utf8');
    expect(written.startsWith(text)).toBe(true);
    expect(parse(written).app).toEqual({ id: first.id });
    expect(ensureAppId(dir, { ...config, app: { id: first.id } }, (l) => lines.push(l))).toEqual({
      id: first.id,
      migrating: false,
    });
    expect(lines).toHaveLength(1);
  });
});

describe('gathering what delete looks at', () => {
  it('takes every deployment, every tagged resource, and the roles and repositories named after each, old names too', async () => {
    const asked: string[] = [];
    const found = {
      deployments: [
        {
          platform: 'ecs-express' as const,
          region: 'eu-west-1',
          name: 'old-name',
          arn: 'arn:aws:ecs:eu-west-1:1:service/default/old-name',
        },
      ],
      resources: [
        { arn: 'arn:aws:apprunner:us-east-1:1:autoscalingconfiguration/my-api-aaaaaaaa/1/x', tags: ownTags(A).map },
      ],
      unreachable: [],
    };
    const list = await gatherCandidates(
      A,
      found,
      [{ region: 'us-east-1', name: 'go-api' }],
      {
        role: async (name) => {
          asked.push(name);
          return name === 'ecsTaskExecution-old-name'
            ? { tags: [{ Key: 'created-by', Value: 'create-apprunner-app' }] }
            : undefined;
        },
        repository: async (region, name) =>
          region === 'us-east-1' && name === 'go-api' ? { tags: ours() } : undefined,
      },
      (p) => (p === 'apprunner' ? 'App Runner' : 'ECS Express Mode'),
    );
    expect(asked.sort()).toEqual([
      'AppRunnerInstance-old-name',
      'AppRunnerInstance-old-name-eu-west-1-aaaaaaaa',
      'ecsTaskExecution-old-name',
      'ecsTaskExecution-old-name-eu-west-1-aaaaaaaa',
    ]);
    expect(list.map((c) => c.label)).toEqual([
      'the ECS Express Mode service old-name in eu-west-1',
      'the auto scaling configuration my-api-aaaaaaaa in us-east-1',
      'the IAM role ecsTaskExecution-old-name',
      'the ECR repository go-api in us-east-1',
    ]);
    const plan = await planRemoval(A, list, { regions: async () => [], servicesIn: async () => [] });
    expect(plan.remove.map((c) => c.kind)).toEqual(['service', 'autoScaling', 'repository']);
    expect(plan.keep.map((k) => k.candidate.label)).toEqual(['the IAM role ecsTaskExecution-old-name']);
  });
});
