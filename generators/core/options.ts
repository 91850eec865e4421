// The one table of options. Flags, prompts, --help and validation all read it, so an option is
// defined once: its flag, its prompt (if it has one), its default and its validator.
import { basename } from 'node:path';
import { RUNTIMES, findRuntime } from './runtimes.js';
import { CPU_CHOICES, MEMORY_BY_CPU, cpuLabel, defaultMemory, memoryLabel, type Cpu } from './sizes.js';
import * as v from './validate.js';

/** The values a user can give, as strings, before they are resolved into a spec. */
export interface Values {
  directory: string;
  runtime: string;
  source: string;
  name: string;
  port: string;
  healthPath: string;
  cpu: string;
  memory: string;
  region: string;
}
export type ValueKey = keyof Values;

/** What the machine says, gathered by the CLI (the core reads no disk and no environment). */
export interface Facts {
  /** The region from AWS_REGION, AWS_DEFAULT_REGION or the AWS config profile, if any. */
  awsRegion?: string;
}

export interface Choice { name: string; value: string }

export interface ValueOption {
  key: ValueKey;
  flag: string;
  /** Placeholder for the value in --help. */
  arg: string;
  help: string;
  /** The default when neither flag nor answer gives one; `given` holds what is known so far. */
  default: (given: Partial<Values>, facts: Facts) => string;
  defaultHelp: string;
  validate: (value: string, given: Partial<Values>) => string | undefined;
  /** How to ask for it on a terminal; options without a prompt take their default silently. */
  prompt?: {
    message: string;
    choices?: (given: Partial<Values>) => Choice[];
    /** Ask only when this holds (e.g. a runtime with one source kind has nothing to ask). */
    when?: (given: Partial<Values>) => boolean;
  };
}

export const DEFAULT_DIRECTORY = 'apprunner-app';

export const VALUE_OPTIONS: readonly ValueOption[] = [
  {
    key: 'directory', flag: '[directory]', arg: '', help: 'folder to create the app in, inside the current one',
    default: () => DEFAULT_DIRECTORY, defaultHelp: DEFAULT_DIRECTORY,
    validate: (dir) => (dir.trim() === '' ? 'The directory name is empty. Give a folder name, e.g. my-api.' : undefined),
    prompt: { message: 'Where should the app go (a new folder)?' },
  },
  {
    key: 'runtime', flag: '--runtime', arg: '<id>', help: `the app's language: ${RUNTIMES.map((r) => r.id).join(' | ')}`,
    default: () => 'node', defaultHelp: 'node',
    validate: v.validateRuntime,
    prompt: { message: 'Which runtime?', choices: () => RUNTIMES.map((r) => ({ name: r.label, value: r.id })) },
  },
  {
    key: 'source', flag: '--source', arg: '<kind>',
    help: 'code: App Runner builds the repo (apprunner.yaml) | image: a container image through Amazon ECR',
    default: (g) => findRuntime(g.runtime ?? 'node')?.sources[0] ?? 'code', defaultHelp: 'code for node and python, image for the rest',
    validate: (source, g) => v.validateSource(source, g.runtime ?? 'node'),
    prompt: {
      message: 'How should App Runner get the app?',
      when: (g) => (findRuntime(g.runtime ?? '')?.sources.length ?? 0) > 1,
      choices: () => [
        { name: 'From source: App Runner builds this repository with apprunner.yaml', value: 'code' },
        { name: 'As a container image: a Dockerfile, pushed to Amazon ECR', value: 'image' },
      ],
    },
  },
  {
    key: 'name', flag: '--name', arg: '<name>', help: 'the App Runner service name',
    default: (g) => v.suggestName(basename(g.directory ?? DEFAULT_DIRECTORY)), defaultHelp: 'the directory name, made valid',
    validate: (name, g) => v.validateName(name) ?? v.validatePackageName(v.slugOf(name), g.runtime),
    prompt: { message: 'Service name?' },
  },
  {
    key: 'port', flag: '--port', arg: '<n>', help: 'the port the app listens on',
    default: () => '8080', defaultHelp: '8080', validate: v.validatePort,
  },
  {
    key: 'healthPath', flag: '--health-path', arg: '<path>', help: 'the HTTP health check path',
    default: () => '/health', defaultHelp: '/health', validate: v.validateHealthPath,
  },
  {
    key: 'cpu', flag: '--cpu', arg: '<vcpu>', help: `vCPUs per instance: ${CPU_CHOICES.join(' | ')}`,
    default: () => '1', defaultHelp: '1', validate: v.validateCpu,
    prompt: { message: 'Instance vCPU?', choices: () => CPU_CHOICES.map((c) => ({ name: cpuLabel(c), value: c })) },
  },
  {
    key: 'memory', flag: '--memory', arg: '<gb>', help: 'memory per instance in GB, a size offered for that cpu',
    default: (g) => defaultMemory((g.cpu ?? '1') as Cpu), defaultHelp: '2, or the smallest size the cpu offers',
    validate: (memory, g) => v.validateMemory(memory, g.cpu ?? '1'),
    prompt: {
      message: 'Instance memory?',
      when: (g) => (MEMORY_BY_CPU[(g.cpu ?? '1') as Cpu]?.length ?? 0) > 1,
      choices: (g) => (MEMORY_BY_CPU[(g.cpu ?? '1') as Cpu] ?? []).map((m) => ({ name: memoryLabel(m), value: m })),
    },
  },
  {
    key: 'region', flag: '--region', arg: '<region>', help: 'the AWS region to deploy to',
    default: (_g, facts) => facts.awsRegion ?? 'us-east-1',
    defaultHelp: 'AWS_REGION, AWS_DEFAULT_REGION or the AWS config profile, else us-east-1',
    validate: v.validateRegion,
  },
];

/** Switches: on/off flags with no prompt. */
export interface Switches {
  install: boolean;
  git: boolean;
  force: boolean;
  yes: boolean;
  dryRun: boolean;
}

export const SWITCHES: readonly { key: keyof Switches; flag: string; short?: string; on: boolean; help: string }[] = [
  { key: 'install', flag: '--no-install', on: true, help: 'do not install dependencies' },
  { key: 'git', flag: '--no-git', on: true, help: 'do not create a git repository or commit' },
  { key: 'force', flag: '--force', on: false, help: 'write into a non-empty directory, overwriting files that conflict' },
  { key: 'yes', flag: '--yes', short: '-y', on: false, help: 'take the default for everything not given; never prompt' },
  { key: 'dryRun', flag: '--dry-run', on: false, help: 'list the files that would be written, then stop' },
];

/** The values in prompt order that still need asking, given what is known. */
export function pendingPrompts(given: Partial<Values>): ValueOption[] {
  return VALUE_OPTIONS.filter((o) => o.prompt && given[o.key] === undefined);
}
