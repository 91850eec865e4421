// The one table of options. Flags, prompts, --help and validation all read it, so an option is
// defined once: its flag, its prompt (if it has one), its default and its validator.
import { basename } from 'node:path';

import {
  DEFAULT_TARGET,
  isTargetId,
  platformOf,
  PLATFORMS,
  sizeChoiceName,
  type TargetId,
} from '../platforms/registry.js';
import { findRuntime, runtimeOfFramework, RUNTIMES, VARIANTS } from './runtimes.js';
import { type Cpu, CPU_CHOICES, cpuLabel, defaultMemory, MEMORY_BY_CPU, memoryLabel } from './sizes.js';
import * as v from './validate.js';

/** The values a user can give, as strings, before they are resolved into a spec. */
export interface Values {
  directory: string;
  runtime: string;
  /** The runtime's framework (its template folder): express or express-ts, flask or fastapi, jdk or spring-boot. */
  framework: string;
  /** Where deploy puts the app: App Runner, or Amazon ECS Express Mode. */
  target: string;
  source: string;
  name: string;
  port: string;
  healthPath: string;
  cpu: string;
  memory: string;
  region: string;
  /** Repeated flags arrive one per line. */
  secrets: string;
  env: string;
  vpcConnector: string;
  vpcSubnets: string;
  vpcSecurityGroups: string;
  domain: string;
  minInstances: string;
  maxInstances: string;
  maxConcurrency: string;
  tracing: string;
  iac: string;
  ci: string;
}
export type ValueKey = keyof Values;

/** Production extras: asked only when picked from one checklist, so the everyday flow stays short. */
export const EXTRAS = {
  secrets: 'Secrets and environment variables',
  network: 'Private networking (reach a VPC, e.g. a database)',
  domain: 'A custom domain',
  scaling: 'Auto scaling limits',
  tracing: 'AWS X-Ray tracing',
  iac: 'Infrastructure as code (CloudFormation or AWS CDK)',
  ci: 'A GitHub Actions workflow',
} as const;
export type Extra = keyof typeof EXTRAS;

/** What the machine says, gathered by the CLI (the core reads no disk and no environment). */
export interface Facts {
  /** The region from AWS_REGION, AWS_DEFAULT_REGION or the AWS config profile, if any. */
  awsRegion?: string;
  /** Where awsRegion came from, to say so ("AWS_REGION", "the AWS config, profile work"). */
  awsRegionFrom?: string;
  /** The current folder's own name, for an app made in `.`. */
  cwdName?: string;
  /** AWS credentials are configured (env vars or a profile file); read without a network call. */
  credentials?: boolean;
}

export interface Choice {
  name: string;
  value: string;
}

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
  /** boolean: a bare flag meaning "true"; list: repeatable, one value per line. */
  kind?: 'boolean' | 'list';
  /** The checklist entry under which it is asked; everyday options have none. */
  extra?: Extra;
  /** How to ask for it on a terminal; options without a prompt take their default silently. */
  prompt?: {
    message: string;
    choices?: (given: Partial<Values>) => Choice[];
    /** The answer offered when it differs from the flag's default (picking an extra means wanting it). */
    default?: string;
    /** Turns a typed answer into the stored value (e.g. "A=1, B=2" into one pair per line). */
    filter?: (answer: string) => string;
    /** Ask only when this holds (e.g. a runtime with one source kind has nothing to ask). */
    when?: (given: Partial<Values>) => boolean;
    /** What a valid answer looks like, said to a person at the prompt (validators speak of flags). */
    hint?: string;
    /** Picking its extra from the checklist already says this; nothing more is asked. */
    picked?: string;
  };
  /** Turns what was typed after the flag into the canonical value (aliases, case). */
  normalize?: (value: string) => string;
}

export const DEFAULT_DIRECTORY = 'apprunner-app';

/** Deploy targets, in the order they are offered (the platform registry's rows). */
export const TARGETS = PLATFORMS.map((p) => ({ id: p.id as TargetId, label: p.words.choice }));
export type { TargetId };
/** The platform chosen so far (the default until the target is known or when it is not valid yet). */
const targetOf = (g: Partial<Values>): TargetId =>
  g.target !== undefined && isTargetId(g.target) ? g.target : DEFAULT_TARGET;

/** Infrastructure as code, in the order offered. */
export const IAC_TOOLS = [
  { id: 'cloudformation', label: 'CloudFormation template' },
  { id: 'cdk', label: 'AWS CDK app (TypeScript)' },
  { id: 'none', label: 'None' },
] as const;
export type IacId = (typeof IAC_TOOLS)[number]['id'];

