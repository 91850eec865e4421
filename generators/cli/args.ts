// argv → what the user asked for. One grammar for every command: the first word names a command of
// the command table (commands.ts), whose flags alone it takes; otherwise the words create an app, with
// the option table's flags (core/options.ts). An unknown flag is an error with its "did you mean", never
// ignored; a missing value is an error naming the flag.
import { parseArgs, type ParseArgsConfig } from 'node:util';

import type { OperateCommand } from '../commands/run.js';
import { UsageError } from '../core/errors.js';
import { SWITCHES, type Switches, VALUE_OPTIONS, type Values } from '../core/options.js';
import { controlCharacter, editDistance } from '../core/validate.js';
import { COMMAND_TABLE, type FlagTable, isCommand } from './commands.js';

/** The commands that work on an app's service (one list, in commands/run.ts). */
export type { OperateCommand };
/** `create`, `help`, `version`, or a name in COMMAND_TABLE. */
export type Command = 'create' | 'help' | 'version' | 'deploy' | 'cost' | OperateCommand | (string & {});

/** Every first word that is a command (from the command table). */
export const COMMANDS = Object.keys(COMMAND_TABLE);

export interface Parsed {
  command: Command;
  given: Partial<Values>;
  switches: Switches;
  /** A command's own flags as given (creating an app: the --deploy flags). */
  extra: Record<string, string | boolean>;
  /** `help <command>`, `<command> --help`: the command whose help to show ('create' for the scaffold). */
  helpFor?: string;
  /** The words after a command that takes some (`secrets set API_KEY` → set, API_KEY). */
  words?: string[];
}

export { UsageError } from '../core/errors.js';

const toParseArgs = (flags: FlagTable): NonNullable<ParseArgsConfig['options']> =>
  Object.fromEntries(
    Object.entries(flags).map(([name, f]) => [
      name,
      { type: f.type, ...(f.short ? { short: f.short } : {}), ...(f.multiple ? { multiple: true } : {}) },
    ]),
  );

/** Kept for the callers that read one command's flags by name. */
export const DEPLOY_FLAGS = toParseArgs(COMMAND_TABLE.deploy!.flags);
export const COST_FLAGS = toParseArgs(COMMAND_TABLE.cost!.flags);
export const OPERATE_FLAGS = Object.fromEntries(
  (['status', 'logs', 'pause', 'resume', 'delete'] as const).map((c) => [c, toParseArgs(COMMAND_TABLE[c]!.flags)]),
) as Record<OperateCommand, NonNullable<ParseArgsConfig['options']>>;

const HELP_FLAG: FlagTable = { help: { type: 'boolean', short: 'h', help: 'show this help' } };

/** Creating an app: the option table's flags, the switches, and --deploy with its two companions. */
export const CREATE_FLAGS: FlagTable = (() => {
  const flags: FlagTable = {
    ...HELP_FLAG,
    version: { type: 'boolean', short: 'v', help: 'print the version' },
  };
  for (const o of VALUE_OPTIONS) {
    if (!o.flag.startsWith('--')) continue;
    flags[flagName(o.flag)] = { type: o.kind === 'boolean' ? 'boolean' : 'string', arg: o.arg, help: o.help };
  }
  for (const s of SWITCHES)
    flags[flagName(s.flag)] = { type: 'boolean', ...(s.short ? { short: s.short.slice(1) } : {}), help: s.help };
  flags.deploy = {
    type: 'boolean',
    help: "create the app's service right after writing it",
  };
  flags.profile = { type: 'string', arg: '<name>', help: 'with --deploy: the AWS profile' };
  flags['no-wait'] = { type: 'boolean', help: 'with --deploy: return once AWS has accepted the request' };
  flags.owner = { type: 'string', arg: '<name>', help: 'tag what deploy creates with owner=<name> (workshops)' };
  flags['expires-in'] = {
    type: 'string',
    arg: '<duration>',
    help: 'tag what deploy creates with expires-at=<now + 30m|8h|2d|1w> (sweep --expired removes it)',
  };
  flags['name-suffix'] = { type: 'string', arg: 'owner', help: 'end the service name with -<owner> (needs --owner)' };
  flags.json = {
    type: 'boolean',
    help: 'print one JSON object (what was written, the next commands); asks nothing (needs --yes or the values)',
  };
  return flags;
})();
const LIST_FLAGS = new Set(VALUE_OPTIONS.filter((o) => o.kind === 'list').map((o) => flagName(o.flag)));

function flagName(flag: string) {
  return flag.replace(/^--/, '');
}

