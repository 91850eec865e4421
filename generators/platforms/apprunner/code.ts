// The source-code flow. App Runner builds what is on GitHub or Bitbucket, not what is on this disk, so
// the plan (local git only) refuses a branch that is not pushed; then a connection to the provider is
// reused or created, and a new one needs a person to finish its handshake in the console.
import { realpathSync } from 'node:fs';

import type { ConnectionSummary } from '@aws-sdk/client-apprunner';

import type { AppRunner } from '../../aws/apprunner.js';
import { poll } from '../../aws/poll.js';
import { type Context, resumeCommand } from '../shared/context.js';
import { DeployError, usageError } from '../shared/errors.js';
import {
  gitFacts,
  httpsUrlOf,
  type Provider,
  providerOf,
  pushedFileExists,
  pushState,
  sourceDirectoryOf,
} from '../shared/git.js';
import { TOOL_TAG } from '../shared/names.js';
import { connectionName, type Source } from './requests.js';
import { consoleUrl } from './resources.js';

export interface CodePlan {
  kind: 'code';
  repositoryUrl: string;
  branch: string;
  sourceDirectory?: string;
  provider: Provider;
}

/** The stand-in for the repository in a dry run before it exists: named as a placeholder wherever it shows. */
export const PLACEHOLDER_REPOSITORY = 'https://github.com/OWNER/REPOSITORY';

/** What a code app needs before its first deploy, in the order it is done. */
export const FIRST_STEPS = [
  'Before the first deploy of a code app:',
  '  1. Create an empty repository on GitHub (or Bitbucket).',
  '  2. git remote add origin https://github.com/<you>/<repo>.git && git push -u origin HEAD',
  '  3. Run deploy: it creates the App Runner connection to GitHub and says how to finish its handshake',
  '     (once per account and region, in the App Runner console: Connected accounts).',
  '  4. Run deploy again once the connection is AVAILABLE: App Runner builds what you pushed.',
].join('\n');

const PROVIDER_LABEL: Record<Provider, string> = { GITHUB: 'GitHub', BITBUCKET: 'Bitbucket' };

export async function planCode(ctx: Context): Promise<CodePlan> {
  const { options, ui } = ctx;
  const dir = realpathSync(ctx.project.dir);
  const facts = await gitFacts(dir);
  const given = options.repositoryUrl ?? facts.originUrl;
  if (!given) {
    // A dry run shows the requests before the repository exists, with placeholders said to be such.
    if (options.dryRun) {
      const branch = options.branch ?? facts.branch ?? 'main';
      ui.warn(
        `This app has no git remote named origin yet: the requests below show the placeholder ${PLACEHOLDER_REPOSITORY} ` +
          `(branch ${branch}) where its GitHub repository goes.\n${FIRST_STEPS}`,
      );
      return { kind: 'code', repositoryUrl: PLACEHOLDER_REPOSITORY, branch, provider: 'GITHUB' };
    }
    // Not bad usage: the app is fine, it only needs its repository first. Nothing was created.
    throw new DeployError(
      'App Runner builds a source-code app from its GitHub or Bitbucket repository, and this app has no git remote ' +
        `named origin yet.\n${FIRST_STEPS}\n` +
        '(Or pass --repository-url and --branch; deploy --dry-run shows the requests before any of this.)',
    );
  }
  const repositoryUrl = httpsUrlOf(given);
  if (!repositoryUrl)
    throw usageError(
      `Cannot read "${given}" as a repository URL: pass --repository-url https://github.com/<you>/<repo>.`,
    );
  const provider = providerOf(repositoryUrl);
  if (!provider) {
    throw usageError(
      `App Runner builds source code only from GitHub or Bitbucket, and ${repositoryUrl} is neither. ` +
        'Push the code to one of them (--repository-url), or deploy a container image instead (source.kind: image in the deploy config).',
    );
  }
  const branch = options.branch ?? facts.branch;
  if (!branch)
    throw usageError('HEAD is detached, so there is no branch to deploy: check out a branch, or pass --branch <name>.');

  const fromOrigin = facts.originUrl !== undefined && httpsUrlOf(facts.originUrl) === repositoryUrl;
  if (!facts.root || !fromOrigin) {
    ui.warn(
      `${facts.root ? `${repositoryUrl} is not this repository's origin` : 'Not inside a git repository'}: ` +
        `deploy cannot check that ${branch} is pushed; App Runner builds whatever ${branch} holds there.`,
    );
    return { kind: 'code', repositoryUrl, branch, provider };
  }
  const sourceDirectory = sourceDirectoryOf(realpathSync(facts.root), dir);
  // A dry run shows these as warnings: it is there to show the requests, even before a push.
  const problem = (message: string) => {
    if (options.dryRun) ui.warn(message);
    else throw new DeployError(message);
  };
  const state = await pushState(dir, branch);
  if (state === 'no-remote-branch') {
    problem(
      `The branch ${branch} is not on origin (${repositoryUrl}) yet, and App Runner builds what is pushed there. ` +
        `Run: git push -u origin ${branch}, then deploy again.`,
    );
  } else if (state === 'ahead') {
    problem(
      `The branch ${branch} has commits that are not pushed to origin: App Runner would build the older pushed commit. ` +
        `Run: git push origin ${branch}, then deploy again.`,
    );
  } else {
    const file = sourceDirectory ? `${sourceDirectory}/apprunner.yaml` : 'apprunner.yaml';
    if (!(await pushedFileExists(dir, branch, file))) {
      problem(
        `${file} is not in the pushed branch ${branch}: App Runner builds with it. Commit and push it, then deploy again.`,
      );
    }
    if (facts.dirty) ui.warn('There are uncommitted changes: App Runner builds the pushed commit, without them.');
  }
  return { kind: 'code', repositoryUrl, branch, provider, ...(sourceDirectory ? { sourceDirectory } : {}) };
}