function validateIac(tool: string): string | undefined {
  return oneOf(
    tool,
    IAC_TOOLS.map((t) => t.id),
    '--iac',
  );
}

export const VALUE_OPTIONS: readonly ValueOption[] = [
  {
    key: 'directory',
    flag: '[directory]',
    arg: '',
    help: 'folder to create the app in, inside the current one',
    default: () => DEFAULT_DIRECTORY,
    defaultHelp: DEFAULT_DIRECTORY,
    validate: (dir) =>
      dir.trim() === '' ? 'The directory name is empty. Give a folder name, e.g. my-api.' : undefined,
    prompt: {
      message: 'Where should the app go (a new folder, or . for this one if it is empty)?',
      hint: 'Type a folder name, e.g. my-api.',
    },
  },
  {
    key: 'runtime',
    flag: '--runtime',
    arg: '<id>',
    help: `the app's language: ${RUNTIMES.map((r) => r.id).join(' | ')}`,
    default: () => 'node',
    defaultHelp: 'node',
    validate: v.validateRuntime,
    normalize: v.normalizeRuntime,
    prompt: { message: 'Which runtime?', choices: () => RUNTIMES.map((r) => ({ name: r.label, value: r.id })) },
  },
  {
    key: 'framework',
    flag: '--framework',
    arg: '<id>',
    help: `the runtime's framework: ${RUNTIMES.filter((r) => r.frameworks.length > 1)
      .map((r) => `${r.frameworks.map((f) => f.id).join(' | ')} (${r.id})`)
      .join('; ')}`,
    default: (g) => findRuntime(g.runtime ?? 'node')?.framework ?? '',
    defaultHelp: RUNTIMES.filter((r) => r.frameworks.length > 1)
      .map((r) => `${r.framework} for ${r.id}`)
      .join(', '),
    validate: (id, g) => validateFramework(id, g.runtime ?? 'node'),
    normalize: (id) => id.trim().toLowerCase(),
    // Only a runtime with more than one framework has something to ask, one line per framework.
    prompt: {
      message: 'Which framework?',
      when: (g) => (findRuntime(g.runtime ?? '')?.frameworks.length ?? 0) > 1,
      choices: (g) =>
        (findRuntime(g.runtime ?? '')?.frameworks ?? []).map((f) => ({ name: `${f.id}: ${f.hint}`, value: f.id })),
    },
  },
  {
    key: 'target',
    flag: '--target',
    arg: '<platform>',
    help: `where deploy puts the app: ${TARGETS.map((t) => t.id).join(' | ')}`,
    default: () => DEFAULT_TARGET,
    defaultHelp: DEFAULT_TARGET,
    validate: (t) =>
      oneOf(
        t,
        TARGETS.map((x) => x.id),
        '--target',
      ),
    prompt: {
      message: 'Where will it run on AWS?',
      choices: () => TARGETS.map((t) => ({ name: t.label, value: t.id })),
    },
  },
  {
    key: 'source',
    flag: '--source',
    arg: '<kind>',
    help: 'code: App Runner builds the repo (apprunner.yaml) | image: a container image through Amazon ECR',
    // ECS Express runs container images only, so an app made for it is an image app unless told otherwise.
    default: (g) => platformOf(targetOf(g)).defaultSource ?? findRuntime(g.runtime ?? 'node')?.sources[0] ?? 'code',
    defaultHelp: 'code for node and python on App Runner, image for the rest',
    validate: (source, g) => v.validateSource(source, g.runtime ?? 'node'),
    prompt: {
      message: 'How should App Runner get the app?',
      // ECS Express always runs the image; the source kind only matters to App Runner.
      when: (g) => platformOf(targetOf(g)).buildsSource && (findRuntime(g.runtime ?? '')?.sources.length ?? 0) > 1,
      choices: () => [
        { name: 'From source: App Runner builds this repository with apprunner.yaml', value: 'code' },
        { name: 'As a container image: a Dockerfile, pushed to Amazon ECR', value: 'image' },
      ],
    },
  },
  {
    key: 'name',
    flag: '--name',
    arg: '<name>',
    help: 'the App Runner service name',
    default: (g, facts) => v.suggestName(folderName(g.directory ?? DEFAULT_DIRECTORY, facts)),
    defaultHelp: 'the directory name, made valid',
    // Not asked: the folder name made valid is right nearly always, the summary shows it, and the
    // deploy config (or --name) changes it.
    validate: (name, g) => v.validateName(name) ?? v.validatePackageName(v.slugOf(name), g.runtime),
  },
  {
    key: 'port',
    flag: '--port',
    arg: '<n>',
    help: 'the port the app listens on',
    default: () => '8080',
    defaultHelp: '8080',
    validate: v.validatePort,
  },
  {
    key: 'healthPath',
    flag: '--health-path',
    arg: '<path>',
    help: 'the HTTP health check path',
    default: () => '/health',
    defaultHelp: '/health',
    validate: v.validateHealthPath,
  },
  {
    key: 'cpu',
    flag: '--cpu',
    arg: '<vcpu>',
    help: `vCPUs per instance: ${CPU_CHOICES.join(' | ')}`,
    default: () => '1',
    defaultHelp: '1',
    validate: v.validateCpu,
    // Asked together with the memory, as one size (see SIZE_QUESTION); alone only when --memory was given.
    prompt: {
      message: 'Instance vCPU?',
      when: (g) => g.memory !== undefined,
      choices: () => CPU_CHOICES.map((c) => ({ name: cpuLabel(c), value: c })),
    },
  },
  {
    key: 'memory',
    flag: '--memory',
    arg: '<gb>',
    help: 'memory per instance in GB, a size offered for that cpu',
    default: (g) => defaultMemory((g.cpu ?? '1') as Cpu),
    defaultHelp: '2, or the smallest size the cpu offers',
    validate: (memory, g) => v.validateMemory(memory, g.cpu ?? '1'),
    prompt: {
      message: 'Instance memory?',
      when: (g) => g.cpu !== undefined && (MEMORY_BY_CPU[(g.cpu ?? '1') as Cpu]?.length ?? 0) > 1,
      choices: (g) => (MEMORY_BY_CPU[(g.cpu ?? '1') as Cpu] ?? []).map((m) => ({ name: memoryLabel(m), value: m })),
    },
  },
  {
    key: 'region',
    flag: '--region',
    arg: '<region>',
    help: 'the AWS region to deploy to',
    default: (_g, facts) => facts.awsRegion ?? 'us-east-1',
    defaultHelp: 'AWS_REGION, AWS_DEFAULT_REGION or the AWS config profile, else us-east-1',
    validate: v.validateRegion,
  },
  {
    key: 'secrets',
    flag: '--secret',
    arg: '<NAME=ARN>',
    kind: 'list',
    extra: 'secrets',
    help: 'a Secrets Manager secret or SSM parameter (ARN or same-region name) as a variable; repeatable',
    default: () => '',
    defaultHelp: 'none',
    validate: v.validateSecrets,
    prompt: {
      message: 'Secrets (NAME=ARN or parameter name, comma-separated; empty for none)?',
      filter: commaToLines,
      hint: 'Type NAME=ARN pairs separated by commas, e.g. DB_PASSWORD=arn:aws:secretsmanager:us-east-1:123456789012:secret:db, or leave it empty.',
    },
  },
  {
    key: 'env',
    flag: '--env',
    arg: '<NAME=VALUE>',
    kind: 'list',
    extra: 'secrets',
    help: 'a plain environment variable for the app; repeatable',
    default: () => '',
    defaultHelp: 'none',
    validate: (env, g) => v.validateEnv(env, g.secrets, g.runtime),
    prompt: {
      message: 'Environment variables (NAME=VALUE, comma-separated; empty for none)?',
      filter: commaToLines,
      hint: 'Type NAME=VALUE pairs separated by commas, e.g. LOG_LEVEL=info, or leave it empty.',
    },
  },
  {
    key: 'vpcConnector',
    flag: '--vpc-connector',
    arg: '<arn>',
    extra: 'network',
    help: 'an existing VPC connector for outbound traffic into a VPC',
    default: () => '',
    defaultHelp: 'none',
    validate: v.validateVpcConnector,
    prompt: {
      message: 'VPC connector ARN (empty to give subnets and security groups instead)?',
      hint: 'Paste a VPC connector ARN from the App Runner console, or leave it empty.',
    },
  },
  {
    key: 'vpcSubnets',
    flag: '--vpc-subnets',
    arg: '<ids>',
    extra: 'network',
    help: 'subnets (comma-separated) for a VPC connector deploy creates',
    default: () => '',
    defaultHelp: 'none',
    validate: (ids, g) =>
      ids && g.vpcConnector
        ? '--vpc-subnets and --vpc-connector exclude each other: give one.'
        : v.validateIdList(ids, 'subnet', '--vpc-subnets'),
    prompt: {
      message: 'Subnet ids (comma-separated)?',
      when: (g) => !g.vpcConnector,
      hint: 'Type subnet ids separated by commas, e.g. subnet-0123456789abcdef0.',
    },
  },
  {
    key: 'vpcSecurityGroups',
    flag: '--vpc-security-groups',
    arg: '<ids>',
    extra: 'network',
    help: 'security groups (comma-separated) for that VPC connector',
    default: () => '',
    defaultHelp: 'none',
    validate: (ids, g) =>
      Boolean(ids) !== Boolean(g.vpcSubnets)
        ? '--vpc-subnets and --vpc-security-groups go together: give both, or --vpc-connector.'
        : v.validateIdList(ids, 'sg', '--vpc-security-groups'),
    prompt: {
      message: 'Security group ids (comma-separated)?',
      when: (g) => !g.vpcConnector,
      hint: 'Type security group ids separated by commas, e.g. sg-0123456789abcdef0.',
    },
  },
  {
    key: 'domain',
    flag: '--domain',
    arg: '<name>',
    extra: 'domain',
    help: 'a custom domain deploy associates with the service',
    default: () => '',
    defaultHelp: 'none',
    validate: v.validateDomain,
    prompt: {
      message: 'Custom domain (e.g. api.example.com)?',
      hint: 'Type a domain you own in lower case, e.g. api.example.com.',
    },
  },
  {
    key: 'minInstances',
    flag: '--min-instances',
    arg: '<n>',
    extra: 'scaling',
    help: 'instances always provisioned (1-25)',
    default: () => '1',
    defaultHelp: '1',
    validate: (n) => v.validateRange(n, '--min-instances', 1, 25),
    prompt: {
      message: 'Minimum instances (always provisioned, always billed)?',
      hint: 'Type a whole number from 1 to 25.',
    },
  },
  {
    key: 'maxInstances',
    flag: '--max-instances',
    arg: '<n>',
    extra: 'scaling',
    help: 'instances at most (min-25)',
    default: () => '25',
    defaultHelp: '25',
    validate: (n, g) => v.validateRange(n, '--max-instances', Number(g.minInstances ?? 1) || 1, 25),
    prompt: { message: 'Maximum instances?', hint: 'Type a whole number from the minimum to 25.' },
  },
  {
    key: 'maxConcurrency',
    flag: '--max-concurrency',
    arg: '<n>',
    extra: 'scaling',
    help: 'requests in flight per instance before App Runner adds one (1-200)',
    default: () => '100',
    defaultHelp: '100',
    validate: (n) => v.validateRange(n, '--max-concurrency', 1, 200),
    prompt: {
      message: 'Requests in flight per instance before scaling out?',
      hint: 'Type a whole number from 1 to 200.',
    },
  },
  {
    key: 'tracing',
    flag: '--tracing',
    arg: '',
    kind: 'boolean',
    extra: 'tracing',
    help: 'AWS X-Ray tracing (an observability configuration)',
    default: () => 'false',
    defaultHelp: 'off',
    validate: (b) => (b === 'true' || b === 'false' ? undefined : '--tracing takes no value.'),
    prompt: { message: 'Turn on X-Ray tracing?', picked: 'true' },
  },
  {
    key: 'iac',
    flag: '--iac',
    arg: '<tool>',
    extra: 'iac',
    help: `infrastructure as code to write: ${IAC_TOOLS.map((t) => t.id).join(' | ')}`,
    default: () => 'none',
    defaultHelp: 'none',
    validate: validateIac,
    prompt: {
      message: 'Infrastructure as code?',
      default: 'cloudformation',
      choices: () => IAC_TOOLS.filter((t) => t.id !== 'none').map((t) => ({ name: t.label, value: t.id })),
    },
  },
  {
    key: 'ci',
    flag: '--ci',
    arg: '<service>',
    extra: 'ci',
    help: 'a CI workflow to write: github | none',
    default: () => 'none',
    defaultHelp: 'none',
    validate: (c) => oneOf(c, ['github', 'none'], '--ci'),
    prompt: { message: 'CI workflow?', picked: 'github' },
  },
];

