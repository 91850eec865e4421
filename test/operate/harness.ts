// Shared by the operate tests: the packed CLI's status/logs/pause/resume/delete run in an app's folder
// against the same stand-ins as deploy (moto for IAM, ECR and CloudWatch Logs; the App Runner stand-in),
// and log events put into moto the way App Runner would write them.
import { realpathSync } from 'node:fs';

import {
  CloudWatchLogsClient,
  CreateLogGroupCommand,
  CreateLogStreamCommand,
  PutLogEventsCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import { execa } from 'execa';

import { type Backends, CREDENTIALS, deployEnv } from '../deploy/harness.js';
import { cliBin, GIT_ENV, runCli, userEnv } from '../helpers/cli.js';

/** `create-apprunner-app <args>` in `dir`, no terminal. */
export const cli = (
  b: Backends,
  dir: string,
  args: string[],
  env: Record<string, string | undefined> = {},
  node?: string,
) => runCli(args, { cwd: dir, env: deployEnv(b, env), ...(node ? { node } : {}) });

/** How the packed CLI names itself in the commands it prints: it is neither npx's nor on PATH. */
export const toolCommand = () => `node ${realpathSync(cliBin())}`;

/** Starts the CLI without waiting, to stop it with a signal (logs --follow). */
export function spawnCli(b: Backends, dir: string, args: string[], env: Record<string, string | undefined> = {}) {
  return execa(process.execPath, [cliBin(), ...args], {
    cwd: dir,
    reject: false,
    stdin: 'ignore',
    all: true,
    extendEnv: false,
    timeout: 120_000,
    env: {
      ...userEnv(),
      ...GIT_ENV,
      CI: undefined,
      AWS_REGION: undefined,
      AWS_DEFAULT_REGION: undefined,
      ...deployEnv(b, env),
    },
  });
}

export async function putLogs(
  b: Backends,
  group: string,
  events: { message: string; timestamp: number }[],
  create = true,
) {
  const logs = new CloudWatchLogsClient({ endpoint: b.moto.url, region: 'us-east-1', credentials: CREDENTIALS });
  try {
    if (create) {
      await logs.send(new CreateLogGroupCommand({ logGroupName: group }));
      await logs.send(new CreateLogStreamCommand({ logGroupName: group, logStreamName: 'instance/1' }));
    }
    await logs.send(new PutLogEventsCommand({ logGroupName: group, logStreamName: 'instance/1', logEvents: events }));
  } finally {
    logs.destroy();
  }
}

/** Resolves once `text` has appeared in the child's output. */
export function waitForOutput(child: ReturnType<typeof spawnCli>, text: string, seen: { out: string }): Promise<void> {
  return new Promise((resolve, reject) => {
    const check = () => {
      if (seen.out.includes(text)) {
        child.all?.off('data', onData);
        resolve();
      }
    };
    const onData = (chunk: Buffer) => {
      seen.out += chunk.toString();
      check();
    };
    child.all?.on('data', onData);
    child.then(() => reject(new Error(`the CLI ended before printing ${JSON.stringify(text)}:\n${seen.out}`)), reject);
    check();
  });
}