/** The first word that is not a flag nor a flag's value (`--region eu-west-1 status` → status). */
function firstPositional(argv: readonly string[]): string | undefined {
  const tables = [CREATE_FLAGS, ...Object.values(COMMAND_TABLE).map((c) => c.flags)];
  const takesValue = (arg: string) =>
    tables.some((t) =>
      Object.entries(t).some(
        ([name, f]) => f.type === 'string' && (arg === `--${name}` || (f.short !== undefined && arg === `-${f.short}`)),
      ),
    );
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') return argv[i + 1];
    if (!arg.startsWith('-')) return arg;
    if (!arg.includes('=') && takesValue(arg)) i++;
  }
  return undefined;
}

/** Two neighbouring letters swapped (`hlep`, `stauts`): one slip, though Levenshtein counts two. */
export function swapped(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  const diff = [...a].flatMap((ch, i) => (ch === b[i] ? [] : [i]));
  return diff.length === 2 && diff[1] === diff[0]! + 1 && a[diff[0]!] === b[diff[1]!] && a[diff[1]!] === b[diff[0]!];
}

/** A close spelling among `names` (`hlep` → help, `ecs` → ecs-express), or undefined. */
export function closest(word: string, names: readonly string[]): string | undefined {
  const w = word.toLowerCase();
  const prefixed = names.filter((n) => w.length >= 2 && n.startsWith(w));
  if (prefixed.length === 1) return prefixed[0];
  const ranked = names
    .map((n) => ({ n, d: swapped(w, n) ? 1 : editDistance(w, n) }))
    .filter(({ n, d }) => d <= Math.max(1, Math.floor(n.length / 3)))
    .sort((a, b) => a.d - b.d);
  return ranked[0]?.n;
}

/** Every unknown option of `command`, each with its did-you-mean or the command that owns it. */
function unknownOptions(argv: readonly string[], command: string, own: FlagTable): string | undefined {
  const { tokens } = parseArgs({ args: [...argv], options: toParseArgs(own), strict: false, tokens: true });
  const unknown = [
    ...new Set(tokens.flatMap((t) => (t.kind === 'option' && !Object.hasOwn(own, t.name) ? [t.rawName] : []))),
  ];
  if (!unknown.length) return undefined;
  const names = Object.keys(own);
  const where = command === 'create' ? 'creating an app' : command;
  const forCreate: string[] = [];
  const lines: string[] = [];
  for (const raw of unknown) {
    const name = raw.replace(/^-+/, '');
    // A flag another command takes exactly is named as such first; a near miss of our own comes next.
    const owner = Object.entries(COMMAND_TABLE).find(([, c]) => Object.hasOwn(c.flags, name))?.[0];
    const near = raw.startsWith('--') ? closest(name, names) : undefined;
    if (command !== 'create' && Object.hasOwn(CREATE_FLAGS, name)) forCreate.push(raw);
    else if (owner) lines.push(`${raw} is for create-apprunner-app ${owner}, not for ${where}.`);
    else if (near) lines.push(`Unknown option ${raw}. Did you mean --${near}?`);
    else lines.push(`Unknown option ${raw}.`);
  }
  if (forCreate.length) {
    lines.push(
      `${forCreate.join(', ')} ${forCreate.length > 1 ? 'are' : 'is'} for creating an app, not for ${command}.` +
        (command === 'deploy' ? ' Deploy reads the service settings from apprunner.deploy.yaml: edit them there.' : ''),
    );
  }
  const helpCommand =
    command === 'create' ? 'create-apprunner-app help create' : `create-apprunner-app ${command} --help`;
  return `${lines.join('\n')} Run ${helpCommand} to see its options.`;
}