/** The name of the folder the app goes in; `.` (and `./`) is the current folder. */
function folderName(directory: string, facts: Facts): string {
  const name = basename(directory);
  return name === '' || name === '.' ? (facts.cwdName ?? DEFAULT_DIRECTORY) : name;
}

function commaToLines(answer: string): string {
  return answer
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .join('\n');
}

/** A framework of the runtime; another runtime's framework is refused naming that runtime, a typo gets a guess. */
export function validateFramework(id: string, runtimeId: string): string | undefined {
  const runtime = findRuntime(runtimeId);
  if (!runtime || findRuntime(runtimeId, id)) return undefined; // an unknown runtime has its own message
  const ids = runtime.frameworks.map((f) => f.id);
  const other = runtimeOfFramework(id);
  if (other)
    return `--framework ${id} is a ${other.id} framework, not a ${runtime.id} one. Add --runtime ${other.id}, or choose one of: ${ids.join(', ')}.`;
  // The closest framework id of any runtime, if it is close enough to be a typo.
  const typed = id.toLowerCase();
  const close = VARIANTS.map((r) => ({ f: r.framework, d: v.editDistance(r.framework, typed) }))
    .filter(({ f, d }) => d <= Math.max(1, Math.floor(f.length / 3)))
    .sort((a, b) => a.d - b.d)[0]?.f;
  const guess = close
    ? ` Did you mean ${close}${ids.includes(close) ? '' : ` (with --runtime ${runtimeOfFramework(close)!.id})`}?`
    : '';
  return `Unknown framework "${id}" for ${runtime.id}.${guess} Choose one of: ${ids.join(', ')} (e.g. --framework ${ids.at(-1)}).`;
}

