// --dry-run sends nothing (the stand-in's request log stays empty, moto stays empty, the engine is never
// run) and prints requests that the AWS CLI, which validates against App Runner's real model, accepts.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { execa } from 'execa';
import { describe, expect, it } from 'vitest';

import { tempDir } from '../helpers/cli.js';
import { ACCOUNT, appName, deploy, fakeDockerBin, git, makeApp, motoState, useBackends } from './harness.js';

const b = useBackends();

/** The JSON printed under "--- <operation>". */
function requestOf(stdout: string, operation: string): Record<string, any> {
  const m = new RegExp(`^--- ${operation.replace(':', '\\:')}.*\\n(\\{[\\s\\S]*?\\n\\})$`, 'm').exec(stdout);
  if (!m) throw new Error(`no ${operation} in:\n${stdout}`);
  return JSON.parse(m[1]!);
}

/** The AWS CLI v1 with dummy credentials and no user configuration, against the stand-in. */
async function awsCli(command: string, input: object) {
  const file = join(tempDir('caa-cli-input-'), 'input.json');
  writeFileSync(file, JSON.stringify(input));
  const env: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('AWS_')) env[k] = v;
  return execa(
    'aws',
    [
      'apprunner',
      command,
      '--cli-input-json',
      `file://${file}`,
      '--endpoint-url',
      b.standIn.url,
      '--region',
      'us-east-1',
      '--output',
      'json',
    ],
    {
      reject: false,
      extendEnv: false,
      env: {
        ...env,
        AWS_ACCESS_KEY_ID: 'testing',
        AWS_SECRET_ACCESS_KEY: 'testing',
        AWS_CONFIG_FILE: '/dev/null',
        AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
        AWS_PAGER: '',
      },
    },
  );
}

