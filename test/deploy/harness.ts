// Shared by the deploy tests: the AWS stand-ins (moto for STS/IAM/ECR once per file, a fresh App Runner
// stand-in per test), generated apps copied from one template per kind, and `deploy` run the way users
// run it: the packed CLI in the app's folder, no terminal, the AWS SDK pointed at the stand-ins through
// AWS_ENDPOINT_URL*, dummy credentials and empty AWS config files so nothing of this machine's leaks in.
import { chmodSync, cpSync, existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';

import { DescribeRepositoriesCommand, ECRClient } from '@aws-sdk/client-ecr';
import { IAMClient, ListRolesCommand } from '@aws-sdk/client-iam';
import { execa } from 'execa';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { parse } from 'yaml';

import type { AppId } from '../../generators/core/app-id.js';
import { namesOf } from '../../generators/platforms/ownership/names.js';
import { GIT_ENV, runCli, tempDir } from '../helpers/cli.js';
import { type AppRunnerStandIn, type StandInOptions, startAppRunnerStandIn } from '../standin/apprunner.js';
import { type EcsStandIn, startEcsExpressStandIn } from '../standin/ecs-express.js';
import { type Moto, startMoto } from '../standin/moto.js';
import { startTaggingStandIn, type TaggingStandIn } from '../standin/tagging.js';

// The SDK's notice that its 2027 releases need Node 22 says nothing about these tests.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

export const ACCOUNT = '123456789012';
export const CREDENTIALS = { accessKeyId: 'testing', secretAccessKey: 'testing' };

export interface Backends {
  moto: Moto;
  standIn: AppRunnerStandIn;
  /** An ECS Express stand-in (empty unless a test deploys there) and the Tagging API over both: status and
   * delete look for the app's other deployments on both platforms. */
  ecs: EcsStandIn;
  tagging: TaggingStandIn;
  /** Restarts the App Runner stand-in with other options (e.g. operations that never end on their own). */
  restart(options: StandInOptions): Promise<AppRunnerStandIn>;
}

/** Registers the hooks: moto for the file, a clean moto and a new stand-in for every test. */
export function useBackends(options: StandInOptions = {}): Backends {
  const b = {} as Backends;
  beforeAll(async () => {
    b.moto = await startMoto();
  });
  afterAll(async () => b.moto?.close());
  beforeEach(async () => {
    await b.moto.reset();
    b.standIn = await startAppRunnerStandIn(options);
    b.ecs = await startEcsExpressStandIn();
    // Read at each request, so a restarted App Runner stand-in is the one answered from.
    b.tagging = await startTaggingStandIn({
      get apprunner() {
        return [b.standIn];
      },
      get ecs() {
        return [b.ecs];
      },
      motoUrl: b.moto.url,
    });
  });
  afterEach(async () => {
    await Promise.all([b.standIn?.close(), b.ecs?.close(), b.tagging?.close()]);
  });
  b.restart = async (opts) => {
    await b.standIn.close();
    b.standIn = await startAppRunnerStandIn(opts);
    return b.standIn;
  };
  return b;
}

const emptyFile = (() => {
  let path: string | undefined;
  return () => {
    if (!path) writeFileSync((path = join(tempDir('caa-awscfg-'), 'empty')), '');
    return path;
  };
})();

export function deployEnv(
  b: Backends,
  extra: Record<string, string | undefined> = {},
): Record<string, string | undefined> {
  return {
    AWS_ENDPOINT_URL: b.moto.url,
    AWS_ENDPOINT_URL_APPRUNNER: b.standIn.url,
    AWS_ENDPOINT_URL_ECS: b.ecs?.url,
    AWS_ENDPOINT_URL_RESOURCE_GROUPS_TAGGING_API: b.tagging?.url,
    AWS_ACCESS_KEY_ID: CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: CREDENTIALS.secretAccessKey,
    AWS_SESSION_TOKEN: undefined,
    AWS_PROFILE: undefined,
    AWS_CONFIG_FILE: emptyFile(),
    AWS_SHARED_CREDENTIALS_FILE: emptyFile(),
    AWS_EC2_METADATA_DISABLED: 'true',
    CREATE_APPRUNNER_APP_POLL_MS: '20',
    ...extra,
  };
}

/** `create-apprunner-app deploy <args>` in `dir`, as a user runs it (no terminal). */
export function deploy(b: Backends, dir: string, args: string[] = [], env: Record<string, string | undefined> = {}) {
  return runCli(['deploy', ...args], { cwd: dir, env: deployEnv(b, env) });
}

// ---- generated apps ----

const templates = new Map<string, Promise<string>>();

/**
 * A generated app, copied from a template made once per process. `code` apps have a real git origin (a
 * local bare repository, pushed to), whose URL is then set to GitHub's: the remote-tracking ref stays, so
 * the "is it pushed?" check reads real git state.
 */
export async function makeApp(kind: 'image' | 'code', extraFlags: string[] = []): Promise<string> {
  const key = `${kind} ${extraFlags.join(' ')}`;
  if (!templates.has(key)) templates.set(key, createTemplate(kind, extraFlags));
  const template = await templates.get(key)!;
  const dir = join(tempDir('caa-deploy-'), kind === 'image' ? 'go-api' : 'node-api');
  cpSync(template, dir, { recursive: true });
  return dir;
}

async function createTemplate(kind: 'image' | 'code', extraFlags: string[]): Promise<string> {
  const cwd = tempDir('caa-template-');
  const name = kind === 'image' ? 'go-api' : 'node-api';
  const made = await runCli(
    [name, '--runtime', kind === 'image' ? 'go' : 'node', '--yes', '--no-install', ...extraFlags],
    { cwd },
  );
  if (made.code !== 0) throw new Error(`generating the ${kind} app failed:\n${made.out}`);
  const dir = join(cwd, name);
  if (kind === 'code') {
    const origin = join(cwd, 'origin.git');
    await git(cwd, ['init', '--quiet', '--bare', origin]);
    await git(dir, ['remote', 'add', 'origin', origin]);
    await git(dir, ['push', '--quiet', '-u', 'origin', 'HEAD']);
    await git(dir, ['remote', 'set-url', 'origin', `git@github.com:octo/${name}.git`]);
  }
  return dir;
}

export const git = (cwd: string, args: string[]) => execa('git', args, { cwd, env: { ...process.env, ...GIT_ENV } });

// ---- a container engine at the process boundary ----

/**
 * A folder to put first on PATH holding a fake `docker` that records its arguments (one line per call,
 * the login password's length instead of the password), because no container engine can build here.
 * `FAKE_DOCKER_FAIL=build` makes the build fail.
 */
export function fakeDockerBin(): { bin: string; log: string } {
  const bin = tempDir('caa-fakebin-');
  const log = join(bin, 'calls.log');
  writeFileSync(log, '');
  const script = `#!/bin/sh
case "$1" in
  login) pw=$(cat); echo "$* password-length=\${#pw}" >> "${log}"; echo "Login Succeeded" ;;
  build) echo "$*" >> "${log}"; if [ "$FAKE_DOCKER_FAIL" = build ]; then echo "ERROR: failed to solve: boom" >&2; exit 1; fi; echo "built" ;;
  *) echo "$*" >> "${log}" ;;
esac
`;
  writeFileSync(join(bin, 'docker'), script);
  chmodSync(join(bin, 'docker'), 0o755);
  return { bin, log };
}

/** A PATH holding only git (and, if asked, the real docker client, whose daemon is not running here). */
export function barePath(withRealDocker = false): string {
  const bin = tempDir('caa-barebin-');
  mkdirSync(bin, { recursive: true });
  symlinkSync(onPath('git'), join(bin, 'git'));
  if (withRealDocker) symlinkSync(onPath('docker'), join(bin, 'docker'));
  return bin;
}

/** Where a command lives on this machine's PATH. */
function onPath(command: string): string {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (dir && existsSync(join(dir, command))) return join(dir, command);
  }
  throw new Error(`${command} is not on PATH`);
}

