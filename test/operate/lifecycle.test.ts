// After the first deploy, through the packed CLI against the stand-ins (App Runner stand-in; moto for IAM,
// ECR and CloudWatch Logs): status, logs (recent, --since, --json, --follow ended by Ctrl-C), pause,
// resume and delete, which removes what deploy created for this app and nothing else, and can be run
// again after a partial failure.
import { existsSync } from 'node:fs';
import { type AddressInfo, createServer, type Socket } from 'node:net';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import {
  ACCOUNT,
  appName,
  deployEnv,
  fakeDockerBin,
  makeApp,
  motoState,
  operations,
  useBackends,
} from '../deploy/harness.js';
import { node22, runInTerminal } from '../helpers/cli.js';
import { cli, putLogs, spawnCli, toolCommand, waitForOutput } from './harness.js';

const b = useBackends();
const EXTRAS = [
  '--secret',
  `DB_URL=arn:aws:secretsmanager:us-east-1:${ACCOUNT}:secret:db-AbCdEf`,
  '--vpc-subnets',
  'subnet-0123456789abcdef0',
  '--vpc-security-groups',
  'sg-0123456789abcdef0',
  '--tracing',
  '--domain',
  'api.example.com',
  '--min-instances',
  '2',
  '--max-instances',
  '4',
  '--max-concurrency',
  '50',
];
const DELETES = [
  'DeleteService',
  'DeleteAutoScalingConfiguration',
  'DeleteObservabilityConfiguration',
  'DeleteVpcConnector',
  'DisassociateCustomDomain',
];

/** A built-and-pushed deploy of the Go app with every extra, so deploy has created one of each resource. */
async function deployed(flags = EXTRAS) {
  const dir = await makeApp('image', flags);
  const docker = fakeDockerBin();
  const r = await cli(b, dir, ['deploy'], { PATH: `${docker.bin}:${process.env.PATH}` });
  expect(r.code, r.out).toBe(0);
  // deploy's report names what comes next, in the form that works for this copy of the tool.
  for (const next of ['status', 'logs --follow', 'pause', 'delete'])
    expect(r.stdout).toContain(`${toolCommand()} ${next}`);
  return { dir, service: b.standIn.findService('go-api')!.service };
}

