// Reads the app's deploy config (apprunner.deploy.yaml) and stored choices (.yo-rc.json) and checks every
// field before anything is sent: a hand-edited file fails here with the file and field named, not later
// as an InvalidRequestException from AWS.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { checkAppSection } from '../../core/app-id.js';
import { DEPLOY_CONFIG_FILE, type DeployConfig } from '../../core/deploy-config.js';
import { readDeployConfig } from '../../core/deploy-config-file.js';
import { type TargetId, TARGETS } from '../../core/options.js';
import { findRuntime, type Runtime } from '../../core/runtimes.js';
import { type Cpu, MEMORY_BY_CPU } from '../../core/sizes.js';
import { editDistance, validateCpu, validateHealthPath, validateName, validateRegion } from '../../core/validate.js';
import { checkWorkshop } from '../../core/workshop.js';
import { DEFAULT_PLATFORM } from '../load.js';
import { checkExtras, ENV_NAME, isMap, type Raw } from './config-extras.js';
import { usageError } from './errors.js';

export const CHOICES_FILE = '.yo-rc.json';
const CHOICES_KEY = 'create-apprunner-app';

export interface Project {
  dir: string;
  config: DeployConfig;
  /** The runtime recorded at scaffold time, when .yo-rc.json is there. */
  runtime?: Runtime;
  /** Unknown keys and other things worth a line, not worth stopping for. */
  warnings: string[];
}

// Private ECR repository names (the API's pattern).
const ECR_REPOSITORY = /^(?:[a-z0-9]+(?:[._-][a-z0-9]+)*\/)*[a-z0-9]+(?:[._-][a-z0-9]+)*$/;
const TOP_KEYS = [
  'target',
  'service',
  'source',
  'instance',
  'healthCheck',
  'autoScaling',
  'environment',
  'secrets',
  'network',
  'domain',
  'observability',
  'migratedFrom',
  'workshop',
  'app',
];
/** The fields of each section (environment and secrets are the user's own names). */
const SECTION_KEYS: Record<string, string[]> = {
  service: ['name', 'region'],
  source: ['kind', 'autoDeploy', 'ecrRepository', 'port'],
  instance: ['cpu', 'memory'],
  healthCheck: ['protocol', 'path', 'interval', 'timeout', 'healthyThreshold', 'unhealthyThreshold'],
  autoScaling: ['minSize', 'maxSize', 'maxConcurrency'],
  network: ['vpcConnectorArn', 'vpcSubnets', 'vpcSecurityGroups'],
  observability: ['tracing'],
  migratedFrom: ['apprunnerService', 'image', 'taskRole', 'requestsPerTarget'],
  workshop: ['owner', 'expiresAt'],
};

/** A warning, not an error: a newer file may carry a field this version does not know. */
function unknownKey(key: string, known: string[]): string {
  const near = known.find((k) => editDistance(k.toLowerCase(), key.toLowerCase()) <= 2);
  return `${DEPLOY_CONFIG_FILE}: unknown key "${key}" is ignored${near ? ` (did you mean "${near}"?)` : ''}.`;
}

/** What a platform checks of a project beyond the common format (App Runner: its source-code rules). */
export type ProjectChecks = (project: { dir: string; config: DeployConfig; runtime?: Runtime }) => {
  errors: string[];
  warnings: string[];
};

/** `command` names the command that needs the app, for the message when there is none; `checks` are the platform's. */
export function loadProject(dir: string, command: string = 'deploy', checks?: ProjectChecks): Project {
  const path = join(dir, DEPLOY_CONFIG_FILE);
  if (!existsSync(path)) {
    throw usageError(
      `No ${DEPLOY_CONFIG_FILE} in ${dir}. Run ${command} inside an app made by create-apprunner-app ` +
        `(or name its folder: create-apprunner-app ${command} <folder>).`,
    );
  }
  const raw = readDeployConfig(path);
  const checked = checkDeployConfig(raw);
  const { config, warnings } = checked;
  const errors = checked.errors.map((e) => `${DEPLOY_CONFIG_FILE}: ${e}`);
  const runtime = readRuntime(dir, errors);
  const own = config && checks ? checks({ dir, config, runtime }) : { errors: [], warnings: [] };
  errors.push(...own.errors.map((e) => `${DEPLOY_CONFIG_FILE}: ${e}`));
  if (errors.length || !config) {
    throw usageError(
      `This app's deploy settings in ${dir} need fixing first:\n${errors.map((e) => `  - ${e}`).join('\n')}`,
    );
  }
  warnings.push(...own.warnings);
  return { dir, config, runtime, warnings };
}

