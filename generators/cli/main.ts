// The bin: parse, answer --help/--version at once, refuse what cannot work before anything is asked
// or written, then hand over to the Yeoman generator (loaded only when it is needed).
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import { checkFolder } from '../app/commit.js';
import { resumable } from '../app/existing.js';
import { toolVersion } from '../app/paths.js';
import { privateFolderProblem } from '../app/private-files.js';
import { UsageError } from '../core/errors.js';
import { pendingPrompts, SIZE_QUESTION, VALUE_OPTIONS } from '../core/options.js';
import { checkDirectory } from '../core/spec.js';
import { suffixedName, type Workshop, workshopFlagsOf } from '../core/workshop.js';
import { forTerminal } from '../core/wrap.js';
import { parseCommandLine, type Parsed } from './args.js';
import { COMMAND_TABLE } from './commands.js';
import { ending, guardOutput, guardProcess, setShowStack, wantsStack } from './ending.js';
import { gatherFacts } from './facts.js';
import { helpFor } from './help.js';
import { checkInsideApp, checkNotACommand } from './in-app.js';

/** Exit codes: 0 done, 1 failed or declined (No, Cancel), 2 bad usage or a missing value without a terminal, 130 Ctrl-C. */
export async function main(argv: string[]): Promise<number> {
  setShowStack(wantsStack(argv));
  guardProcess();
  try {
    return await run(argv.filter((a) => a !== '--verbose'));
  } catch (error) {
    return fail(error);
  }
}

/** Commands that only print end at once when their reader goes away; the others finish their steps. */
const QUIT_ON_CLOSE = new Set(['help', 'version', 'cost', 'status', 'logs', 'doctor', 'list']);

async function run(argv: string[]): Promise<number> {
  let parsed: Parsed;
  try {
    parsed = parseCommandLine(argv);
  } catch (error) {
    return fail(error);
  }
  guardOutput(() => QUIT_ON_CLOSE.has(parsed.command));
  if (parsed.command === 'help') return print(helpFor(parsed.helpFor, toolVersion()));
  if (parsed.command === 'version') return print(toolVersion());
  const command = COMMAND_TABLE[parsed.command];
  if (command) {
    try {
      return await command.run(parsed);
    } catch (error) {
      // `cost --json` fails as JSON too: scripts read stdout only.
      return parsed.extra.json === true ? failJson(error) : fail(error);
    }
  }

  const { given, switches } = parsed;
  // --json: one JSON object on stdout for scripts and agents, human words on stderr, never a question.
  const json = parsed.extra.json === true;
  if (json) {
    const { setJsonOutput } = await import('../app/output.js');
    setJsonOutput(true);
  }
  const failed = (error: unknown) => (json ? failJson(error) : fail(error));
  const interactive = !json && Boolean(process.stdin.isTTY && process.stdout.isTTY) && !isCi(process.env.CI);
  try {
    if (json && parsed.extra.deploy === true)
      throw new UsageError(
        '--json and --deploy do not go together: --json reports the scaffold alone. Create the app with --json, then run deploy in it.',
      );
    // `.` is the app itself, not a new app inside it: the folder rules (finish it, or not empty) apply.
    const here = given.directory !== undefined && resolve(given.directory) === process.cwd();
    const question = here
      ? undefined
      : checkInsideApp(process.cwd(), given.directory, switches.force, interactive && !switches.yes);
    if (!here) checkNotACommand(given.directory, switches.force);
    precheck(parsed, interactive);
    if (question && !(await confirm(question))) {
      process.stderr.write('Cancelled. Nothing was written.\n');
      return 1;
    }
  } catch (error) {
    return failed(error);
  }

  try {
    const { runGenerator } = await import('../app/run.js');
    const { extra } = parsed;
    const workshop = scaffoldWorkshop(parsed);
    await runGenerator({
      workshop,
      given,
      switches,
      interactive,
      facts: gatherFacts(),
      cwd: process.cwd(),
      userAgent: process.env.npm_config_user_agent,
      deploy: extra.deploy === true ? true : undefined,
      deployOptions: {
        profile: typeof extra.profile === 'string' ? extra.profile : undefined,
        wait: extra['no-wait'] !== true,
      },
    });
    if (json) (await import('../app/output.js')).printJson();
    return 0;
  } catch (error) {
    return failed(error);
  }
}