describe('status, logs, pause, resume and delete after a deploy', () => {
  it('walks the whole life of a service and leaves nothing of it behind', async () => {
    const { dir, service } = await deployed();
    const tool = toolCommand();

    const status = await cli(b, dir, ['status']);
    expect(status.code, status.out).toBe(0);
    expect(status.stdout).toContain('go-api (App Runner, us-east-1): RUNNING');
    expect(status.stdout).toContain(`https://${service.ServiceUrl}`);
    expect(status.stdout).toMatch(/Last operation\s+CREATE_SERVICE SUCCEEDED/);
    expect(status.stdout).toMatch(/Instance\s+1 vCPU, 2 GB; 2-4 instances, 50 requests each/);
    expect(status.stdout).toContain(`/aws/apprunner/go-api/${service.ServiceId}/application`);
    expect(status.stdout).toMatch(/Health\s+https:\/\/\S+\/health: ENOTFOUND/); // the stand-in's URL resolves nowhere
    // 2 instances always provisioned: 2 × 2 GB × 730 h × $0.007 + 2 × 1 vCPU × 176 h × $0.064
    expect(status.stdout).toMatch(/Cost\s+about \$42\.97 a month at 176 busy hours, \$20\.44 of it the idle floor/);
    const json = JSON.parse((await cli(b, dir, ['status', '--json'])).stdout);
    expect(json).toMatchObject({
      deployed: true,
      name: 'go-api',
      state: 'RUNNING',
      target: 'apprunner',
      instance: { cpu: '1 vCPU', memory: '2 GB' },
    });

    // Logs: what App Runner's agent would have written, JSON and plain, one line three hours old.
    const group = `/aws/apprunner/go-api/${service.ServiceId}/application`;
    const now = Date.now();
    const line = JSON.stringify({
      time: '2026-12-02T03:00:00Z',
      level: 'info',
      msg: 'listening',
      port: 8080,
      service: 'go-api',
    });
    await putLogs(b, group, [
      { message: 'old start-up line', timestamp: now - 3 * 3_600_000 },
      { message: line, timestamp: now - 60_000 },
      { message: 'plain text line', timestamp: now - 30_000 },
    ]);
    const recent = await cli(b, dir, ['logs']);
    expect(recent.code, recent.out).toBe(0);
    expect(recent.stdout).toContain('2026-12-02T03:00:00Z INFO  listening port=8080 service=go-api');
    expect(recent.stdout).toMatch(/\d{4}-\d\d-\d\dT[\d:.]+Z plain text line/);
    expect(recent.stdout).not.toContain('old start-up line'); // older than the default hour
    const since = await cli(b, dir, ['logs', '--since', '4h', '--json']);
    expect(since.code, since.out).toBe(0);
    expect(since.stdout.split('\n')).toEqual(['old start-up line', line, 'plain text line']);
    const badSince = await cli(b, dir, ['logs', '--since', 'yesterday']);
    expect(badSince.code).toBe(2);
    expect(badSince.stderr).toContain(
      '--since yesterday: give a duration before now (30s, 10m, 2h, 1d) or a date and time',
    );

    const follow = spawnCli(b, dir, ['logs', '--follow', '--since', '5m']);
    const seen = { out: '' };
    await waitForOutput(follow, 'plain text line', seen);
    await putLogs(
      b,
      group,
      [{ message: JSON.stringify({ level: 'warn', msg: 'slow request', ms: 950 }), timestamp: Date.now() }],
      false,
    );
    await waitForOutput(follow, 'WARN  slow request ms=950', seen);
    follow.kill('SIGINT');
    const ended = await follow;
    expect(ended.exitCode, ended.all).toBe(0);

    const pause = await cli(b, dir, ['pause']);
    expect(pause.code, pause.out).toBe(0);
    expect(pause.stdout).toContain('Paused go-api. App Runner bills no instances while it is paused');
    expect(pause.stdout).toContain(`${tool} resume`);
    expect(b.standIn.findService('go-api')!.service.Status).toBe('PAUSED');
    const paused = await cli(b, dir, ['status']);
    expect(paused.stdout).toContain('go-api (App Runner, us-east-1): PAUSED');
    expect(paused.stdout).toMatch(/Cost\s+paused: no instances are billed until resume/);
    expect((await cli(b, dir, ['pause'])).stdout).toContain('go-api is already PAUSED: nothing to do.');
    const resume = await cli(b, dir, ['resume']);
    expect(resume.code, resume.out).toBe(0);
    expect(b.standIn.findService('go-api')!.service.Status).toBe('RUNNING');
    expect(b.standIn.inputsOf('PauseService')).toEqual([{ ServiceArn: service.ServiceArn }]);
    expect(b.standIn.inputsOf('ResumeService')).toEqual([{ ServiceArn: service.ServiceArn }]);

    // No terminal and no --yes: the list is shown, nothing is removed, exit 2.
    const before = await motoState(b.moto);
    const refused = await cli(b, dir, ['delete']);
    expect(refused.code, refused.out).toBe(2);
    expect(refused.stdout).toContain('delete removes, in us-east-1:');
    expect(refused.stderr).toContain(
      `Nothing was removed: there is no terminal to confirm on. Run it again with --yes to remove the above:\n  ${tool} delete --yes`,
    );
    expect(operations(b.standIn).filter((o) => DELETES.includes(o))).toEqual([]);
    expect(await motoState(b.moto)).toEqual(before);
    expect(b.standIn.findService('go-api')!.service.Status).toBe('RUNNING');

    const removed = await cli(b, dir, ['delete', '--yes']);
    expect(removed.code, removed.out).toBe(0);
    for (const what of [
      'the custom domain api.example.com',
      `the App Runner service go-api (RUNNING, ${service.ServiceArn})`,
      `the auto scaling configuration ${appName(dir, 'autoScaling')} (revision 1)`,
      `the observability configuration ${appName(dir, 'observability')} (revision 1)`,
      `the VPC connector ${appName(dir, 'vpcConnector')} (revision 1)`,
      `the IAM role ${appName(dir, 'instanceRole')} (instance role)`,
      'the ECR repository go-api and its',
    ])
      expect(removed.stdout).toContain(`Removed ${what}`);
    expect(removed.stdout).toContain(
      'the IAM role AppRunnerECRAccessRole: shared by every App Runner service that pulls from private ECR',
    );
    expect(b.standIn.findService(service.ServiceArn!)!.service.Status).toBe('DELETED');
    // The domain goes before the service; the configurations only once the service no longer uses them.
    expect(operations(b.standIn).filter((o) => DELETES.includes(o))).toEqual([
      'DisassociateCustomDomain',
      'DeleteService',
      'DeleteAutoScalingConfiguration',
      'DeleteObservabilityConfiguration',
      'DeleteVpcConnector',
    ]);
    const after = await motoState(b.moto);
    expect(after.repositories).toEqual([]);
    expect(after.roles).toEqual(['AppRunnerECRAccessRole']);

    const again = await cli(b, dir, ['delete', '--yes']);
    expect(again.code, again.out).toBe(0);
    expect(again.stdout).toContain('Nothing of go-api is left to remove in us-east-1.');
    expect(again.stdout).toContain(
      `Already gone (or never created):\n  - the App Runner service go-api\n  - the auto scaling configuration ${appName(dir, 'autoScaling')}`,
    );
    expect(again.stdout).toContain('- the ECR repository go-api');

    const gone = await cli(b, dir, ['status']);
    expect(gone.code, gone.out).toBe(0);
    expect(gone.stdout).toBe(`go-api is not deployed in us-east-1 (App Runner) yet. Deploy it with:\n  ${tool} deploy`);
  });

  it('removes the rest on a second run after a partial failure, and says what was already gone', async () => {
    const { dir, service } = await deployed();
    b.standIn.fail('DeleteObservabilityConfiguration', 'access-denied');
    const first = await cli(b, dir, ['delete', '--yes']);
    expect(first.code, first.out).toBe(1);
    expect(first.stderr).toContain(
      `delete did not finish:\n  - the observability configuration ${appName(dir, 'observability')} (revision 1): AccessDeniedException`,
    );
    expect(first.stderr).toContain('Fix the cause, then run it again: it removes what is left.');
    // The failure did not stop what does not depend on it.
    expect(first.stdout).toContain(`Removed the VPC connector ${appName(dir, 'vpcConnector')}`);
    expect(first.stdout).toContain('Removed the ECR repository go-api');
    expect(b.standIn.findService(service.ServiceArn!)!.service.Status).toBe('DELETED');

    b.standIn.clearFaults();
    const second = await cli(b, dir, ['delete', '--yes']);
    expect(second.code, second.out).toBe(0);
    expect(second.stdout).toContain(
      `delete removes, in us-east-1:\n  - the observability configuration ${appName(dir, 'observability')} (revision 1)\n`,
    );
    expect(second.stdout).toMatch(/Already gone \(or never created\):\n {2}- the App Runner service go-api\n/);
    expect(second.stdout).toContain(
      `Removed the observability configuration ${appName(dir, 'observability')} (revision 1).`,
    );
    expect(b.standIn.inputsOf('DeleteService')).toHaveLength(1);
  });

  it('keeps an instance role another service runs as, and says so', async () => {
    const { dir } = await deployed(['--tracing']);
    const roleArn = `arn:aws:iam::${ACCOUNT}:role/${appName(dir, 'instanceRole')}`;
    b.standIn.addService({
      ServiceName: 'billing-api',
      InstanceConfiguration: { Cpu: '1024', Memory: '2048', InstanceRoleArn: roleArn },
    });
    const r = await cli(b, dir, ['delete', '--yes', '--keep-image']);
    expect(r.code, r.out).toBe(0);
    expect(r.stdout).toContain(
      `the IAM role ${appName(dir, 'instanceRole')}: still used by billing-api (App Runner, us-east-1)`,
    );
    expect(r.stdout).toContain('the ECR repository go-api and its 0 image(s): --keep-image');
    const state = await motoState(b.moto);
    expect(state.roles.sort()).toEqual(['AppRunnerECRAccessRole', appName(dir, 'instanceRole')]);
    expect(state.repositories.map((x) => x.repositoryName)).toEqual(['go-api']);
    expect(b.standIn.findService('billing-api')!.service.Status).toBe('RUNNING');
  });

  it('keeps the repository and the configurations another service still uses, and says which', async () => {
    const { dir, service } = await deployed(['--min-instances', '2', '--tracing']);
    const image = `${ACCOUNT}.dkr.ecr.us-east-1.amazonaws.com/go-api:v1`;
    b.standIn.addService({
      ServiceName: 'billing-api',
      SourceConfiguration: {
        ImageRepository: { ImageIdentifier: image, ImageRepositoryType: 'ECR', ImageConfiguration: { Port: '8080' } },
        AutoDeploymentsEnabled: false,
      },
      AutoScalingConfigurationSummary: service.AutoScalingConfigurationSummary,
    });
    const r = await cli(b, dir, ['delete', '--yes']);
    expect(r.code, r.out).toBe(0);
    const user = 'still used by billing-api (App Runner, us-east-1)';
    expect(r.stdout).toMatch(
      new RegExp(`the ECR repository go-api and its \\d+ image\\(s\\): ${user.replace(/[()]/g, '\\$&')}`),
    );
    expect(r.stdout).toContain(`the auto scaling configuration ${appName(dir, 'autoScaling')} (revision 1): ${user}`);
    // Only the repository and the scaling configuration have a user: the tracing configuration goes.
    expect(r.stdout).toContain(
      `Removed the observability configuration ${appName(dir, 'observability')} (revision 1).`,
    );
    expect(b.standIn.inputsOf('DeleteAutoScalingConfiguration')).toHaveLength(0);
    expect((await motoState(b.moto)).repositories.map((x) => x.repositoryName)).toEqual(['go-api']);
    expect(b.standIn.findService('billing-api')!.service.Status).toBe('RUNNING');
  });
});

