// `secrets set | list | unset` from the packed CLI after a real deploy, against moto (STS, IAM, ECR,
// Secrets Manager) and the App Runner and ECS Express stand-ins: values from a pipe and from a
// pseudo-terminal, the role's policy after each step read back from moto, the service's own secrets as
// the stand-in received them, a same-named secret of someone else's refused, and every byte the CLI
// wrote (stdout, stderr, the app folder, the stand-ins' request logs) searched for the value.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

import { GetRolePolicyCommand, IAMClient, ListRolePoliciesCommand } from '@aws-sdk/client-iam';
import {
  CreateSecretCommand,
  DescribeSecretCommand,
  GetSecretValueCommand,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

import { type Backends, CREDENTIALS, deployEnv, fakeDockerBin, makeApp, useBackends } from '../deploy/harness.js';
import { cliBin, GIT_ENV, runInTerminal, userEnv } from '../helpers/cli.js';
import { cli } from './harness.js';

const b = useBackends();
const SENTINEL = 'sntl-7f3a9c-VALUE-do-not-print';
const aws = { endpoint: '', region: 'us-east-1', credentials: CREDENTIALS };

/** The CLI with `input` on standard input (a pipe, not a terminal). */
async function piped(backends: Backends, dir: string, args: string[], input: string, env: Record<string, string> = {}) {
  const r = await execa(process.execPath, [cliBin(), ...args], {
    cwd: dir,
    reject: false,
    input,
    all: true,
    extendEnv: false,
    timeout: 240_000,
    env: { ...userEnv(), ...GIT_ENV, CI: undefined, AWS_REGION: undefined, ...deployEnv(backends, env) },
  });
  return { code: r.exitCode, out: r.all ?? '', stdout: r.stdout, stderr: r.stderr };
}

const sm = () => new SecretsManagerClient({ ...aws, endpoint: b.moto.url });
const config = (dir: string) => parse(readFileSync(join(dir, 'apprunner.deploy.yaml'), 'utf8'));

/** The inline policies of a role, as moto holds them. */
async function inlinePolicies(role: string): Promise<Record<string, unknown>> {
  const iam = new IAMClient({ ...aws, endpoint: b.moto.url });
  try {
    const names = (await iam.send(new ListRolePoliciesCommand({ RoleName: role }))).PolicyNames ?? [];
    const out: Record<string, unknown> = {};
    for (const n of names) {
      const doc = (await iam.send(new GetRolePolicyCommand({ RoleName: role, PolicyName: n }))).PolicyDocument!;
      out[n] = JSON.parse(decodeURIComponent(doc));
    }
    return out;
  } finally {
    iam.destroy();
  }
}

/** Every file under dir, read as bytes (the app folder holds no value after any step). */
function folderBytes(dir: string): string {
  let all = '';
  for (const entry of readdirSync(dir, { recursive: true })) {
    const path = join(dir, String(entry));
    if (statSync(path).isFile()) all += readFileSync(path, 'latin1');
  }
  return all;
}

async function deployedApp(target: 'apprunner' | 'ecs-express') {
  const dir = await makeApp('image');
  const docker = fakeDockerBin();
  const env = { PATH: `${docker.bin}:${process.env.PATH}` };
  const r = await cli(b, dir, ['deploy', ...(target === 'ecs-express' ? ['--target', 'ecs-express'] : [])], env);
  expect(r.code, r.out).toBe(0);
  return { dir, env };
}

describe('secrets on App Runner', () => {
  it('sets from a pipe, lists, updates, unsets; the role reads exactly the secrets listed; the value is nowhere', async () => {
    const { dir, env } = await deployedApp('apprunner');
    const written: string[] = [];
    const before = readFileSync(join(dir, 'apprunner.deploy.yaml'), 'utf8');

    // A dry run reads no value and changes nothing.
    const dry0 = await piped(b, dir, ['secrets', 'set', 'API_KEY', '--dry-run'], SENTINEL, env);
    written.push(dry0.out);
    expect(dry0.code, dry0.out).toBe(0);
    expect(dry0.stdout).toContain('API_KEY: create the secret go-api/API_KEY in Secrets Manager (us-east-1');
    expect(readFileSync(join(dir, 'apprunner.deploy.yaml'), 'utf8')).toBe(before);
    const none = sm();
    try {
      await expect(none.send(new DescribeSecretCommand({ SecretId: 'go-api/API_KEY' }))).rejects.toThrow(/can't find/i);
    } finally {
      none.destroy();
    }
    const set = await piped(b, dir, ['secrets', 'set', 'API_KEY'], `${SENTINEL}\n`, env);
    written.push(set.out);
    expect(set.code, set.out).toBe(0);
    expect(set.stdout).toContain('API_KEY: created the secret go-api/API_KEY in Secrets Manager (us-east-1)');
    const arn = config(dir).secrets.API_KEY as string;
    expect(arn).toMatch(/^arn:aws:secretsmanager:us-east-1:\d{12}:secret:go-api\/API_KEY-\w{6}$/);
    // Comments and the other keys stay as they were; only secrets: is new, before app:.
    const after = readFileSync(join(dir, 'apprunner.deploy.yaml'), 'utf8');
    for (const line of before.split('\n').filter((l) => l.startsWith('#'))) expect(after).toContain(line);
    expect(after.search(/^secrets:/m)).toBeLessThan(after.search(/^app:/m));
    expect(after.search(/^secrets:/m)).toBeGreaterThan(0);

    const client = sm();
    try {
      const value = await client.send(new GetSecretValueCommand({ SecretId: arn }));
      expect(value.SecretString).toBe(SENTINEL); // the trailing newline of echo is dropped
      const facts = await client.send(new DescribeSecretCommand({ SecretId: arn }));
      expect(facts.KmsKeyId).toBeUndefined(); // the default aws/secretsmanager key
      expect(Object.fromEntries((facts.Tags ?? []).map((t) => [t.Key, t.Value]))).toEqual({
        'created-by': 'create-apprunner-app',
        'create-apprunner-app:app-id': config(dir).app.id,
      });
    } finally {
      client.destroy();
    }
    // The redeploy went through deploy: the service reads it, the instance role may read exactly it.
    const update = b.standIn.inputsOf('UpdateService').at(-1)!;
    expect(update.SourceConfiguration.ImageRepository.ImageConfiguration.RuntimeEnvironmentSecrets).toEqual({
      API_KEY: arn,
    });
    const role = update.InstanceConfiguration.InstanceRoleArn.split('/').pop();
    expect(await inlinePolicies(role)).toEqual({
      'read-app-secrets': {
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Action: ['secretsmanager:GetSecretValue'], Resource: [arn, `${arn}-??????`] }],
      },
    });

    const list = await cli(b, dir, ['secrets', 'list']);
    written.push(list.out);
    expect(list.code, list.out).toBe(0);
    expect(list.stdout).toContain('API_KEY');
    expect(list.stdout).toContain(`Secrets Manager, us-east-1: ${arn}`);
    expect(list.stdout).toMatch(/last changed \d{4}-\d\d-\d\dT[\d:.]+Z; made by secrets set/);
    const json = JSON.parse((await cli(b, dir, ['secrets', 'list', '--json'])).stdout);
    expect(json.secrets).toEqual([
      expect.objectContaining({ name: 'API_KEY', store: 'Secrets Manager', where: arn, ours: true, state: 'ok' }),
    ]);

    // Again: the same secret gets a new value (no second secret, no redeploy with --stage).
    const again = await piped(b, dir, ['secrets', 'set', 'API_KEY', '--stage'], `${SENTINEL}-2`, env);
    written.push(again.out);
    expect(again.code, again.out).toBe(0);
    expect(again.stdout).toContain('API_KEY: updated the secret go-api/API_KEY');
    expect(again.stdout).toContain('--stage: not redeployed');
    expect(config(dir).secrets.API_KEY).toBe(arn);

    // A dry run of unset changes nothing; without a terminal it needs --yes.
    const dry = await cli(b, dir, ['secrets', 'unset', 'API_KEY', '--dry-run']);
    written.push(dry.out);
    expect(dry.code, dry.out).toBe(0);
    expect(dry.stdout).toContain('schedule the secret go-api/API_KEY for deletion in 30 days');
    const noYes = await cli(b, dir, ['secrets', 'unset', 'API_KEY']);
    written.push(noYes.out);
    expect(noYes.code).toBe(2);
    expect(noYes.stderr).toContain('pass --yes');
    expect(config(dir).secrets.API_KEY).toBe(arn);

    const unset = await cli(b, dir, ['secrets', 'unset', 'API_KEY', '--yes'], env);
    written.push(unset.out);
    expect(unset.code, unset.out).toBe(0);
    expect(unset.stdout).toContain('removed API_KEY from secrets: in apprunner.deploy.yaml');
    expect(unset.stdout).toMatch(/scheduled the secret go-api\/API_KEY for deletion on \d{4}-/);
    expect(config(dir).secrets).toBeUndefined();
    // The role reads no secret any more; the service was redeployed without it.
    expect(await inlinePolicies(role)).toEqual({});
    const last = b.standIn.inputsOf('UpdateService').at(-1)!;
    expect(last.SourceConfiguration.ImageRepository.ImageConfiguration.RuntimeEnvironmentSecrets).toBeUndefined();
    const gone = sm();
    try {
      const facts = await gone.send(new DescribeSecretCommand({ SecretId: arn }));
      expect(facts.DeletedDate).toBeInstanceOf(Date);
      const days = (facts.DeletedDate!.getTime() - Date.now()) / 86_400_000;
      expect(days).toBeGreaterThan(29);
    } finally {
      gone.destroy();
    }

    // The value is nowhere but in Secrets Manager: not in any output, file or request the stand-in got.
    const everything = [...written, folderBytes(dir), JSON.stringify(b.standIn.requests)].join('\n');
    expect(everything).not.toContain(SENTINEL);
    expect(everything).toContain('go-api/API_KEY'); // the search does see what was written
  });

  it('reads a value typed at a hidden prompt, and refuses several names from one pipe', async () => {
    const { dir, env } = await deployedApp('apprunner');
    const typed = await runInTerminal(
      ['secrets', 'set', 'TOKEN', '--stage'],
      dir,
      [{ expect: 'Value of TOKEN', send: `${SENTINEL}\r` }],
      process.execPath,
      deployEnv(b, env) as Record<string, string>,
    );
    expect(typed.code, typed.out).toBe(0);
    expect(typed.out).toContain('TOKEN: created the secret go-api/TOKEN');
    expect(typed.out).not.toContain(SENTINEL); // not echoed, not masked by length either
    expect(typed.out).not.toMatch(/\*{5,}/);
    const client = sm();
    try {
      const arn = config(dir).secrets.TOKEN as string;
      expect((await client.send(new GetSecretValueCommand({ SecretId: arn }))).SecretString).toBe(SENTINEL);
    } finally {
      client.destroy();
    }

    const before = readFileSync(join(dir, 'apprunner.deploy.yaml'), 'utf8');
    // Ctrl-C at the prompt: exit 130, nothing sent or written.
    const created = b.standIn.requests.length;
    const cancelled = await runInTerminal(
      ['secrets', 'set', 'OTHER_KEY'],
      dir,
      [{ expect: 'Value of OTHER_KEY', send: 'part\x03' }],
      process.execPath,
      deployEnv(b, env) as Record<string, string>,
    );
    expect(cancelled.code, cancelled.out).toBe(130);
    expect(readFileSync(join(dir, 'apprunner.deploy.yaml'), 'utf8')).toBe(before);
    expect(b.standIn.requests.length).toBe(created);
    for (const words of [['secrets'], ['secrets', 'bogus'], ['secrets', 'set'], ['secrets', 'unset', 'A', 'B']]) {
      const r = await piped(b, dir, words, '', env);
      expect(r.code, `${words.join(' ')}: ${r.out}`).toBe(2);
      expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
    }
    const two = await piped(b, dir, ['secrets', 'set', 'A_KEY', 'B_KEY'], `${SENTINEL}\n${SENTINEL}\n`, env);
    expect(two.code).toBe(2);
    expect(two.stderr).toContain('run it once per name');
    const empty = await piped(b, dir, ['secrets', 'set', 'A_KEY'], '', env);
    expect(empty.code).toBe(2);
    expect(empty.stderr).toContain('The value of A_KEY is empty');
    const bad = await piped(b, dir, ['secrets', 'set', 'A-KEY'], SENTINEL, env);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('"A-KEY" is not a variable name');
    expect(readFileSync(join(dir, 'apprunner.deploy.yaml'), 'utf8')).toBe(before);
    expect([two.out, empty.out, bad.out].join('')).not.toContain(SENTINEL);
  });

  it("refuses a same-named secret that is not this app's, and changes nothing", async () => {
    const { dir, env } = await deployedApp('apprunner');
    const client = sm();
    try {
      await client.send(
        new CreateSecretCommand({
          Name: 'go-api/API_KEY',
          SecretString: 'theirs',
          Tags: [{ Key: 'team', Value: 'payments' }],
        }),
      );
      const before = readFileSync(join(dir, 'apprunner.deploy.yaml'), 'utf8');
      const updates = b.standIn.inputsOf('UpdateService').length;
      const r = await piped(b, dir, ['secrets', 'set', 'API_KEY'], SENTINEL, env);
      expect(r.code, r.out).toBe(1);
      expect(r.stderr).toContain(
        "The secret go-api/API_KEY is already in Secrets Manager, and it is not this app's (team=payments)",
      );
      expect(r.stderr).toContain('Give the variable another name');
      expect(r.out).not.toContain(SENTINEL);
      expect(readFileSync(join(dir, 'apprunner.deploy.yaml'), 'utf8')).toBe(before);
      expect(b.standIn.inputsOf('UpdateService').length).toBe(updates);
      expect((await client.send(new GetSecretValueCommand({ SecretId: 'go-api/API_KEY' }))).SecretString).toBe(
        'theirs',
      );
    } finally {
      client.destroy();
    }
  });
});