// ---- what moto holds ----

export async function motoState(moto: Moto) {
  const config = { endpoint: moto.url, region: 'us-east-1', credentials: CREDENTIALS };
  const ecr = new ECRClient(config);
  const iam = new IAMClient(config);
  try {
    const repositories = (await ecr.send(new DescribeRepositoriesCommand({}))).repositories ?? [];
    const roles = (await iam.send(new ListRolesCommand({}))).Roles ?? [];
    return { repositories, roles: roles.map((r) => r.RoleName!).filter((n) => !n.startsWith('AWSServiceRole')) };
  } finally {
    ecr.destroy();
    iam.destroy();
  }
}

/** The operations the stand-in received, in order. */
export const operations = (standIn: AppRunnerStandIn) => standIn.requests.map((r) => r.operation);

/** The name deploy gives the app's own resource of `kind` (roles: one per app and region, with its id and the region). */
export function appName(
  dir: string,
  kind: 'instanceRole' | 'executionRole' | 'autoScaling' | 'observability' | 'vpcConnector',
  region = 'us-east-1',
  name?: string,
): string {
  const config = parse(readFileSync(join(dir, 'apprunner.deploy.yaml'), 'utf8')) as {
    app: { id: AppId };
    service: { name: string };
  };
  return namesOf({ id: config.app.id, name: name ?? config.service.name, region })[kind];
}
