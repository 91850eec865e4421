// What to do next, printed at the end of a run. Pure: the same spec prints the same text.
import { costLine, platformOf } from '../platforms/registry.js';
import { DEPLOY_CONFIG_FILE, deployConfigOf } from './deploy-config.js';
import type { PackageManager } from './package-manager.js';
import { deployCommandOf, dockerBuildCommand, targetSentence } from './plan.js';
import { commandsOf } from './runtimes.js';
import type { Spec } from './spec.js';
import { registryCommand } from './tool-command.js';

export interface Outcome {
  /** The install command if it still has to be run (skipped or failed). */
  pendingInstall?: string;
  packageManager: PackageManager;
  toolVersion: string;
  /** How to run this tool again (core/tool-command.ts); default: the registry form of toolVersion. */
  toolCommand?: string;
}

export function nextSteps(spec: Spec, outcome: Outcome): string {
  const commands = commandsOf(spec.runtime, outcome.packageManager);
  const tool = outcome.toolCommand ?? registryCommand(outcome.toolVersion);
  const rows: [string, string][] = spec.here ? [] : [[`cd ${quote(spec.directoryLabel)}`, '']];
  if (outcome.pendingInstall) rows.push([outcome.pendingInstall, 'install dependencies']);
  if (commands.build) rows.push([commands.build, 'build']);
  rows.push([commands.start, `run it on http://localhost:${spec.port}`], [commands.test, 'run its tests']);
  // Every app carries a Dockerfile (either target can take it).
  rows.push([dockerBuildCommand(spec.slug), 'build the container image']);
  const platform = platformOf(spec.target);
  const service = platform.words.service;
  // A code app is built from its repository: the repository, its push and the connection come first.
  const fromRepository = spec.source === 'code' && platform.buildsSource;
  if (fromRepository) {
    rows.push(
      ['(on GitHub) create an empty repository', 'App Runner builds the app from it'],
      ['git remote add origin https://github.com/<you>/<repo>.git && git push -u origin HEAD', ''],
    );
  }
  rows.push([
    commands.deploy ?? deployCommandOf(tool),
    fromRepository
      ? `create the App Runner connection to GitHub (finish its handshake as deploy says), then run it again for the ${service}`
      : `create the ${service} (settings: ${DEPLOY_CONFIG_FILE})`,
  ]);
  if (spec.iac === 'cdk')
    rows.push([
      'cd infra && npm install && npx cdk bootstrap && npx cdk deploy',
      'or deploy the stack of the CDK app in infra/ instead (bootstrap: once per account and region)',
    ]);
  const width = Math.max(...rows.filter(([, why]) => why).map(([c]) => c.length)) + 3;
  return [
    `Done: ${spec.runtime.label} app "${spec.name}" in ${spec.directoryLabel}.`,
    '',
    'Next:',
    ...rows.map(([c, why]) => `  ${why ? c.padEnd(width) + why : c}`),
    '',
    targetSentence(spec.target, tool),
    '',
    costLine(spec.target, deployConfigOf(spec), tool),
  ].join('\n');
}

const quote = (s: string) => (/^[\w./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`);