describe('secrets list and entries this command did not make', () => {
  it('lists an SSM parameter with its metadata only, and set will not replace it', async () => {
    const dir = await makeApp('image', ['--secret', 'DB_URL=/go-api/db-url']);
    const ssm = new SSMClient({ ...aws, endpoint: b.moto.url });
    try {
      await ssm.send(new PutParameterCommand({ Name: '/go-api/db-url', Value: SENTINEL, Type: 'SecureString' }));
    } finally {
      ssm.destroy();
    }
    const list = await cli(b, dir, ['secrets', 'list', '--json']);
    expect(list.code, list.out).toBe(0);
    expect(JSON.parse(list.stdout).secrets).toEqual([
      expect.objectContaining({
        name: 'DB_URL',
        store: 'SSM Parameter Store',
        // The ARN where DescribeParameters returns one (AWS does; moto 5.2.1 does not), else the name as given.
        where: expect.stringMatching(/^(arn:aws:ssm:us-east-1:\d{12}:parameter)?\/go-api\/db-url$/),
        region: 'us-east-1',
        lastChanged: expect.stringMatching(/^\d{4}-/),
        ours: false,
        state: 'ok',
      }),
    ]);
    const text = await cli(b, dir, ['secrets', 'list']);
    expect(text.stdout).toContain('SSM Parameter Store, us-east-1');
    const before = readFileSync(join(dir, 'apprunner.deploy.yaml'), 'utf8');
    const set = await piped(b, dir, ['secrets', 'set', 'DB_URL'], 'x');
    expect(set.code).toBe(2);
    expect(set.stderr).toContain('secrets.DB_URL in apprunner.deploy.yaml already reads /go-api/db-url');
    expect(set.stderr).toContain('secrets unset DB_URL');
    expect(readFileSync(join(dir, 'apprunner.deploy.yaml'), 'utf8')).toBe(before);
    expect([list.out, text.out, set.out].join('')).not.toContain(SENTINEL);
  });
});