export async function connectCode(ctx: Context, ar: AppRunner, plan: CodePlan): Promise<Source> {
  const source = (connectionArn: string): Source => ({
    kind: 'code',
    repositoryUrl: plan.repositoryUrl,
    branch: plan.branch,
    sourceDirectory: plan.sourceDirectory,
    connectionArn,
  });
  if (ctx.options.connectionArn) return source(ctx.options.connectionArn);

  const label = PROVIDER_LABEL[plan.provider];
  const all = await ar.listConnections();
  const ours = connectionName(plan.provider);
  const mine = all.filter((c) => c.ProviderType === plan.provider);
  const available =
    mine.find((c) => c.Status === 'AVAILABLE' && c.ConnectionName === ours) ??
    mine.find((c) => c.Status === 'AVAILABLE');
  if (available) {
    ctx.ui.info(`Using the ${label} connection ${available.ConnectionName}.`);
    return source(available.ConnectionArn!);
  }
  let pending = mine.find((c) => c.Status === 'PENDING_HANDSHAKE');
  if (!pending) {
    const taken = new Set(all.map((c) => c.ConnectionName));
    let name = ours;
    for (let i = 2; taken.has(name); i++) name = `${ours}-${i}`;
    pending = await ar.createConnection(name, plan.provider, [TOOL_TAG]);
    ctx.ledger.note(`The App Runner connection ${name} was created and waits for its handshake; deploy reuses it.`);
  }
  ctx.ui.info(handshakeSteps(ctx.region, pending, label, plan.repositoryUrl));
  if (!ctx.ui.interactive) {
    throw new DeployError(
      `The connection ${pending.ConnectionName} is not usable until the handshake is done. ` +
        `Then run deploy again:\n  ${resumeCommand(ctx)}`,
    );
  }
  return source(await waitForHandshake(ctx, ar, pending));
}

function handshakeSteps(region: string, connection: ConnectionSummary, label: string, repositoryUrl: string): string {
  return [
    `App Runner reaches ${label} through a connection, and only a person can finish setting it up (no API can):`,
    `  1. Open ${consoleUrl(region, 'connections')}`,
    `  2. Select "${connection.ConnectionName}" and choose "Complete handshake".`,
    `  3. Sign in to ${label} and install the AWS Connector app for ${new URL(repositoryUrl).pathname.slice(1)}.`,
  ].join('\n');
}

async function waitForHandshake(ctx: Context, ar: AppRunner, connection: ConnectionSummary): Promise<string> {
  const name = connection.ConnectionName!;
  ctx.ui.info('Waiting for the handshake (Ctrl-C stops waiting; deploy again later to carry on).');
  const stopped = (status: string) =>
    new DeployError(
      `The connection ${name} is ${status}${status === 'PENDING_HANDSHAKE' ? ' (stopped waiting)' : ''}. ` +
        `Finish or recreate it in the console, then run deploy again:\n  ${resumeCommand(ctx)}`,
    );
  const found = await poll({
    read: async () => (await ar.listConnections(name)).find((c) => c.ConnectionName === name),
    settled: (c) => c?.Status !== 'PENDING_HANDSHAKE',
    status: (c) => c?.Status ?? 'DELETED',
    label: `Handshake of ${name}`,
    ui: ctx.ui,
    timing: ctx.timing,
    signal: ctx.signal,
    timedOut: (c) => stopped(c?.Status ?? 'DELETED'),
  });
  if (found?.Status !== 'AVAILABLE') throw stopped(found?.Status ?? 'DELETED');
  ctx.ui.info(`The connection ${name} is AVAILABLE.`);
  return found.ConnectionArn!;
}