describe('status with a read it may not make', () => {
  it("shows the deploy config's scaling, says so, and never prints undefined", async () => {
    const { dir } = await deployed(['--min-instances', '2', '--max-instances', '4']);
    b.standIn.fail('DescribeAutoScalingConfiguration', 'access-denied');
    const r = await cli(b, dir, ['status']);
    expect(r.code, r.out).toBe(0);
    expect(r.stdout).toContain(
      '2-4 instances, 100 requests each (from the deploy config: the live scaling could not be read)',
    );
    expect(r.stdout).not.toContain('undefined');
    expect(r.stdout).not.toMatch(/(^|\s)\?(\s|,|$)/m);
  });
});

describe('on Node 22', () => {
  it('deploys, shows, pauses, resumes and deletes', async () => {
    const node = node22();
    const dir = await makeApp('image');
    expect(
      (await cli(b, dir, ['deploy', '--image', `${ACCOUNT}.dkr.ecr.us-east-1.amazonaws.com/go-api:v1`], {}, node)).code,
    ).toBe(0);
    for (const [command, says] of [
      ['status', 'go-api (App Runner, us-east-1): RUNNING'],
      ['pause', 'Paused go-api.'],
      ['resume', 'Resumed go-api'],
      ['logs', 'does not exist yet'],
      ['delete --yes', 'Removed the App Runner service go-api'],
      ['status', 'go-api is not deployed in us-east-1'],
    ]) {
      const r = await cli(b, dir, command!.split(' '), {}, node);
      expect(r.code, r.out).toBe(0);
      expect(r.out).toContain(says);
    }
  });
});