describe('secrets of an App Runner source-code app', () => {
  it('stores the secret and the config entry, and names the apprunner.yaml lines to push instead of deploying', async () => {
    const dir = await makeApp('code');
    const r = await piped(b, dir, ['secrets', 'set', 'API_KEY'], SENTINEL);
    expect(r.code, r.out).toBe(0);
    const arn = config(dir).secrets.API_KEY as string;
    expect(r.stdout).toContain(
      'reads its secrets from apprunner.yaml in the repository: list API_KEY under run.secrets',
    );
    expect(r.stdout).toContain('commit and push, then run');
    expect(b.standIn.requests.filter((q) => /Service$/.test(q.operation) && q.operation !== 'ListServices')).toEqual(
      [],
    );
    expect(arn).toMatch(/:secret:node-api\/API_KEY-/);
    expect([r.out, folderBytes(dir)].join('')).not.toContain(SENTINEL);
  });
});

describe('secrets on ECS Express Mode', () => {
  it("sets and unsets; the task execution role's policy follows; the service reads it", async () => {
    const { dir, env } = await deployedApp('ecs-express');
    const set = await piped(b, dir, ['secrets', 'set', 'API_KEY', '--json'], SENTINEL, env);
    expect(set.code, set.out).toBe(0);
    const out = JSON.parse(set.stdout);
    const arn = config(dir).secrets.API_KEY as string;
    expect(out).toMatchObject({ secrets: [{ name: 'API_KEY', arn, action: 'created' }], deployed: true, exitCode: 0 });
    const update = b.ecs.inputsOf('UpdateExpressGatewayService').at(-1)!;
    expect(update.primaryContainer.secrets).toEqual([{ name: 'API_KEY', valueFrom: arn }]);
    const role = (update.executionRoleArn as string).split('/').pop()!;
    expect(await inlinePolicies(role)).toMatchObject({
      'read-app-secrets': {
        Statement: [{ Action: ['secretsmanager:GetSecretValue'], Resource: [arn, `${arn}-??????`] }],
      },
    });

    const unset = await cli(b, dir, ['secrets', 'unset', 'API_KEY', '--yes', '--recovery-days', '7'], env);
    expect(unset.code, unset.out).toBe(0);
    expect(await inlinePolicies(role)).toEqual({});
    const client = sm();
    try {
      const facts = await client.send(new DescribeSecretCommand({ SecretId: arn }));
      const days = (facts.DeletedDate!.getTime() - Date.now()) / 86_400_000;
      expect(days).toBeGreaterThan(6);
      expect(days).toBeLessThan(8);
    } finally {
      client.destroy();
    }
    const everything = [set.out, unset.out, folderBytes(dir), JSON.stringify(b.ecs.requests)].join('\n');
    expect(everything).not.toContain(SENTINEL);
  });
});
