// deploy in a real pseudo-terminal: the questions (only asked here), the one live progress line, and the
// offer to wait for an operation already running. The stand-in's operations run until the test settles
// them, prompted by the deploy's own DescribeService polls, so nothing here depends on timing.
import { describe, expect, it } from 'vitest';

import { runInTerminal } from '../helpers/cli.js';
import { ACCOUNT, type Backends, deploy, deployEnv, makeApp, operations, useBackends } from './harness.js';

const b = useBackends();
const IMAGE = `${ACCOUNT}.dkr.ecr.us-east-1.amazonaws.com/go-api:v1`;

const terminalEnv = (backends: Backends) =>
  Object.fromEntries(Object.entries(deployEnv(backends)).filter((e): e is [string, string] => e[1] !== undefined));

/** Settles the stand-in's operations each time deploy polls DescribeService; returns the stopper. */
function settleOnPoll(backends: Backends): () => void {
  let seen = 0;
  const timer = setInterval(() => {
    const polls = operations(backends.standIn).filter((o) => o === 'DescribeService').length;
    if (polls > seen) {
      seen = polls;
      backends.standIn.settle();
    }
  }, 10);
  return () => clearInterval(timer);
}

describe('deploy on a terminal', () => {
  it('asks before creating a service, then shows one live line with a spinner, the elapsed time and the status', async () => {
    const dir = await makeApp('image');
    const r = await runInTerminal(
      ['deploy', '--image', IMAGE],
      dir,
      [{ expect: 'Create the App Runner service go-api\\?', send: '\r' }],
      process.execPath,
      terminalEnv(b),
    );
    expect(r.code, r.out).toBe(0);
    expect(r.out).toContain('go-api does not exist in us-east-1 yet. At its size it costs about $10.22 a month idle');
    expect(r.out).toMatch(/[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏] Creating go-api · \d+s · (OPERATION_IN_PROGRESS|RUNNING)/);
    expect(r.out).not.toMatch(/Creating go-api: OPERATION_IN_PROGRESS \(/); // no plain log lines on a terminal
    expect(r.out).toContain('Created go-api: RUNNING at https://');
  });

  it('creates nothing when the answer is no (exit 1, said once)', async () => {
    const dir = await makeApp('image');
    const r = await runInTerminal(
      ['deploy', '--image', IMAGE],
      dir,
      [{ expect: 'Create the App Runner service', send: 'n\r' }],
      process.execPath,
      terminalEnv(b),
    );
    expect(r.code, r.out).toBe(1);
    expect(r.out).toContain('Cancelled: nothing was created.');
    expect(r.out.match(/nothing was created/gi)).toHaveLength(1);
    expect(operations(b.standIn)).not.toContain('CreateService');
  });

  it('offers to wait for an operation already running, then deploys', async () => {
    await b.restart({ operationDelayMs: Infinity });
    const dir = await makeApp('image');
    expect((await deploy(b, dir, ['--image', IMAGE, '--no-wait'])).code).toBe(0);
    const stop = settleOnPoll(b);
    try {
      const r = await runInTerminal(
        ['deploy', '--image', IMAGE],
        dir,
        [{ expect: 'Wait for it, then deploy\\?', send: '\r' }],
        process.execPath,
        terminalEnv(b),
      );
      expect(r.code, r.out).toBe(0);
      expect(r.out).toMatch(
        /go-api is busy with CREATE_SERVICE \(started [\d-]+T[\d:.]+Z\); App Runner accepts no change until it ends\./,
      );
      expect(r.out).toContain('Waiting for CREATE_SERVICE on go-api');
      expect(r.out).toContain('Redeployed go-api: RUNNING');
    } finally {
      stop();
    }
    expect(b.standIn.inputsOf('CreateService')).toHaveLength(1);
    expect(b.standIn.inputsOf('StartDeployment')).toHaveLength(1);
  });

  it('waits on a terminal for the connection handshake, then creates the service', async () => {
    const dir = await makeApp('code');
    // The person in the console: the handshake is done once deploy has started polling for it.
    const timer = setInterval(() => {
      const polled = b.standIn
        .inputsOf('ListConnections')
        .some((i) => i.ConnectionName === 'create-apprunner-app-github');
      if (polled && b.standIn.connections[0]?.Status === 'PENDING_HANDSHAKE')
        b.standIn.completeHandshake('create-apprunner-app-github');
    }, 10);
    try {
      const r = await runInTerminal(['deploy', '--yes'], dir, [], process.execPath, terminalEnv(b));
      expect(r.code, r.out).toBe(0);
      expect(r.out).toContain('Select "create-apprunner-app-github" and choose "Complete handshake".');
      expect(r.out).toMatch(/[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏] Handshake of create-apprunner-app-github · \d+s · PENDING_HANDSHAKE/);
      expect(r.out).toContain('The connection create-apprunner-app-github is AVAILABLE.');
      expect(r.out).toContain('Created node-api: RUNNING');
    } finally {
      clearInterval(timer);
    }
  });
});