describe('delete on a terminal', () => {
  it('asks before removing anything: no keeps everything, yes removes it', async () => {
    const dir = await makeApp('image');
    expect(
      (await cli(b, dir, ['deploy', '--image', `${ACCOUNT}.dkr.ecr.us-east-1.amazonaws.com/go-api:v1`])).code,
    ).toBe(0);
    const env = deployEnv(b) as Record<string, string>;
    const no = await runInTerminal(
      ['delete'],
      dir,
      [{ expect: "Remove the above from AWS \\(1 of go-api's resources\\)\\? This cannot be undone", send: 'n\r' }],
      process.execPath,
      env,
    );
    expect(no.code, no.out).toBe(0);
    expect(no.out).toContain('Nothing was removed.');
    expect(b.standIn.inputsOf('DeleteService')).toEqual([]);
    const yes = await runInTerminal(
      ['delete'],
      dir,
      [{ expect: 'This cannot be undone', send: 'y\r' }],
      process.execPath,
      env,
    );
    expect(yes.code, yes.out).toBe(0);
    expect(yes.out).toContain('Removed the App Runner service go-api');
    expect(b.standIn.inputsOf('DeleteService')).toHaveLength(1);
  });
});

describe('a silent endpoint', () => {
  it('fails within bounded time instead of hanging, naming the call', async () => {
    const dir = await makeApp('image');
    // Accepts connections and never answers, like a black-holed proxy. The limit is 2 s, not less, so the
    // calls that do answer (moto, on a loaded machine) are not the ones that time out.
    const sockets: Socket[] = [];
    const server = createServer((socket) => void sockets.push(socket));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const r = await cli(b, dir, ['status'], {
        AWS_ENDPOINT_URL_APPRUNNER: url,
        CREATE_APPRUNNER_APP_REQUEST_TIMEOUT_MS: '2000',
      });
      expect(r.code, r.out).toBe(1);
      expect(r.stderr).toContain('apprunner:ListServices');
      // deploy's clients have the same limits.
      const d = await cli(b, dir, ['deploy', '--image', `${ACCOUNT}.dkr.ecr.us-east-1.amazonaws.com/go-api:v1`], {
        AWS_ENDPOINT_URL_APPRUNNER: url,
        CREATE_APPRUNNER_APP_REQUEST_TIMEOUT_MS: '2000',
      });
      expect(d.code, d.out).toBe(1);
      expect(d.stderr).toMatch(
        /No answer from http:\/\/127\.0\.0\.1:\d+ \(region us-east-1\) for apprunner:ListServices/,
      );
    } finally {
      for (const s of sockets) s.destroy();
      server.close();
    }
  });
});