/** The deploy config's top-level `target:` as written (undefined: none, or no readable file; loadProject says why). */
export function targetIn(dir: string): string | undefined {
  try {
    const raw = readDeployConfig(join(dir, DEPLOY_CONFIG_FILE)) as Record<string, unknown> | null;
    const target = raw && typeof raw === 'object' ? raw.target : undefined;
    return typeof target === 'string' ? target : undefined;
  } catch {
    return undefined;
  }
}

/** The runtime stored at scaffold time; a missing file is fine (the deploy config is what counts). */
function readRuntime(dir: string, errors: string[]): Runtime | undefined {
  const path = join(dir, CHOICES_FILE);
  if (!existsSync(path)) return undefined;
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    errors.push(
      `${CHOICES_FILE}: not valid JSON (${(error as Error).message}); it holds the choices made when the app was created.`,
    );
    return undefined;
  }
  const choices = isMap(data) ? data[CHOICES_KEY] : undefined;
  if (choices === undefined) return undefined;
  const id = isMap(choices) ? choices.runtime : undefined;
  if (id === undefined) return undefined;
  const runtime = typeof id === 'string' ? findRuntime(id) : undefined;
  if (!runtime)
    errors.push(`${CHOICES_FILE}: ${CHOICES_KEY}.runtime "${String(id)}" is not a runtime this version knows.`);
  return runtime;
}