function oneOf(value: string, allowed: string[], flag: string): string | undefined {
  return allowed.includes(value) ? undefined : `${flag} ${value}: choose one of ${allowed.join(', ')}.`;
}

/** Switches: on/off flags with no prompt. */
export interface Switches {
  install: boolean;
  git: boolean;
  /** AGENTS.md (and CLAUDE.md, which imports it) for coding agents. */
  agentsMd: boolean;
  force: boolean;
  yes: boolean;
  dryRun: boolean;
}

export const SWITCHES: readonly { key: keyof Switches; flag: string; short?: string; on: boolean; help: string }[] = [
  { key: 'install', flag: '--no-install', on: true, help: 'do not install dependencies' },
  { key: 'git', flag: '--no-git', on: true, help: 'do not create a git repository or commit' },
  {
    key: 'agentsMd',
    flag: '--no-agents-md',
    on: true,
    help: 'do not write AGENTS.md and CLAUDE.md (for coding agents)',
  },
  {
    key: 'force',
    flag: '--force',
    on: false,
    help: 'write into a non-empty directory, overwriting files that conflict',
  },
  {
    key: 'yes',
    flag: '--yes',
    short: '-y',
    on: false,
    help: 'take the default for everything not given; never prompt',
  },
  { key: 'dryRun', flag: '--dry-run', on: false, help: 'list the files that would be written, then stop' },
];

