// What to do next, printed at the end of a run. Pure: the same spec prints the same text.
import { costLine } from './cost.js';
import { DEPLOY_CONFIG_FILE, deployConfigOf } from './deploy-config.js';
import { deployCommandOf } from './plan.js';
import { registryCommand } from './tool-command.js';
import type { Spec } from './spec.js';

export interface Outcome {
  /** The install command if it still has to be run (skipped or failed). */
  pendingInstall?: string;
  packageManager: string;
  toolVersion: string;
  /** How to run this tool again (core/tool-command.ts); default: the registry form of toolVersion. */
  toolCommand?: string;
}

export function nextSteps(spec: Spec, outcome: Outcome): string {
  const { commands } = spec.runtime;
  const node = spec.runtime.id === 'node';
  const pm = outcome.packageManager;
  const run = node ? `${pm} start` : commands.start;
  const test = node ? `${pm} test` : commands.test;
  const deploy = node ? `${pm} run deploy` : deployCommandOf(outcome.toolCommand ?? outcome.toolVersion);
  const rows: [string, string][] = [[`cd ${quote(spec.directoryLabel)}`, '']];
  if (outcome.pendingInstall) rows.push([outcome.pendingInstall, 'install dependencies']);
  if (spec.runtime.commands.install && !node && spec.runtime.id !== 'python' && spec.runtime.id !== 'ruby') {
    rows.push([commands.install!, 'build']);
  }
  rows.push([run, `run it on http://localhost:${spec.port}`], [test, 'run its tests']);
  if (spec.source === 'image') rows.push([`docker build -t ${spec.slug} .`, 'build the container image']);
  rows.push([deploy, `create the App Runner service (settings: ${DEPLOY_CONFIG_FILE})`]);
  const width = Math.max(...rows.map(([c]) => c.length)) + 3;
  return [
    `Done: ${spec.runtime.label} app "${spec.name}" in ${spec.directoryLabel}.`,
    '',
    'Next:',
    ...rows.map(([c, why]) => `  ${why ? c.padEnd(width) + why : c}`),
    '',
    costLine(deployConfigOf(spec), outcome.toolCommand ?? registryCommand(outcome.toolVersion)),
  ].join('\n');
}

const quote = (s: string) => (/^[\w./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`);
