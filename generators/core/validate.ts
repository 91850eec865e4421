// Validators shared by flags and prompts. Each returns undefined when the value is fine, or a sentence a
// person can act on: what is wrong and what to type instead.
import { findRuntime, RUNTIMES } from './runtimes.js';
import { type Cpu, CPU_CHOICES, MEMORY_BY_CPU } from './sizes.js';

export type Check = (value: string) => string | undefined;

// App Runner's ServiceName rule.
const SERVICE_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]{3,39}$/;

export const validateName: Check = (name) => {
  if (SERVICE_NAME.test(name)) return undefined;
  const why =
    name.length < 4 || name.length > 40
      ? `is ${name.length} characters long`
      : /^[^A-Za-z0-9]/.test(name)
        ? 'does not start with a letter or digit'
        : 'has characters other than letters, digits, "-" and "_"';
  return (
    `The service name "${name}" ${why}. App Runner service names are 4 to 40 letters, digits, "-" or "_", ` +
    `starting with a letter or digit. Pass one with --name, e.g. --name ${suggestName(name)}.`
  );
};

/** Package-name rules a runtime adds on top of App Runner's service name rule (npm, Cargo). */
export function validatePackageName(slug: string, runtime: string | undefined): string | undefined {
  return findRuntime(runtime ?? '')?.checkPackageName?.(slug);
}

/** Turns any folder name into a valid service name: the default for --name. */
export function suggestName(raw: string): string {
  let name = raw
    .replace(/[^A-Za-z0-9_-]+/g, '-')
    .replace(/^[^A-Za-z0-9]+/, '')
    .replace(/-{2,}/g, '-');
  name = name.slice(0, 40).replace(/[-_]+$/, '');
  if (name.length === 0) name = 'apprunner-app';
  if (name.length < 4) name = `${name}-app`;
  return name;
}

export const slugOf = (name: string) => name.toLowerCase().replace(/_/g, '-');

// Names people type for a runtime: the language's other names, its common spelling, the binary's name.
const RUNTIME_ALIASES: Record<string, string> = {
  nodejs: 'node',
  'node.js': 'node',
  js: 'node',
  javascript: 'node',
  express: 'node',
  py: 'python',
  python3: 'python',
  flask: 'python',
  golang: 'go',
  rs: 'rust',
  rb: 'ruby',
  jdk: 'java',
  jvm: 'java',
};

/** `--runtime NodeJS` means node: case and the obvious aliases are forgiven. */
export const normalizeRuntime = (id: string) => {
  const lower = id.trim().toLowerCase();
  return RUNTIME_ALIASES[lower] ?? (findRuntime(lower) ? lower : id);
};

export const validateRuntime: Check = (id) => {
  if (findRuntime(id)) return undefined;
  const ids = RUNTIMES.map((r) => r.id);
  const names = [...ids, ...Object.keys(RUNTIME_ALIASES)];
  const typed = id.toLowerCase();
  const close = names.find((n) => editDistance(n, typed) <= Math.max(1, Math.floor(n.length / 3)));
  const near = close === undefined ? undefined : (RUNTIME_ALIASES[close] ?? close);
  return `Unknown runtime "${id}".${near ? ` Did you mean ${near}?` : ''} Choose one of: ${ids.join(', ')} (e.g. --runtime node).`;
};

/** Levenshtein distance, for "did you mean". */
export function editDistance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) {
      next[j] = Math.min(row[j]! + 1, next[j - 1]! + 1, row[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    row = next;
  }
  return row[b.length]!;
}

/**
 * Characters that change a value's meaning on its way into a file or a variable list: line breaks (a
 * newline in --env would start a second variable), tabs, other C0/C1 controls, DEL, the Unicode line
 * and paragraph separators, and the byte-order mark. No name or value of ours has a use for them.
 */
// eslint-disable-next-line no-control-regex -- control characters are what it refuses
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\ufeff]/u;