/** Everything that can be refused before a question is asked: flag values, the folder, the missing values. */
function precheck({ given, switches, extra }: Parsed, interactive: boolean): void {
  const errors: string[] = [];
  const misplaced = Object.keys(extra).filter(
    (k) =>
      k !== 'deploy' &&
      k !== 'json' &&
      !WORKSHOP_FLAGS.includes(k) &&
      (extra.deploy !== true || !['profile', 'no-wait'].includes(k)),
  );
  errors.push(
    ...misplaced.map((k) => `--${k} is for --deploy or create-apprunner-app deploy, not for creating an app.`),
  );
  for (const option of VALUE_OPTIONS) {
    const value = given[option.key];
    // A value that leans on another one (memory on cpu, source on runtime) is checked once both are known.
    if (value === undefined) continue;
    if (option.key === 'memory' && given.cpu === undefined && interactive && !switches.yes) continue;
    if (option.key === 'source' && given.runtime === undefined && interactive && !switches.yes) continue;
    const error = option.validate(value, { ...given, cpu: given.cpu ?? '1', runtime: given.runtime ?? 'node' });
    if (error) errors.push(error);
  }
  if (given.directory !== undefined) {
    const error =
      checkDirectory(given.directory, process.cwd()) ??
      privateFolderProblem(resolve(given.directory), given.directory) ??
      // On a terminal a non-empty folder becomes a question (cancel or overwrite), not a refusal.
      (resumable(resolve(given.directory), given)
        ? undefined // our own app: the run finishes it (see the generator)
        : checkFolder(resolve(given.directory), given.directory, switches.force || (interactive && !switches.yes)));
    if (error) errors.push(error);
  }
  if (errors.length) throw new UsageError(errors.join('\n'));
  const resuming =
    given.directory !== undefined && !switches.force && resumable(resolve(given.directory), given) !== undefined;
  if (!interactive && !switches.yes && !resuming) {
    // The size is one question on a terminal; without one, --cpu (and --memory, which defaults) stands for it.
    const missing = pendingPrompts(given).filter(
      (o) => (o.key === 'cpu' && SIZE_QUESTION.asked(given)) || (o.prompt?.when?.(given) ?? true),
    );
    if (missing.length) {
      const flags = missing.map((o) => (o.key === 'directory' ? '<directory>' : `${o.flag} ${o.arg}`)).join(', ');
      throw new UsageError(
        `No terminal to ask on, and these values are missing: ${flags}.\n` +
          'Pass them as flags, or add --yes to take the defaults (see --help).',
      );
    }
  }
}

const WORKSHOP_FLAGS = ['owner', 'expires-in', 'name-suffix'];

/**
 * --owner, --expires-in and --name-suffix owner when scaffolding: the deploy config's workshop section,
 * and the name with its suffix (given.name changes, so every file names the suffixed service).
 * Scaffolding asks AWS nothing, so a suffix needs --owner here.
 */
function scaffoldWorkshop(parsed: Parsed): Workshop | undefined {
  const flags = workshopFlagsOf(parsed.extra);
  if (!flags) return undefined;
  if (flags.nameSuffix) {
    if (!flags.owner)
      throw new UsageError(
        '--name-suffix owner needs --owner <name> when creating an app (deploy can take the owner from your AWS caller).',
      );
    const option = VALUE_OPTIONS.find((o) => o.key === 'name')!;
    const base = parsed.given.name ?? String(option.default?.(parsed.given, gatherFacts()) ?? '');
    const next = suffixedName(base, flags.owner, (n) =>
      option.validate(n, { ...parsed.given, runtime: parsed.given.runtime ?? 'node' }),
    );
    if ('error' in next) throw new UsageError(next.error);
    parsed.given.name = next.name;
  }
  return {
    ...(flags.owner ? { owner: flags.owner } : {}),
    ...(flags.expiresInMs ? { expiresAt: new Date(Date.now() + flags.expiresInMs).toISOString() } : {}),
  };
}

async function confirm(message: string): Promise<boolean> {
  const { default: inquirer } = await import('inquirer');
  const { ok } = await inquirer.prompt<{ ok: boolean }>([{ type: 'confirm', name: 'ok', message, default: false }]);
  return ok;
}

const isCi = (ci: string | undefined) => ci !== undefined && ci !== '' && ci !== '0' && ci.toLowerCase() !== 'false';

function print(text: string): number {
  process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
  return 0;
}

/** --json's failure: the same words on stderr, and on stdout one JSON object with the error and its exit code. */
async function failJson(error: unknown): Promise<number> {
  const code = fail(error);
  const { text } = ending(error);
  (await import('../app/output.js')).printJson({
    message: code === 130 ? 'Cancelled. Nothing was written.' : text,
    code,
  });
  return code;
}

/** Errors we raise ourselves are already explained; anything else is a bug, said in one line (see ending.ts). */
function fail(error: unknown): number {
  const { text, code } = ending(error);
  process.stderr.write(`${code === 130 ? 'Cancelled. Nothing was written.' : forTerminal(text, process.stderr)}\n`);
  return code;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1] && !process.env.CAA_NO_AUTORUN) {
  process.exitCode = await main(process.argv.slice(2));
}