/** Pure: the parsed YAML → a checked config, or one sentence per bad field. */
export function checkDeployConfig(raw: unknown): { config?: DeployConfig; errors: string[]; warnings: string[] } {
  const errors: string[] = [];
  const warnings: string[] = [];
  if (!isMap(raw))
    return { errors: ['the file must be a YAML mapping (service:, source:, instance:, ...).'], warnings };
  for (const key of Object.keys(raw)) if (!TOP_KEYS.includes(key)) warnings.push(unknownKey(key, TOP_KEYS));
  // A misspelt field would silently fall back to its default: say which one was probably meant.
  for (const [section, keys] of Object.entries(SECTION_KEYS)) {
    const value = raw[section];
    if (isMap(value))
      for (const key of Object.keys(value))
        if (!keys.includes(key))
          warnings.push(
            unknownKey(
              `${section}.${key}`,
              keys.map((k) => `${section}.${k}`),
            ),
          );
  }
  const section = (key: string): Raw => {
    const value = raw[key];
    if (value === undefined || value === null) return {};
    if (!isMap(value)) errors.push(`${key} must be a mapping of fields.`);
    return isMap(value) ? value : {};
  };
  const str = (s: Raw, path: string, key: string): string | undefined => {
    const value = s[key];
    if (typeof value === 'string' && value !== '') return value;
    errors.push(
      `${path}.${key} is ${value === undefined ? 'missing' : `not a text value (${JSON.stringify(value)})`}.`,
    );
    return undefined;
  };
  const int = (s: Raw, path: string, key: string, min: number, max: number): number => {
    const value = s[key];
    if (typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max) return value;
    errors.push(
      `${path}.${key} is ${value === undefined ? 'missing' : JSON.stringify(value)}: it must be a whole number from ${min} to ${max}.`,
    );
    return min;
  };

  const target = raw.target ?? DEFAULT_PLATFORM;
  if (!TARGETS.some((t) => t.id === target)) {
    errors.push(`target is ${JSON.stringify(target)}: it must be ${TARGETS.map((t) => t.id).join(' or ')}.`);
  }
  const service = section('service');
  const name = str(service, 'service', 'name');
  if (name && validateName(name)) {
    errors.push(
      `service.name "${name}" is not a valid service name: 4 to 40 letters, digits, "-" or "_", starting with a letter or digit.`,
    );
  }
  const region = str(service, 'service', 'region');
  if (region && validateRegion(region))
    errors.push(`service.region "${region}" is not an AWS region name (e.g. us-east-1).`);

  const src = section('source');
  let source: DeployConfig['source'] | undefined;
  if (src.kind === 'code') {
    const autoDeploy = src.autoDeploy ?? false;
    if (typeof autoDeploy !== 'boolean')
      errors.push(`source.autoDeploy must be true or false, not ${JSON.stringify(autoDeploy)}.`);
    source = { kind: 'code', autoDeploy: autoDeploy === true };
  } else if (src.kind === 'image') {
    const repo = str(src, 'source', 'ecrRepository');
    if (repo && (!ECR_REPOSITORY.test(repo) || repo.length < 2 || repo.length > 256)) {
      errors.push(
        `source.ecrRepository "${repo}" is not a valid ECR repository name: lower-case letters, digits, and . _ - / between them.`,
      );
    }
    source = { kind: 'image', ecrRepository: repo ?? '', port: int(src, 'source', 'port', 1, 65535) };
  } else {
    errors.push(
      `source.kind is ${src.kind === undefined ? 'missing' : `"${String(src.kind)}"`}: it must be code or image.`,
    );
  }

  const inst = section('instance');
  const cpu = String(inst.cpu ?? '');
  const memory = String(inst.memory ?? '');
  if (validateCpu(cpu))
    errors.push(
      `instance.cpu ${JSON.stringify(inst.cpu ?? null)} is not an App Runner size: use 0.25, 0.5, 1, 2 or 4 (vCPU).`,
    );
  else if (!MEMORY_BY_CPU[cpu as Cpu].includes(memory)) {
    errors.push(
      `instance.memory ${JSON.stringify(inst.memory ?? null)} is not offered with ${cpu} vCPU: use ${MEMORY_BY_CPU[cpu as Cpu].join(' or ')} (GB).`,
    );
  }

  const hc = section('healthCheck');
  const protocol = hc.protocol ?? 'HTTP';
  if (protocol !== 'HTTP' && protocol !== 'TCP')
    errors.push(`healthCheck.protocol must be HTTP or TCP, not ${JSON.stringify(protocol)}.`);
  const path = typeof hc.path === 'string' ? hc.path : '/';
  if (protocol === 'HTTP') {
    // A migrated service keeps the path it had, and App Runner's own default is "/".
    const own = path === '/' && raw.migratedFrom !== undefined;
    const bad = typeof hc.path !== 'string' ? 'missing' : validateHealthPath(path) && !own ? `"${path}"` : undefined;
    if (bad) errors.push(`healthCheck.path is ${bad}: an HTTP check needs a route of its own, like /health.`);
  }
  const healthCheck: DeployConfig['healthCheck'] = {
    protocol: protocol === 'TCP' ? 'TCP' : 'HTTP',
    path,
    interval: int(hc, 'healthCheck', 'interval', 1, 20),
    timeout: int(hc, 'healthCheck', 'timeout', 1, 20),
    healthyThreshold: int(hc, 'healthCheck', 'healthyThreshold', 1, 20),
    unhealthyThreshold: int(hc, 'healthCheck', 'unhealthyThreshold', 1, 20),
  };

  const as = section('autoScaling');
  const autoScaling = {
    minSize: int(as, 'autoScaling', 'minSize', 1, 25),
    maxSize: int(as, 'autoScaling', 'maxSize', 1, 25),
    maxConcurrency: int(as, 'autoScaling', 'maxConcurrency', 1, 200),
  };
  if (autoScaling.maxSize < autoScaling.minSize) {
    errors.push(
      `autoScaling.maxSize (${autoScaling.maxSize}) is smaller than autoScaling.minSize (${autoScaling.minSize}).`,
    );
  }

  const environment: Record<string, string> = {};
  for (const [key, value] of Object.entries(section('environment'))) {
    if (!ENV_NAME.test(key))
      errors.push(`environment.${key}: a variable name is letters, digits and _, not starting with a digit.`);
    else if (key === 'PORT')
      errors.push('environment.PORT: the platform sets PORT itself (from source.port); remove it.');
    else if (/^AWSAPPRUNNER/i.test(key))
      errors.push(`environment.${key}: names starting with AWSAPPRUNNER are reserved by App Runner.`);
    else if (value === null || typeof value === 'object')
      errors.push(`environment.${key} must be a single value, e.g. "text" or 3.`);
    else environment[key] = String(value); // YAML reads `DEBUG: true` as a boolean; the app sees text either way
  }

  const extras = checkExtras(raw, errors, environment);
  const app = checkAppSection(raw.app);
  errors.push(...app.errors);
  const workshop = checkWorkshop(raw.workshop, errors);
  if (errors.length || !name || !region || !source) return { errors, warnings };
  return {
    config: {
      ...(raw.target !== undefined ? { target: target as TargetId } : {}),
      service: { name, region },
      source,
      instance: { cpu: Number(cpu), memory: Number(memory) },
      healthCheck,
      autoScaling,
      environment,
      ...extras,
      ...(workshop ? { workshop } : {}),
      ...(app.app ? { app: app.app } : {}),
    },
    errors,
    warnings,
  };
}
