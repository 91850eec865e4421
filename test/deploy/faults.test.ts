// Every way a deploy can fail, each through the packed CLI against the stand-ins (faults injected there),
// checked for its exit code, a message a person can act on, and a true statement of what is left behind.
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

import { execa } from 'execa';
import { describe, expect, it } from 'vitest';

import { cliBin, GIT_ENV, tempDir, userEnv } from '../helpers/cli.js';
import {
  ACCOUNT,
  barePath,
  deploy,
  deployEnv,
  fakeDockerBin,
  makeApp,
  motoState,
  operations,
  useBackends,
} from './harness.js';

const b = useBackends();
const IMAGE = `${ACCOUNT}.dkr.ecr.us-east-1.amazonaws.com/go-api:v1`;
const withDocker = () => ({ PATH: `${fakeDockerBin().bin}:${process.env.PATH}` });

describe('an account App Runner does not take', () => {
  it('is told so on the first App Runner call, with ECS Express Mode as the way forward, and nothing is created', async () => {
    const dir = await makeApp('image');
    b.standIn.fail('*', 'not-subscribed');
    const r = await deploy(b, dir, [], withDocker());
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      `This AWS account (${ACCOUNT}) cannot use App Runner: AWS refused ListServices (SubscriptionRequiredException`,
    );
    expect(r.stderr).toContain(
      'App Runner has taken no new customers since 2026-04-30. Accounts that already used it keep full use',
    );
    expect(r.stderr).toContain('Amazon ECS Express Mode');
    // The one command that deploys the same app there, written the way the tool was run (an installed bin here,
    // npx when run through npm).
    expect(r.stderr).toMatch(/\n {2}\S.*create-apprunner-app(\.js'?)? deploy --target ecs-express\n/);
    expect(r.stderr).toContain('Nothing was created.');
    expect(await motoState(b.moto)).toEqual({ repositories: [], roles: [] });
    expect(b.standIn.services).toEqual([]);
    expect(operations(b.standIn)).toEqual(['ListServices']);
  });

  it('reads an access-denied answer to the first call as either a missing permission or no access to App Runner', async () => {
    const dir = await makeApp('code');
    b.standIn.fail('ListServices', 'access-denied');
    const r = await deploy(b, dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('Either your IAM identity lacks apprunner:ListServices');
    expect(r.stderr).toContain('or this account (123456789012) cannot use App Runner');
    expect(r.stderr).toMatch(/create-apprunner-app(\.js'?)? deploy --target ecs-express/);
    expect(b.standIn.connections).toEqual([]);
  });
});

describe('credentials', () => {
  it('says so when there are none, before any App Runner call', async () => {
    const dir = await makeApp('image');
    const r = await deploy(b, dir, ['--image', IMAGE], {
      AWS_ACCESS_KEY_ID: undefined,
      AWS_SECRET_ACCESS_KEY: undefined,
    });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      'No AWS credentials were found. Sign in first (aws configure, or aws sso login --profile <name>)',
    );
    expect(r.stderr).toContain('Nothing was created.');
    expect(b.standIn.requests).toEqual([]);
  });

  it('takes them from --profile, and says when that profile does not exist', async () => {
    const dir = await makeApp('image');
    const file = `${tempDir()}/credentials`;
    writeFileSync(file, '[work]\naws_access_key_id = AKIAEXAMPLEWORK\naws_secret_access_key = secret\n');
    const env = { AWS_ACCESS_KEY_ID: undefined, AWS_SECRET_ACCESS_KEY: undefined, AWS_SHARED_CREDENTIALS_FILE: file };
    const ok = await deploy(b, dir, ['--image', IMAGE, '--profile', 'work', '--no-wait'], env);
    expect(ok.code, ok.out).toBe(0);
    const missing = await deploy(b, dir, ['--image', IMAGE, '--profile', 'nope'], env);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('There is no AWS profile "nope" in ~/.aws/config or ~/.aws/credentials');
    expect(missing.stderr).toContain('aws configure sso --profile nope');
  });

  it('names a missing AWS_PROFILE the way it names a missing --profile', async () => {
    const dir = await makeApp('image');
    const r = await deploy(b, dir, ['--image', IMAGE], {
      AWS_ACCESS_KEY_ID: undefined,
      AWS_SECRET_ACCESS_KEY: undefined,
      AWS_PROFILE: 'missing',
    });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('There is no AWS profile "missing" in ~/.aws/config');
  });

  it('says which region wins when the shell names another than the deploy config', async () => {
    const dir = await makeApp('image');
    const r = await deploy(b, dir, ['--image', IMAGE, '--dry-run'], { AWS_REGION: 'eu-west-3' });
    expect(r.code, r.out).toBe(0);
    expect(r.stderr).toContain(
      'AWS_REGION says eu-west-3, but apprunner.deploy.yaml says us-east-1: deploying to us-east-1. ' +
        'To deploy to eu-west-3 instead, pass --region eu-west-3',
    );
  });

  it('says when they have expired', async () => {
    const dir = await makeApp('image');
    b.standIn.fail('*', 'expired-token');
    const r = await deploy(b, dir, ['--image', IMAGE]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('Your AWS credentials have expired (apprunner:ListServices). Sign in again');
  });

  it('names the permission AWS denied, and what the run left behind', async () => {
    const dir = await makeApp('image');
    b.standIn.fail('CreateService', 'access-denied');
    const r = await deploy(b, dir, ['--image', IMAGE]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      'AWS denied apprunner:CreateService on service go-api. Your IAM identity needs that permission',
    );
    expect(r.stderr).toContain(
      'Left behind:\n  - The IAM role AppRunnerECRAccessRole was created and is kept (deploy reuses it).',
    );
  });
});

describe('App Runner errors', () => {
  it('lets the SDK retry throttling, and the deploy succeeds', async () => {
    const dir = await makeApp('image');
    b.standIn.fail('ListServices', 'throttling', { times: 1 });
    const r = await deploy(b, dir, ['--image', IMAGE]);
    expect(r.code, r.out).toBe(0);
    expect(b.standIn.requests.slice(0, 2).map((q) => [q.operation, q.error])).toEqual([
      ['ListServices', 'ThrottlingException'],
      ['ListServices', undefined],
    ]);
  });

  it('explains a quota', async () => {
    const dir = await makeApp('image');
    b.standIn.fail('CreateService', 'quota');
    const r = await deploy(b, dir, ['--image', IMAGE]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('apprunner:CreateService hit an AWS quota in us-east-1');
    expect(r.stderr).toContain('a CREATE_FAILED App Runner service still counts');
    expect(r.stderr).toContain('ServiceQuotaExceededException');
  });

  it('says what is running when the service is busy, and changes nothing', async () => {
    const standIn = await b.restart({ operationDelayMs: Infinity });
    const dir = await makeApp('image');
    expect((await deploy(b, dir, ['--image', IMAGE, '--no-wait'])).code).toBe(0);
    const r = await deploy(b, dir, ['--image', IMAGE]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /go-api is busy with CREATE_SERVICE \(started \d{4}-\d\d-\d\dT[\d:.]+Z\), and App Runner accepts no change until it ends/,
    );
    expect(r.stderr).toContain(
      'aws apprunner describe-service --service-arn arn:aws:apprunner:us-east-1:123456789012:service/go-api/',
    );
    expect(r.stderr).toContain('on a terminal, deploy offers to wait');
    expect(operations(standIn).filter((o) => /Update|Start|Delete/.test(o))).toEqual([]);
  });

  it("reports an InvalidStateException with AWS's words when nothing is listed as running", async () => {
    const dir = await makeApp('image');
    expect((await deploy(b, dir, ['--image', IMAGE])).code).toBe(0);
    b.standIn.fail('StartDeployment', 'invalid-state');
    const r = await deploy(b, dir, ['--image', IMAGE]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      'App Runner refused to change go-api (InvalidStateException: The resource is in a state that does not allow this operation.)',
    );
  });

  it('reports CREATE_FAILED with where the reason is, keeps the service, and replaces it only with --replace-failed', async () => {
    const dir = await makeApp('image');
    b.standIn.fail('CreateService', 'create-failed', { times: 1 });
    const failed = await deploy(b, dir, ['--image', IMAGE]);
    expect(failed.code).toBe(1);
    const first = b.standIn.services[0]!.service;
    expect(first.Status).toBe('CREATE_FAILED');
    expect(failed.stderr).toContain(
      'The service go-api is CREATE_FAILED: App Runner could not start it (operation CREATE_SERVICE FAILED',
    );
    expect(failed.stderr).toContain(`log group /aws/apprunner/go-api/${first.ServiceId}/service`);
    expect(failed.stderr).toContain('run deploy again with --replace-failed');
    expect(failed.stderr).toContain(`The App Runner service go-api was created (${first.ServiceArn})`);

    const again = await deploy(b, dir, ['--image', IMAGE]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('is CREATE_FAILED');
    expect(operations(b.standIn)).not.toContain('DeleteService');

    const replaced = await deploy(b, dir, ['--image', IMAGE, '--replace-failed']);
    expect(replaced.code, replaced.out).toBe(0);
    expect(b.standIn.inputsOf('DeleteService')).toEqual([{ ServiceArn: first.ServiceArn }]);
    expect(b.standIn.services.map((s) => s.service.Status)).toEqual(['DELETED', 'RUNNING']);
  });

  it('reports a rolled-back deployment: the previous version keeps serving', async () => {
    const dir = await makeApp('image');
    expect((await deploy(b, dir, ['--image', IMAGE])).code).toBe(0);
    b.standIn.fail('StartDeployment', 'rollback', { times: 1 });
    const r = await deploy(b, dir, ['--image', IMAGE]);
    expect(r.code).toBe(1);
    const service = b.standIn.findService('go-api')!.service;
    expect(r.stderr).toContain(
      `The deployment of go-api failed. App Runner rolled back: the previous version still serves https://${service.ServiceUrl}.`,
    );
    expect(r.stderr).toContain(`/aws/apprunner/go-api/${service.ServiceId}/service`);
    expect(service.Status).toBe('RUNNING');
  });

  it('stops waiting after the timeout and says how to follow the operation', async () => {
    await b.restart({ operationDelayMs: Infinity });
    const dir = await makeApp('image');
    const r = await deploy(b, dir, ['--image', IMAGE], { CREATE_APPRUNNER_APP_TIMEOUT_MS: '200' });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('go-api is still OPERATION_IN_PROGRESS. The operation goes on at AWS; check it with:');
  });

  it('on Ctrl-C while waiting, leaves the service deploying and says how to check it (exit 130)', async () => {
    const standIn = await b.restart({ operationDelayMs: Infinity });
    const dir = await makeApp('image');
    const child = execa(process.execPath, [cliBin(), 'deploy', '--image', IMAGE], {
      cwd: dir,
      reject: false,
      stdin: 'ignore',
      extendEnv: false,
      env: { ...userEnv(), ...GIT_ENV, CI: undefined, ...deployEnv(b) },
    });
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d;
      if (/Creating go-api: OPERATION_IN_PROGRESS/.test(out)) child.kill('SIGINT');
    });
    const r = await child;
    expect(r.exitCode, `${r.stdout}\n${r.stderr}`).toBe(130);
    expect(r.stderr).toMatch(
      /Stopped waiting\. The operation goes on at AWS \(operation [0-9a-f]{32}\); check it with:/,
    );
    expect(r.stderr).toContain(
      `aws apprunner describe-service --service-arn ${standIn.findService('go-api')!.service.ServiceArn} --region us-east-1`,
    );
    expect(standIn.findService('go-api')!.service.Status).toBe('OPERATION_IN_PROGRESS');
  });
});

describe('the container engine', () => {
  it('says so when none of docker, podman and buildah is there, pointing to --image, before any AWS call', async () => {
    const dir = await makeApp('image');
    const r = await deploy(b, dir, [], { PATH: barePath() });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('None of docker, podman or buildah is on PATH');
    expect(r.stderr).toContain('deploy it with --image <account>.dkr.ecr.<region>.amazonaws.com/<repository>:<tag>');
    expect(b.standIn.requests).toEqual([]);
  });

  it('says both when the engine and the credentials are missing, so one trip fixes both', async () => {
    const dir = await makeApp('image');
    const r = await deploy(b, dir, [], {
      PATH: barePath(),
      AWS_ACCESS_KEY_ID: undefined,
      AWS_SECRET_ACCESS_KEY: undefined,
    });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('None of docker, podman or buildah is on PATH');
    expect(r.stderr).toContain('And the AWS credentials: No AWS credentials were found');
    expect(b.standIn.requests).toEqual([]);
  });

  it('says so when the docker client is there but its daemon is not (this machine, for real)', async () => {
    const dir = await makeApp('image');
    const r = await deploy(b, dir, [], { PATH: barePath(true) });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('Docker is installed but its daemon is not running');
    expect(r.stderr).toMatch(/docker info: .*(Cannot connect to the Docker daemon|daemon)/);
    expect(r.stderr).toContain('Or build and push the image elsewhere (e.g. in CI)');
    expect(b.standIn.requests).toEqual([]);
  });

  it('builds before creating anything, so a failed build leaves nothing behind', async () => {
    const dir = await makeApp('image');
    const r = await deploy(b, dir, [], { ...withDocker(), FAKE_DOCKER_FAIL: 'build' });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('ERROR: failed to solve: boom');
    expect(r.stderr).toContain('docker build failed (exit code 1; its output is above)');
    expect(r.stderr).toContain('Nothing was created.');
    expect(await motoState(b.moto)).toEqual({ repositories: [], roles: [] });
  });
});

describe('bad input', () => {
  it('names the file and field of a bad deploy config (exit 2), and refuses create-only flags', async () => {
    const dir = await makeApp('image');
    const file = `${dir}/apprunner.deploy.yaml`;
    writeFileSync(file, readFileSync(file, 'utf8').replace('cpu: 1', 'cpu: 3').replace('interval: 5', 'interval: 30'));
    const r = await deploy(b, dir, ['--image', IMAGE]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('deploy settings in');
    expect(r.stderr).toContain('  - apprunner.deploy.yaml: instance.cpu 3 is not an App Runner size');
    expect(r.stderr).toContain(
      '  - apprunner.deploy.yaml: healthCheck.interval is 30: it must be a whole number from 1 to 20.',
    );
    const flags = await deploy(b, dir, ['--cpu', '2', '--no-git']);
    expect(flags.code).toBe(2);
    expect(flags.stderr).toContain('--cpu, --no-git are for creating an app, not for deploy');
    expect(b.standIn.requests).toEqual([]);
  });

  it('refuses source.kind code for a runtime App Runner cannot build, and a broken .yo-rc.json, naming each file', async () => {
    const dir = await makeApp('image');
    const file = `${dir}/apprunner.deploy.yaml`;
    writeFileSync(file, readFileSync(file, 'utf8').replace(/^ {2}kind: image$/m, '  kind: code'));
    writeFileSync(`${dir}/.yo-rc.json`, readFileSync(`${dir}/.yo-rc.json`, 'utf8').replace('"go"', '"cobol"'));
    const r = await deploy(b, dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      '  - .yo-rc.json: create-apprunner-app.runtime "cobol" is not a runtime this version knows.',
    );
    expect(r.stderr).toContain(
      '  - apprunner.deploy.yaml: source.kind is code, but there is no apprunner.yaml beside it',
    );
    writeFileSync(`${dir}/.yo-rc.json`, readFileSync(`${dir}/.yo-rc.json`, 'utf8').replace('"cobol"', '"go"'));
    expect((await deploy(b, dir)).stderr).toContain(
      'source.kind is code, but Go (net/http) apps cannot be built by App Runner from source: ' +
        "App Runner's managed Go runtime reached end of support in December 2025.",
    );
  });

  it('refuses flags of the other source kind instead of ignoring them', async () => {
    const image = await makeApp('image');
    const r = await deploy(b, image, ['--branch', 'main']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--branch is for source-code apps, and this one is an image app');
    const code = await makeApp('code');
    expect((await deploy(b, code, ['--image', IMAGE])).stderr).toContain(
      '--image is for image apps, and this one is a source-code app',
    );
    expect(b.standIn.requests).toEqual([]);
  });

  it('says where to run it when there is no deploy config', async () => {
    const r = await deploy(b, tempDir());
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('No apprunner.deploy.yaml in');
  });
});

describe('an endpoint that never answers', () => {
  it('ends with exit 1, naming the endpoint and what to check, instead of waiting for ever', async () => {
    // A server that takes the connection and then says nothing: the SDK alone would wait without end.
    const silent = createServer(() => {
      /* never answers */
    });
    await new Promise<void>((done) => silent.listen(0, '127.0.0.1', done));
    const url = `http://127.0.0.1:${(silent.address() as AddressInfo).port}`;
    try {
      const dir = await makeApp('image');
      const r = await deploy(b, dir, ['--image', IMAGE], {
        AWS_ENDPOINT_URL: url,
        CREATE_APPRUNNER_APP_REQUEST_TIMEOUT_MS: '300',
      });
      expect(r.code, r.out).toBe(1);
      expect(r.stderr).toContain(`No answer from ${url} (region us-east-1) for sts:GetCallerIdentity, after 3 tries`);
      expect(r.stderr).toContain('Check your network connection and any proxy');
      expect(r.stderr).toContain('Nothing was created.');
      expect(b.standIn.requests).toEqual([]);
    } finally {
      silent.closeAllConnections();
      silent.close();
    }
  });
});
