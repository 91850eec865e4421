// argv → what the user asked for. Flags come from the option table, so there is no second list of
// options to keep in step; an unknown flag or a missing value is an error, never ignored.
import { parseArgs, type ParseArgsConfig } from 'node:util';

import { UsageError } from '../core/errors.js';
import { SWITCHES, type Switches, VALUE_OPTIONS, type Values } from '../core/options.js';
import { controlCharacter } from '../core/validate.js';
import { PLATFORMS } from '../platforms/registry.js';

export type OperateCommand = 'status' | 'logs' | 'pause' | 'resume' | 'delete' | 'doctor' | 'list' | 'sweep';
export type Command = 'create' | 'deploy' | 'cost' | 'help' | 'version' | OperateCommand;

/** Every first word that is a command (a unit test keeps help and this list in step). */
export const COMMANDS = [
  'deploy',
  'cost',
  'status',
  'logs',
  'pause',
  'resume',
  'delete',
  'doctor',
  'list',
  'sweep',
] as const;

export interface Parsed {
  command: Command;
  given: Partial<Values>;
  switches: Switches;
  /** Flags only deploy reads (kept raw; deploy validates them). */
  extra: Record<string, string | boolean>;
  /** `<command> --help`: the command whose help to show. */
  helpFor?: Exclude<Command, 'help' | 'version' | 'create'>;
}

export { UsageError } from '../core/errors.js';

/** Deploy's own flags; the deploy command documents and checks them. */
export const DEPLOY_FLAGS: NonNullable<ParseArgsConfig['options']> = {
  profile: { type: 'string' },
  deploy: { type: 'boolean' },
  'no-wait': { type: 'boolean' },
  image: { type: 'string' },
  'repository-url': { type: 'string' },
  branch: { type: 'string' },
  'connection-arn': { type: 'string' },
  'replace-failed': { type: 'boolean' },
  adopt: { type: 'boolean' },
  owner: { type: 'string' },
  'expires-in': { type: 'string' },
  'name-suffix': { type: 'string' },
};

/** The cost command's assumptions (each platform's, from the registry) and --json. */
export const COST_FLAGS: NonNullable<ParseArgsConfig['options']> = {
  ...Object.fromEntries(PLATFORMS.flatMap((p) => p.cost.flags.map((f) => [f.flag, { type: 'string' as const }]))),
  json: { type: 'boolean' },
};

/** The commands run inside an app after deploy: each accepts only its own flags. */
const IN_APP = { cwd: { type: 'string' }, profile: { type: 'string' }, region: { type: 'string' } } as const;
const ANYWHERE = { profile: { type: 'string' }, region: { type: 'string' } } as const;
export const OPERATE_FLAGS: Record<OperateCommand, NonNullable<ParseArgsConfig['options']>> = {
  status: { ...IN_APP, json: { type: 'boolean' } },
  logs: {
    ...IN_APP,
    since: { type: 'string' },
    follow: { type: 'boolean', short: 'f' },
    'service-log': { type: 'boolean' },
    json: { type: 'boolean' },
  },
  pause: { ...IN_APP },
  resume: { ...IN_APP },
  delete: { ...IN_APP, yes: { type: 'boolean', short: 'y' }, 'keep-image': { type: 'boolean' } },
  // Anywhere (no app needed): doctor checks the app when run inside one (or --cwd).
  doctor: { ...IN_APP, json: { type: 'boolean' } },
  list: { ...ANYWHERE, 'all-regions': { type: 'boolean' }, json: { type: 'boolean' } },
  sweep: {
    ...ANYWHERE,
    'all-regions': { type: 'boolean' },
    owner: { type: 'string' },
    'older-than': { type: 'string' },
    tag: { type: 'string', multiple: true },
    expired: { type: 'boolean' },
    yes: { type: 'boolean', short: 'y' },
  },
};
const isOperate = (word: string | undefined): word is OperateCommand =>
  word !== undefined && Object.hasOwn(OPERATE_FLAGS, word);

const flagName = (flag: string) => flag.replace(/^--/, '');

/** The first word that is not a flag nor a flag's value (`--region eu-west-1 status` → status). */
function firstPositional(argv: readonly string[]): string | undefined {
  const all = [parserOptions(), ...Object.values(OPERATE_FLAGS)];
  const takesValue = (arg: string) =>
    all.some((o) =>
      Object.entries(o).some(
        ([name, c]) => c.type === 'string' && (arg === `--${name}` || (c.short !== undefined && arg === `-${c.short}`)),
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

/** `status`, `logs`, … and their own flags only; a flag of another command is refused with its name. */
function parseOperate(command: OperateCommand, argv: readonly string[]): Parsed {
  const args = [...argv];
  args.splice(args.indexOf(command), 1);
  let parsed;
  try {
    parsed = parseArgs({
      args,
      options: { help: { type: 'boolean', short: 'h' }, ...OPERATE_FLAGS[command] },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    throw new UsageError(
      `${explainParseError(error as Error)} Run create-apprunner-app ${command} --help to see its options.`,
    );
  }
  if (parsed.positionals.length) {
    throw new UsageError(
      `${command} takes no other words (got ${parsed.positionals.join(' ')}). Point at an app with --cwd <dir>.`,
    );
  }
  const { help, ...flags } = parsed.values as Record<string, string | boolean>;
  return { command: help ? 'help' : command, helpFor: command, given: {}, switches: {} as Switches, extra: flags };
}

function parserOptions(): NonNullable<ParseArgsConfig['options']> {
  const options: NonNullable<ParseArgsConfig['options']> = {
    help: { type: 'boolean', short: 'h' },
    version: { type: 'boolean', short: 'v' },
    ...DEPLOY_FLAGS,
    ...COST_FLAGS,
  };
  for (const o of VALUE_OPTIONS) {
    if (!o.flag.startsWith('--')) continue;
    options[flagName(o.flag)] =
      o.kind === 'boolean' ? { type: 'boolean' } : { type: 'string', multiple: o.kind === 'list' };
  }
  for (const s of SWITCHES)
    options[flagName(s.flag)] = { type: 'boolean', ...(s.short ? { short: s.short.slice(1) } : {}) };
  return options;
}

export function parseCommandLine(argv: readonly string[]): Parsed {
  const firstWord = firstPositional(argv);
  if (isOperate(firstWord)) return parseOperate(firstWord, argv);
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options: parserOptions(), allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(`${explainParseError(error as Error)} Run create-apprunner-app --help to see every option.`);
  }
  const { values, positionals } = parsed;
  const raw = values as Record<string, string | boolean | undefined>;

  let command: Command = raw.help ? 'help' : raw.version ? 'version' : 'create';
  const rest = [...positionals];
  let helpFor: Parsed['helpFor'];
  if (rest[0] === 'deploy' || rest[0] === 'cost') {
    if (command === 'create') command = rest.shift() as Command;
    else if (command === 'help') helpFor = rest.shift() as 'deploy' | 'cost';
  }
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
  for (const key of [...Object.keys(DEPLOY_FLAGS), ...Object.keys(COST_FLAGS)]) {
    const value = raw[key];
    if (value !== undefined) extra[key] = value;
  }
  return { command, given, switches, extra, ...(helpFor ? { helpFor } : {}) };
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