describe('before the first deploy', () => {
  it('status is a normal answer with the command that deploys, and logs says there is nothing yet', async () => {
    const dir = await makeApp('image');
    const status = await cli(b, dir, ['status']);
    expect(status.code, status.out).toBe(0);
    expect(status.stdout).toBe(
      `go-api is not deployed in us-east-1 (App Runner) yet. Deploy it with:\n  ${toolCommand()} deploy`,
    );
    const logs = await cli(b, dir, ['logs']);
    expect(logs.code, logs.out).toBe(0);
    expect(logs.stdout).toContain('go-api is not deployed in us-east-1 yet, so it has no logs.');
    const pause = await cli(b, dir, ['pause']);
    expect(pause.code).toBe(1);
    expect(pause.stderr).toContain('go-api is not deployed in us-east-1: there is nothing to pause.');
  });

  it('logs explains a log group that does not exist yet', async () => {
    const dir = await makeApp('image');
    b.standIn.addService({ ServiceName: 'go-api' });
    const r = await cli(b, dir, ['logs']);
    expect(r.code, r.out).toBe(0);
    expect(r.stderr).toMatch(
      /The log group \/aws\/apprunner\/go-api\/\w+\/application does not exist yet: App Runner creates it when the app first writes/,
    );
    expect(r.stderr).toContain(`${toolCommand()} logs --follow`);
  });

  it('status --cwd finds the app from elsewhere; a folder that is not an app is refused with the fix', async () => {
    const dir = await makeApp('image');
    const r = await cli(b, join(dir, '..'), ['status', '--cwd', 'go-api']);
    expect(r.code, r.out).toBe(0);
    expect(r.stdout).toContain(`${toolCommand()} deploy --cwd go-api`);
    const none = await cli(b, join(dir, '..'), ['delete', '--yes']);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain(
      "delete works on an app made by create-apprunner-app. Run it inside the app's folder, or point at it with --cwd <dir>.",
    );
    expect(existsSync(join(dir, '..', 'delete'))).toBe(false);
  });
});