/** One command's flags, strictly: unknown options get "did you mean", and no stray words are taken. */
function parseCommand(command: string, argv: readonly string[]): Parsed {
  const args = [...argv];
  args.splice(args.indexOf(command), 1);
  const own = { ...HELP_FLAG, ...COMMAND_TABLE[command]!.flags };
  const unknown = unknownOptions(args, command, own);
  if (unknown) throw new UsageError(unknown);
  let parsed;
  try {
    parsed = parseArgs({ args, options: toParseArgs(own), allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(
      `${explainParseError(error as Error)} Run create-apprunner-app ${command} --help to see its options.`,
    );
  }
  const takesWords = COMMAND_TABLE[command]!.words !== undefined;
  if (parsed.positionals.length && !takesWords) {
    throw new UsageError(
      `${command} takes no other words (got ${parsed.positionals.join(' ')}). Point at an app with --cwd <dir>.`,
    );
  }
  const { help, ...flags } = parsed.values as Record<string, string | boolean>;
  for (const [key, value] of Object.entries(flags))
    for (const v of Array.isArray(value) ? value : [value]) if (typeof v === 'string') checked(`--${key}`, v);
  const parseWords = COMMAND_TABLE[command]!.parseWords;
  // A command that reads its words itself (domain) names what is wrong with them in its own terms.
  const words = parseWords
    ? parsed.positionals
    : parsed.positionals.map((w) => checked(`the word ${JSON.stringify(w)}`, w));
  return {
    command: help ? 'help' : command,
    helpFor: command,
    given: {},
    switches: {} as Switches,
    extra: parseWords && !help ? { ...flags, ...parseWords(words) } : flags,
    ...(takesWords ? { words } : {}),
  };
}

/** `help`, `help <command>`, `help create`: the topic, with "did you mean" for a mistyped one. */
function parseHelp(rest: string[]): Parsed {
  const topic = rest[0];
  const base = { command: 'help', given: {}, switches: {} as Switches, extra: {} };
  if (topic === undefined) return base;
  const topics = ['create', ...COMMANDS];
  if (topics.includes(topic) && rest.length === 1) return { ...base, helpFor: topic };
  const near = closest(topic, topics);
  throw new UsageError(
    `help ${rest.join(' ')}: ${near ? `did you mean create-apprunner-app help ${near}? ` : ''}` +
      `The topics are ${topics.join(', ')}.`,
  );
}

export function parseCommandLine(argv: readonly string[]): Parsed {
  const firstWord = firstPositional(argv);
  if (isCommand(firstWord)) return parseCommand(firstWord, argv);
  const unknown = unknownOptions(argv, 'create', CREATE_FLAGS);
  if (unknown) throw new UsageError(unknown);
  let parsed;
  try {
    const options = toParseArgs(CREATE_FLAGS);
    for (const name of LIST_FLAGS) options[name] = { type: 'string', multiple: true };
    parsed = parseArgs({ args: [...argv], options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(
      `${explainParseError(error as Error)} Run create-apprunner-app help create to see every option.`,
    );
  }
  const { values, positionals } = parsed;
  const raw = values as Record<string, string | boolean | undefined>;
  const rest = [...positionals];
  if (rest[0] === 'help') return parseHelp(rest.slice(1));
  if (raw.help) return { command: 'help', given: {}, switches: {} as Switches, extra: {} };
  if (raw.version) return { command: 'version', given: {}, switches: {} as Switches, extra: {} };
  if (rest.length > 1) {
    throw new UsageError(
      `Expected one directory, got ${rest.length}: ${rest.join(' ')}. Quote a name with spaces, or pass one folder.`,
    );
  }

  const given: Partial<Values> = {};
  if (rest[0] !== undefined) given.directory = checked('the directory', rest[0]);
  for (const o of VALUE_OPTIONS) {
    const value = (values as Record<string, unknown>)[flagName(o.flag)];
    const normal = (v: string) => checked(o.flag, o.normalize ? o.normalize(v) : v);
    if (typeof value === 'string') given[o.key] = normal(value);
    else if (typeof value === 'boolean') given[o.key] = String(value);
    // Repeated flags travel as one value per line; no value can hold a line break (see checked), so
    // the list reads back exactly as given.
    else if (Array.isArray(value)) given[o.key] = value.map((v: string) => normal(v)).join('\n');
  }
  const switches = Object.fromEntries(
    SWITCHES.map((s) => [s.key, raw[flagName(s.flag)] === true ? !s.on : s.on]),
  ) as unknown as Switches;
  const extra: Record<string, string | boolean> = {};
  for (const key of ['deploy', 'profile', 'no-wait', 'json', 'owner', 'expires-in', 'name-suffix']) {
    const value = raw[key];
    if (value !== undefined) extra[key] = typeof value === 'string' ? checked(`--${key}`, value) : value;
  }
  return { command: 'create', given, switches, extra };
}

/** A value with a line break, tab or other control character is refused, naming the flag. */
function checked(flag: string, value: string): string {
  const bad = controlCharacter(value);
  if (bad) {
    throw new UsageError(
      `The value of ${flag} contains ${bad}, which would change its meaning in the files and settings it goes into. ` +
        'Give each value on one line, without control characters (repeat the flag for several values).',
    );
  }
  return value;
}

function explainParseError(error: Error): string {
  const code = (error as { code?: string }).code;
  const option = /(--[\w-]+)/.exec(error.message)?.[1] ?? /'(-\w)/.exec(error.message)?.[1];
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return `Unknown option ${option ?? ''}.`;
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    if (option && /ambiguous/.test(error.message)) {
      // node:util will not take `--env -X=1`: the value looks like an option of its own.
      return (
        `The value after ${option} starts with "-", so it reads as an option. To pass a value that starts with "-", join it: ${option}=-value.` +
        (option === '--env' || option === '--secret'
          ? ' (Variable names themselves must start with a letter or "_".)'
          : '')
      );
    }
    if (option && /argument missing/.test(error.message)) return `The option ${option} needs a value.`;
    return `The option ${option ?? ''} takes no value.`;
  }
  return error.message;
}