/** The everyday values in prompt order that still need asking, given what is known. */
export function pendingPrompts(given: Partial<Values>): ValueOption[] {
  return VALUE_OPTIONS.filter((o) => o.prompt && !o.extra && given[o.key] === undefined);
}

/**
 * One question for the instance size when neither --cpu nor --memory was given: every size App Runner
 * offers, with its vCPU, memory and monthly price side by side. Its answer sets both values.
 */
export const SIZE_QUESTION = {
  name: 'size',
  message: 'Instance size?',
  default: '1|2',
  /** Each size priced on the platform chosen so far (the registry's cost model). */
  choices: (given: Partial<Values> = {}) =>
    CPU_CHOICES.flatMap((cpu) =>
      MEMORY_BY_CPU[cpu].map((memory) => {
        return { name: sizeChoiceName(targetOf(given), cpu, memory), value: `${cpu}|${memory}` };
      }),
    ),
  /** The answer as the two values it stands for. */
  apply: (answer: string): Pick<Values, 'cpu' | 'memory'> => {
    const [cpu = '1', memory = '2'] = answer.split('|');
    return { cpu, memory };
  },
  asked: (given: Partial<Values>) => given.cpu === undefined && given.memory === undefined,
};

/** A validator's message made fit for a prompt: sentences about flags give way to the prompt's own hint. */
export function promptMessage(option: ValueOption, message: string): string {
  const flag = /(^|[\s(])--[a-z]/;
  const plain = message.replace(/\s*\([^()]*\)/g, (group) => (flag.test(group) ? '' : group));
  // Sentences end at ". " before a capital, so "e.g. --name x" stays inside its sentence.
  const kept = plain
    .split(/(?<=[.!?])\s+(?=[A-Z"])/)
    .filter((s) => !flag.test(s))
    .join(' ')
    .trim();
  return [kept, option.prompt?.hint].filter(Boolean).join(' ') || message;
}

/** Whether any production extra came as a flag: then the checklist is not shown. */
export const extrasGiven = (given: Partial<Values>) => VALUE_OPTIONS.some((o) => o.extra && given[o.key] !== undefined);

/** The follow-up questions for the extras picked from the checklist. */
export function extraPrompts(picked: readonly string[], given: Partial<Values>): ValueOption[] {
  return VALUE_OPTIONS.filter((o) => o.prompt && o.extra && picked.includes(o.extra) && given[o.key] === undefined);
}