describe('deploy --dry-run', () => {
  it('of an image app sends nothing, runs no engine, and prints a CreateService the AWS CLI accepts', async () => {
    const dir = await makeApp('image');
    const docker = fakeDockerBin();
    const r = await deploy(b, dir, ['--dry-run'], { PATH: `${docker.bin}:${process.env.PATH}` });
    expect(r.code, r.out).toBe(0);
    expect(b.standIn.requests).toEqual([]);
    expect(readFileSync(docker.log, 'utf8')).toBe('');
    expect(await motoState(b.moto)).toEqual({ repositories: [], roles: [] });

    expect(r.stderr).toContain(`Note: the account id ${ACCOUNT} is a placeholder`);
    for (const op of [
      'sts:GetCallerIdentity',
      'apprunner:ListServices',
      'ecr:CreateRepository',
      'iam:CreateRole',
      'iam:AttachRolePolicy',
    ]) {
      expect(r.stdout).toContain(`--- ${op}`);
    }
    expect(r.stdout).toMatch(
      /^\$ docker build --platform linux\/amd64 --tag 123456789012\.dkr\.ecr\.us-east-1\.amazonaws\.com\/go-api:[0-9a-f]{12} \./m,
    );
    expect(requestOf(r.stdout, 'ecr:CreateRepository')).toMatchObject({
      imageScanningConfiguration: { scanOnPush: true },
    });

    const create = requestOf(r.stdout, 'apprunner:CreateService');
    const cli = await awsCli('create-service', create);
    expect(cli.stderr).toBe('');
    expect(cli.exitCode).toBe(0);
    expect(b.standIn.findService('go-api')?.service.Status).toBeDefined();
    // The UpdateService input passes the CLI's validation too (the stand-in then knows no such ARN).
    const update = await awsCli('update-service', requestOf(r.stdout, 'apprunner:UpdateService'));
    expect(update.stderr).not.toContain('Parameter validation failed');
    expect(update.stderr).toContain('ResourceNotFoundException');
  });

  it('of a code app with --connection-arn prints a CreateService the stand-in creates as it is', async () => {
    const dir = await makeApp('code');
    const connection = b.standIn.addConnection({ ConnectionName: 'octo-github' });
    const r = await deploy(b, dir, ['--dry-run', '--connection-arn', connection.ConnectionArn!]);
    expect(r.code, r.out).toBe(0);
    expect(b.standIn.requests).toEqual([]);
    expect(r.stdout).not.toContain('apprunner:CreateConnection');
    const create = requestOf(r.stdout, 'apprunner:CreateService');
    expect(create.SourceConfiguration.CodeRepository.RepositoryUrl).toBe('https://github.com/octo/node-api');
    const cli = await awsCli('create-service', create);
    expect(cli.exitCode, cli.stderr).toBe(0);
    expect(JSON.parse(cli.stdout).Service.ServiceName).toBe('node-api');
  });

  it('of an app with every extra, from --image, prints requests the CLI validates, with the account from the image', async () => {
    const dir = await makeApp('image', [
      '--secret',
      `DB_URL=arn:aws:secretsmanager:us-east-1:${ACCOUNT}:secret:db-AbCdEf`,
      '--vpc-connector',
      `arn:aws:apprunner:us-east-1:${ACCOUNT}:vpcconnector/shared/1/${'b'.repeat(32)}`,
      '--tracing',
      '--max-instances',
      '4',
      '--domain',
      'api.example.com',
    ]);
    const image = '210987654321.dkr.ecr.us-east-1.amazonaws.com/go-api:v7';
    const r = await deploy(b, dir, ['--dry-run', '--image', image]);
    expect(r.code, r.out).toBe(0);
    expect(r.stderr).not.toContain('account id');
    expect(r.stderr).toContain('the auto scaling configuration ARN');
    const create = requestOf(r.stdout, 'apprunner:CreateService');
    expect(create.SourceConfiguration.AuthenticationConfiguration.AccessRoleArn).toBe(
      'arn:aws:iam::210987654321:role/AppRunnerECRAccessRole',
    );
    expect(create.InstanceConfiguration.InstanceRoleArn).toBe(
      `arn:aws:iam::210987654321:role/${appName(dir, 'instanceRole')}`,
    );
    expect(requestOf(r.stdout, 'iam:PutRolePolicy').RoleName).toBe(appName(dir, 'instanceRole'));
    expect(requestOf(r.stdout, 'apprunner:CreateAutoScalingConfiguration')).toMatchObject({
      MinSize: 1,
      MaxSize: 4,
      MaxConcurrency: 100,
    });
    expect(r.stdout).toContain('apprunner:AssociateCustomDomain for api.example.com');
    // Only the CLI's validation is asked for here: the placeholder ARNs name nothing in the stand-in.
    const cli = await awsCli('create-service', create);
    expect(cli.stderr).not.toContain('Parameter validation failed');
    expect(cli.stderr).toMatch(/InvalidRequestException.*not found/);
  });

  it("uses --region over the deploy config's region", async () => {
    const dir = await makeApp('image');
    const r = await deploy(b, dir, [
      '--dry-run',
      '--region',
      'eu-west-1',
      '--image',
      `${ACCOUNT}.dkr.ecr.eu-west-1.amazonaws.com/go-api:v1`,
    ]);
    expect(r.code, r.out).toBe(0);
    expect(r.stdout).toContain('For go-api in eu-west-1');
    expect(requestOf(r.stdout, 'apprunner:UpdateService').ServiceArn).toMatch(
      /^arn:aws:apprunner:eu-west-1:123456789012:service\/go-api\//,
    );
    expect((await deploy(b, dir, ['--dry-run', '--region', 'Frankfurt'])).code).toBe(2);
  });

  it('shows an unpushed branch as a warning, and still sends nothing', async () => {
    const dir = await makeApp('code');
    await git(dir, ['checkout', '--quiet', '-b', 'wip']);
    const r = await deploy(b, dir, ['--dry-run']);
    expect(r.code, r.out).toBe(0);
    expect(r.stderr).toContain('Warning: The branch wip is not on origin');
    expect(r.stderr).toContain(
      'the connection ARN arn:aws:apprunner:us-east-1:123456789012:connection/create-apprunner-app-github/',
    );
    expect(requestOf(r.stdout, 'apprunner:CreateService').SourceConfiguration.CodeRepository.SourceCodeVersion).toEqual(
      { Type: 'BRANCH', Value: 'wip' },
    );
    expect(b.standIn.requests).toEqual([]);
  });
});
