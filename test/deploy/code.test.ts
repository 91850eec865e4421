// Deploying a source-code app (Node.js) through the packed CLI against the stand-ins. Its git origin is a
// real local bare repository that was pushed to (then renamed to a GitHub URL), so "is the branch pushed"
// is answered by real git state.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { deploy, git, makeApp, motoState, operations, useBackends } from './harness.js';

const b = useBackends();

async function branchOf(dir: string) {
  return (await git(dir, ['symbolic-ref', '--short', 'HEAD'])).stdout;
}

describe('deploy of a source-code app', () => {
  it('creates the service from the pushed branch through an AVAILABLE GitHub connection', async () => {
    const dir = await makeApp('code');
    const branch = await branchOf(dir);
    b.standIn.addConnection({ ConnectionName: 'someone-elses-bitbucket', ProviderType: 'BITBUCKET' });
    const github = b.standIn.addConnection({ ConnectionName: 'my-github', ProviderType: 'GITHUB' });
    const r = await deploy(b, dir);
    expect(r.code, r.out).toBe(0);
    expect(r.stdout).toContain('Using the GitHub connection my-github.');
    expect(b.standIn.inputsOf('CreateService')).toEqual([
      {
        ServiceName: 'node-api',
        SourceConfiguration: {
          CodeRepository: {
            RepositoryUrl: 'https://github.com/octo/node-api',
            SourceCodeVersion: { Type: 'BRANCH', Value: branch },
            CodeConfiguration: { ConfigurationSource: 'REPOSITORY' },
          },
          AutoDeploymentsEnabled: false,
          AuthenticationConfiguration: { ConnectionArn: github.ConnectionArn },
        },
        InstanceConfiguration: { Cpu: '1 vCPU', Memory: '2 GB' },
        HealthCheckConfiguration: {
          Protocol: 'HTTP',
          Path: '/health',
          Interval: 5,
          Timeout: 2,
          HealthyThreshold: 1,
          UnhealthyThreshold: 5,
        },
        Tags: [
          { Key: 'created-by', Value: 'create-apprunner-app' },
          { Key: 'create-apprunner-app:app-id', Value: expect.stringMatching(/^app-[a-z2-7]{12}$/) },
        ],
      },
    ]);
    expect(operations(b.standIn)).not.toContain('CreateConnection');
    expect(await motoState(b.moto)).toEqual({ repositories: [], roles: [] });
    expect(r.stdout).toContain('Created node-api: RUNNING at https://');
  });

  it('creates a connection, explains the handshake and stops; after the handshake deploys, then redeploys', async () => {
    const dir = await makeApp('code');
    const first = await deploy(b, dir);
    expect(first.code).toBe(1);
    expect(first.stdout).toContain('only a person can finish setting it up');
    expect(first.stdout).toContain(
      'Open https://us-east-1.console.aws.amazon.com/apprunner/home?region=us-east-1#/connections',
    );
    expect(first.stdout).toContain('Select "create-apprunner-app-github" and choose "Complete handshake".');
    expect(first.stdout).toContain('install the AWS Connector app for octo/node-api');
    // The packed CLI is neither npx's nor on PATH: it names itself by its path.
    expect(first.stderr).toMatch(/Then run deploy again:\n {2}node \S+\/bin\/create-apprunner-app\.js deploy/);
    expect(first.stderr).toContain(
      'The App Runner connection create-apprunner-app-github was created and waits for its handshake',
    );
    expect(b.standIn.connections).toMatchObject([
      { ConnectionName: 'create-apprunner-app-github', ProviderType: 'GITHUB', Status: 'PENDING_HANDSHAKE' },
    ]);
    expect(operations(b.standIn)).not.toContain('CreateService');

    // Not done yet: the same connection is pointed at again, not a second one made.
    const still = await deploy(b, dir);
    expect(still.code).toBe(1);
    expect(b.standIn.inputsOf('CreateConnection')).toHaveLength(1);

    b.standIn.completeHandshake('create-apprunner-app-github');
    const done = await deploy(b, dir);
    expect(done.code, done.out).toBe(0);
    expect(b.standIn.inputsOf('CreateService')[0]!.SourceConfiguration.AuthenticationConfiguration.ConnectionArn).toBe(
      b.standIn.connections[0]!.ConnectionArn,
    );

    const again = await deploy(b, dir);
    expect(again.code, again.out).toBe(0);
    expect(again.stdout).toContain(`starting a new deployment (builds the head of ${await branchOf(dir)})`);
    expect(b.standIn.inputsOf('CreateService')).toHaveLength(1);
    expect(b.standIn.inputsOf('StartDeployment')).toHaveLength(1);
  });

  it('refuses a branch with commits that are not pushed, before any AWS call', async () => {
    const dir = await makeApp('code');
    writeFileSync(join(dir, 'NOTES.md'), 'not pushed\n');
    await git(dir, ['add', 'NOTES.md']);
    await git(dir, ['commit', '--quiet', '-m', 'local only']);
    const r = await deploy(b, dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      `has commits that are not pushed to origin: App Runner would build the older pushed commit. Run: git push origin ${await branchOf(dir)}`,
    );
    expect(b.standIn.requests).toEqual([]);
  });

  it('refuses a branch that was never pushed', async () => {
    const dir = await makeApp('code');
    await git(dir, ['checkout', '--quiet', '-b', 'feature/x']);
    const r = await deploy(b, dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('The branch feature/x is not on origin (https://github.com/octo/node-api) yet');
    expect(r.stderr).toContain('git push -u origin feature/x');
    expect(b.standIn.requests).toEqual([]);
  });

  it('refuses an origin that is neither GitHub nor Bitbucket, and an app without origin', async () => {
    const dir = await makeApp('code');
    await git(dir, ['remote', 'set-url', 'origin', 'https://gitlab.com/octo/node-api.git']);
    const gitlab = await deploy(b, dir);
    expect(gitlab.code).toBe(2);
    expect(gitlab.stderr).toContain(
      'App Runner builds source code only from GitHub or Bitbucket, and https://gitlab.com/octo/node-api is neither.',
    );
    await git(dir, ['remote', 'remove', 'origin']);
    const none = await deploy(b, dir);
    expect(none.code).toBe(1); // not bad usage: the steps come first, in order, and nothing is created
    expect(none.stderr).toContain('this app has no git remote named origin yet.');
    expect(none.stderr.match(/Nothing was created\./g)).toHaveLength(1);
    expect(none.stderr).toMatch(
      /1\. Create an empty repository on GitHub[\s\S]*2\. git remote add origin[\s\S]*3\. Run deploy: it creates the App Runner connection[\s\S]*4\. /,
    );
    expect(b.standIn.requests).toEqual([]);
    // A dry run works before the repository exists: the placeholder is named as one.
    const dry = await deploy(b, dir, ['--dry-run']);
    expect(dry.code, dry.out).toBe(0);
    expect(dry.stderr).toContain('the requests below show the placeholder https://github.com/OWNER/REPOSITORY');
    expect(dry.stdout).toContain('https://github.com/OWNER/REPOSITORY');
  });

  it("takes --repository-url, --branch and --connection-arn, and shows AWS's message for an InvalidRequestException", async () => {
    const dir = await makeApp('code');
    const missing = `arn:aws:apprunner:us-east-1:123456789012:connection/gone/${'a'.repeat(32)}`;
    const r = await deploy(b, dir, [
      '--repository-url',
      'https://bitbucket.org/team/api',
      '--branch',
      'release',
      '--connection-arn',
      missing,
    ]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("is not this repository's origin: deploy cannot check that release is pushed");
    expect(b.standIn.inputsOf('CreateService')[0]!.SourceConfiguration.CodeRepository).toMatchObject({
      RepositoryUrl: 'https://bitbucket.org/team/api',
      SourceCodeVersion: { Type: 'BRANCH', Value: 'release' },
    });
    expect(r.stderr).toContain(
      `AWS refused apprunner:CreateService on service node-api: Connection not found: ${missing}`,
    );
    expect(r.stderr).toContain('Nothing was created.');
    expect(operations(b.standIn)).not.toContain('ListConnections');
  });
});