export function controlCharacter(value: string): string | undefined {
  const found = CONTROL.exec(value)?.[0];
  if (found === undefined) return undefined;
  const code = found.codePointAt(0)!;
  const names: Record<number, string> = {
    9: 'a tab',
    10: 'a line break',
    13: 'a carriage return',
    0x7f: 'DEL',
    0x2028: 'a line separator',
    0x2029: 'a paragraph separator',
    0xfeff: 'a byte-order mark',
  };
  return names[code] ?? `the control character U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
}

export function validateSource(source: string, runtimeId: string): string | undefined {
  if (source !== 'code' && source !== 'image') {
    return `Unknown source kind "${source}". Use --source code (App Runner builds your repository) or --source image (a container image in Amazon ECR).`;
  }
  const runtime = findRuntime(runtimeId);
  if (runtime && !runtime.sources.includes(source)) {
    return (
      `${runtime.label} apps cannot use --source ${source}: ${runtime.imageOnlyReason ?? 'not supported'}. ` +
      `They ship as a container image: drop --source or pass --source image.`
    );
  }
  return undefined;
}

export const validatePort: Check = (port) => {
  const n = Number(port);
  return /^\d+$/.test(port) && n >= 1 && n <= 65535
    ? undefined
    : `The port "${port}" is not a number from 1 to 65535. Pass one with --port, e.g. --port 8080.`;
};

export const validateHealthPath: Check = (path) => {
  if (!path.startsWith('/')) return `The health check path "${path}" must start with "/", e.g. --health-path /${path}.`;
  if (path === '/' || path.endsWith('/')) {
    return `The health check path "${path}" must name a route of its own, not end in "/" (the app serves "/" itself), e.g. --health-path /health.`;
  }
  // A client normalises "/a/../health" to "/health" and "/./x" to "/x" before sending, so the app's route
  // and the path App Runner probes would never meet: such paths are refused, not rewritten.
  if (path.split('/').some((segment) => segment === '.' || segment === '..')) {
    return `The health check path "${path}" has a "." or ".." segment, which HTTP clients remove before sending, so the check would never reach that route. Use a plain path, e.g. --health-path /health.`;
  }
  if (!/^\/[A-Za-z0-9\-._~/]*$/.test(path) || path.includes('//') || path.length > 51) {
    return `The health check path "${path}" may only hold letters, digits, "-", ".", "_", "~" and single "/" (at most 51 characters), e.g. --health-path /health.`;
  }
  return undefined;
};

export const validateCpu: Check = (cpu) =>
  (CPU_CHOICES as readonly string[]).includes(cpu)
    ? undefined
    : `App Runner has no ${cpu} vCPU size. Use --cpu with one of: ${CPU_CHOICES.join(', ')}.`;

export function validateMemory(memory: string, cpu: string): string | undefined {
  const sizes = MEMORY_BY_CPU[cpu as Cpu];
  if (!sizes) return undefined; // the cpu's own message comes first
  return sizes.includes(memory)
    ? undefined
    : `App Runner does not offer ${memory} GB with ${cpu} vCPU. With --cpu ${cpu} pass --memory ${sizes.join(' or ')}.`;
}

export const validateRegion: Check = (region) =>
  /^[a-z]{2}(-[a-z]+)+-\d+$/.test(region)
    ? undefined
    : `"${region}" is not an AWS region name. Pass one with --region, e.g. --region us-east-1.`;

// ---- Production extras: secrets, variables, networking, domain, scaling -------------------------

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Names App Runner sets itself or reserves. */
function reservedEnvName(name: string): string | undefined {
  // Both platforms (App Runner, ECS Express) set PORT from the port the app listens on.
  if (name === 'PORT') return 'The platform sets PORT itself, to the port the app listens on';
  if (name.toUpperCase().startsWith('AWSAPPRUNNER')) return 'App Runner reserves names starting with AWSAPPRUNNER';
  return undefined;
}

/** "NAME=VALUE" lines (one per repeated flag) → pairs, or the first problem found. */
export function parsePairs(
  lines: string,
  flag: string,
  what: string,
): { pairs: [string, string][] } | { error: string } {
  const pairs: [string, string][] = [];
  for (const line of lines.split('\n').filter((l) => l.trim() !== '')) {
    const eq = line.indexOf('=');
    // Taken as given, spaces included: a value reaches the app exactly as typed, never trimmed silently.
    const name = eq > 0 ? line.slice(0, eq) : '';
    const value = eq > 0 ? line.slice(eq + 1) : '';
    if (!name || !value)
      return {
        error: `"${line}" is not NAME=${what}. Pass ${flag} NAME=${what}, e.g. ${flag} ${flag === '--env' ? 'LOG_LEVEL=info' : 'DB_PASSWORD=arn:aws:secretsmanager:us-east-1:123456789012:secret:db-password'}.`,
      };
    if (!ENV_NAME.test(name))
      return {
        error: `"${name}" is not a valid variable name for ${flag}: names start with a letter or "_" and hold only letters, digits and "_" (no spaces).`,
      };
    const reserved = reservedEnvName(name);
    // The reason stands in its own sentence, so a prompt (which drops sentences about flags) keeps it.
    if (reserved) return { error: `${flag} ${name}=… is not allowed. ${reserved}. Choose another name.` };
    if (pairs.some(([n]) => n === name)) return { error: `${flag} ${name} is given twice. Give each variable once.` };
    pairs.push([name, value]);
  }
  return { pairs };
}

const SECRETS_MANAGER_ARN =
  /^arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:\d{12}:secret:[A-Za-z0-9/_+=.@-]+(:[^:]*:[^:]*:[^:]*)?$/;
const SSM_ARN = /^arn:aws[a-z-]*:ssm:[a-z0-9-]+:\d{12}:parameter\/[A-Za-z0-9/_.-]+$/;
const SSM_NAME = /^\/?[A-Za-z0-9_.-]+(\/[A-Za-z0-9_.-]+)*$/;

export function validateSecretSource(value: string): string | undefined {
  if (SECRETS_MANAGER_ARN.test(value) || SSM_ARN.test(value) || (!value.startsWith('arn:') && SSM_NAME.test(value)))
    return undefined;
  return (
    `"${value}" is not a Secrets Manager secret ARN (arn:aws:secretsmanager:<region>:<account>:secret:<name>), ` +
    'an SSM parameter ARN (arn:aws:ssm:<region>:<account>:parameter/<name>) or a same-region parameter name (/my-app/db-password).'
  );
}

export function validateSecrets(lines: string): string | undefined {
  const parsed = parsePairs(lines, '--secret', 'ARN');
  if ('error' in parsed) return parsed.error;
  for (const [name, value] of parsed.pairs) {
    const error = validateSecretSource(value);
    if (error) return `--secret ${name}: ${error}`;
  }
  return undefined;
}

/** Names that usually hold a credential: a plain --env puts its value in files and the console in clear. */
export function secretLookingEnv(lines: string): string[] {
  return lines
    .split('\n')
    .map((l) => l.split('=')[0]!)
    .filter((n) => /PASSWORD|SECRET|TOKEN|KEY|CREDENTIAL/i.test(n));
}

export function validateEnv(lines: string, secretLines = '', runtimeId?: string): string | undefined {
  const parsed = parsePairs(lines, '--env', 'VALUE');
  if ('error' in parsed) return parsed.error;
  const reserved = findRuntime(runtimeId ?? '')?.reservedEnv ?? {};
  const taken = parsed.pairs.find(([name]) => reserved[name] !== undefined);
  if (taken)
    return `--env ${taken[0]}=…: the ${findRuntime(runtimeId!)!.label} app sets ${taken[0]} itself: ${reserved[taken[0]]}. Choose another name.`;
  const secretNames = new Set(secretLines.split('\n').map((l) => l.split('=')[0]!.trim()));
  const clash = parsed.pairs.find(([name]) => secretNames.has(name));
  return clash ? `${clash[0]} is both --env and --secret. Give it one source.` : undefined;
}

export const validateVpcConnector: Check = (arn) =>
  arn === '' ||
  /^arn:aws[a-z-]*:apprunner:[a-z0-9-]+:\d{12}:vpcconnector\/[A-Za-z0-9][A-Za-z0-9_-]{3,39}\/\d+\/[0-9a-f]{32}$/.test(
    arn,
  )
    ? undefined
    : `"${arn}" is not a VPC connector ARN (arn:aws:apprunner:<region>:<account>:vpcconnector/<name>/<revision>/<id>). ` +
      'Copy it from the App Runner console, or pass --vpc-subnets and --vpc-security-groups to have deploy create one.';

export function validateIdList(list: string, prefix: 'subnet' | 'sg', flag: string): string | undefined {
  if (list === '') return undefined;
  const bad = list
    .split(',')
    .map((s) => s.trim())
    .find((id) => !new RegExp(`^${prefix}-[0-9a-f]{8}([0-9a-f]{9})?$`).test(id));
  return bad === undefined
    ? undefined
    : `"${bad}" is not a ${prefix === 'sg' ? 'security group' : 'subnet'} id (${prefix}-0123456789abcdef0). Pass ${flag} as a comma-separated list of ids.`;
}

export function validateDomain(domain: string): string | undefined {
  if (domain === '') return undefined;
  const labels = domain.split('.');
  const ok =
    domain.length <= 253 &&
    labels.length >= 2 &&
    !domain.endsWith('.') &&
    labels.every((l) => /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/.test(l)) &&
    /[a-z]/.test(labels.at(-1)!);
  if (!ok)
    return `"${domain}" is not a domain name App Runner can serve (lower-case labels of letters, digits and "-", e.g. --domain api.example.com).`;
  if (domain.endsWith('.awsapprunner.com'))
    return 'The service already has an awsapprunner.com address: --domain is for a domain you own.';
  return undefined;
}

export function validateRange(value: string, flag: string, min: number, max: number): string | undefined {
  const n = Number(value);
  return /^\d+$/.test(value) && n >= min && n <= max
    ? undefined
    : `${flag} ${value}: App Runner takes a whole number from ${min} to ${max}.`;
}
