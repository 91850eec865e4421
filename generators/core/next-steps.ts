// What to do next, printed at the end of a run (and listed by `--json`). Pure: the same spec prints the
// same text. These are the only words of a run that may show how this run was invoked: a Node.js app
// names the tool its package.json pins, any other app the command that ran us (a tarball or a checkout
// works again right here), and nothing is padded to a long path.
import { costLine, platformOf } from '../platforms/registry.js';
import { DEPLOY_CONFIG_FILE, deployConfigOf } from './deploy-config.js';
import type { PackageManager } from './package-manager.js';
import { appToolOf, deployCommandOf, dockerBuildCommand, targetSentence } from './plan.js';
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

export interface NextCommand {
  /** One shell line to paste, run in the app's folder (the first one, `cd`, gets there). */
  command: string;
  /** What it does; empty for `cd`. */
  why: string;
}

/** Lines stay within this many columns; prose is wrapped, commands never are. */
export const COLUMNS = 100;

/** How the next steps run the tool: the app's own pinned copy where it has one, else how we were run. */
export function nextTool(spec: Spec, outcome: Outcome): string {
  if (spec.runtime.packageManaged) return appToolOf(spec, outcome.toolVersion, outcome.packageManager);
  return outcome.toolCommand ?? registryCommand(outcome.toolVersion);
}

export function nextCommands(spec: Spec, outcome: Outcome): NextCommand[] {
  const commands = commandsOf(spec.runtime, outcome.packageManager);
  const rows: NextCommand[] = spec.here ? [] : [{ command: `cd ${quote(spec.directoryLabel)}`, why: '' }];
  const row = (command: string, why: string) => rows.push({ command, why });
  if (outcome.pendingInstall) row(outcome.pendingInstall, 'install dependencies');
  if (commands.build) row(commands.build, 'build');
  row(commands.start, `run it on http://localhost:${spec.port}`);
  row(commands.test, 'run its tests');
  // Every app carries a Dockerfile (either target can take it).
  row(dockerBuildCommand(spec.slug), 'build the container image');
  const platform = platformOf(spec.target);
  const service = platform.words.service;
  // A code app is built from its repository: the repository, its push and the connection come first.
  const fromRepository = spec.source === 'code' && platform.buildsSource;
  if (fromRepository) {
    row('(on GitHub) create an empty repository', 'App Runner builds the app from it');
    row('git remote add origin https://github.com/<you>/<repo>.git && git push -u origin HEAD', '');
  }
  row(
    commands.deploy ?? deployCommandOf(nextTool(spec, outcome)),
    fromRepository
      ? `create the App Runner connection to GitHub; run it again for the ${service}`
      : `create the ${service} (settings: ${DEPLOY_CONFIG_FILE})`,
  );
  if (spec.iac === 'cdk')
    row(
      'cd infra && npm install && npx cdk bootstrap && npx cdk deploy',
      'or deploy the CDK app in infra/ instead (bootstrap: once per account and region)',
    );
  return rows;
}

export function nextSteps(spec: Spec, outcome: Outcome): string {
  const tool = nextTool(spec, outcome);
  return [
    `Done: ${spec.runtime.label} app "${spec.name}" in ${spec.directoryLabel}.`,
    '',
    'Next:',
    ...table(nextCommands(spec, outcome)),
    '',
    ...wrap(targetSentence(spec.target, tool), COLUMNS, [tool]),
    '',
    ...wrap(costLine(spec.target, deployConfigOf(spec), tool), COLUMNS, [`${tool} cost`]),
  ].join('\n');
}

/**
 * Commands in one column and reasons in the next, within COLUMNS: a command too long for the column keeps
 * its reason on the line below, aligned, instead of pushing every row (and the terminal) wider.
 */
function table(rows: NextCommand[]): string[] {
  const cap = Math.max(16, COLUMNS - 2 - Math.max(0, ...rows.map((r) => r.why.length)));
  const fits = rows.filter((r) => r.command.length + 3 <= cap);
  const width = Math.max(0, ...fits.map((r) => r.command.length)) + 3;
  return rows.flatMap(({ command, why }) => {
    if (!why) return [`  ${command}`];
    if (command.length + 3 > width) return [`  ${command}`, `  ${' '.repeat(width)}${why}`];
    return [`  ${command.padEnd(width)}${why}`];
  });
}

/** Wraps prose at spaces outside `code spans` and outside the `keep` phrases (commands): those are never split. */
export function wrap(text: string, columns = COLUMNS, keep: readonly string[] = []): string[] {
  const GLUE = '\u0000';
  const glued = keep.reduce((t, phrase) => t.split(phrase).join(phrase.split(' ').join(GLUE)), text);
  const words: string[] = [];
  let inCode = false;
  for (const part of glued.split(' ')) {
    if (inCode) words[words.length - 1] += ` ${part}`;
    else words.push(part);
    if ((part.match(/`/g) ?? []).length % 2 === 1) inCode = !inCode;
  }
  const lines: string[] = [];
  for (const word of words) {
    const last = lines.length ? lines[lines.length - 1]! : undefined;
    if (last !== undefined && last.length + 1 + word.length <= columns) lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(word);
  }
  return lines.map((line) => line.split(GLUE).join(' '));
}

const quote = (s: string) => (/^[\w./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`);