describe('a service in the middle of an operation', () => {
  it('delete waits for the operation, and refuses with the reason when it does not end, removing nothing', async () => {
    await b.restart({ operationDelayMs: Infinity });
    const dir = await makeApp('image');
    const started = await cli(b, dir, [
      'deploy',
      '--image',
      `${ACCOUNT}.dkr.ecr.us-east-1.amazonaws.com/go-api:v1`,
      '--no-wait',
    ]);
    expect(started.code, started.out).toBe(0);
    expect(b.standIn.findService('go-api')!.service.Status).toBe('OPERATION_IN_PROGRESS');
    const refused = await cli(b, dir, ['delete', '--yes'], { CREATE_APPRUNNER_APP_TIMEOUT_MS: '300' });
    expect(refused.code, refused.out).toBe(1);
    expect(refused.stdout).toContain('go-api has an operation in progress; waiting for it to end before deleting.');
    expect(refused.stderr).toMatch(
      /Stopped waiting after 0s: go-api is still OPERATION_IN_PROGRESS \(CREATE_SERVICE started \S+\)\. It goes on at AWS/,
    );
    expect(b.standIn.inputsOf('DeleteService')).toEqual([]);

    // Once it has ended, delete goes ahead (this stand-in ends operations only when told: the delete too).
    b.standIn.settle();
    const deleting = await cli(b, dir, ['delete', '--yes'], { CREATE_APPRUNNER_APP_TIMEOUT_MS: '300' });
    expect(b.standIn.inputsOf('DeleteService')).toHaveLength(1);
    expect(deleting.stderr).toContain('go-api is still OPERATION_IN_PROGRESS (DELETE_SERVICE');
    b.standIn.settle();
    const gone = await cli(b, dir, ['status']);
    expect(gone.stdout).toContain('go-api is not deployed in us-east-1 (App Runner) yet.');
  });

  it('Ctrl-C while pause waits exits 130 and says the operation goes on at AWS', async () => {
    await b.restart({ operationDelayMs: Infinity });
    const dir = await makeApp('image');
    b.standIn.addService({ ServiceName: 'go-api' });
    const pause = spawnCli(b, dir, ['pause']);
    await waitForOutput(pause, 'Pausing go-api: OPERATION_IN_PROGRESS', { out: '' });
    pause.kill('SIGINT');
    const ended = await pause;
    expect(ended.exitCode, ended.all).toBe(130);
    expect(ended.stderr).toContain(
      `Stopped. Anything already asked of AWS goes on there; see where it stands with:\n  ${toolCommand()} status`,
    );
    expect(b.standIn.findService('go-api')!.service.Status).toBe('OPERATION_IN_PROGRESS');
  });
});
