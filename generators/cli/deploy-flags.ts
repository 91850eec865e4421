// The deploy command line: the parsed flags → DeployOptions, refusing the flags that only mean something
// when creating an app (--help documents the deploy flags, from DEPLOY_FLAGS). No AWS here.
import { type TargetId, TARGETS, VALUE_OPTIONS } from '../core/options.js';
import { validateRegion } from '../core/validate.js';
import { workshopFlagsOf } from '../core/workshop.js';
import { usageError } from '../platforms/shared/errors.js';
import type { DeployOptions } from '../platforms/shared/settings.js';
import type { Parsed } from './args.js';

const CREATE_ONLY_SWITCHES: [keyof Parsed['switches'], boolean, string][] = [
  ['install', false, '--no-install'],
  ['git', false, '--no-git'],
  ['force', true, '--force'],
];

export function deployOptionsOf(parsed: Parsed): { dir: string | undefined; options: DeployOptions } {
  const { given, switches, extra } = parsed;
  const misplaced = VALUE_OPTIONS.filter(
    (o) => !['directory', 'region', 'target'].includes(o.key) && given[o.key] !== undefined,
  ).map((o) => o.flag);
  for (const [key, value, flag] of CREATE_ONLY_SWITCHES) if (switches[key] === value) misplaced.push(flag);
  if (extra.deploy !== undefined) misplaced.push('--deploy');
  if (misplaced.length) {
    throw usageError(
      `${misplaced.join(', ')} ${misplaced.length > 1 ? 'are' : 'is'} for creating an app, not for deploy. ` +
        'Deploy reads the service settings from apprunner.deploy.yaml: edit them there.',
    );
  }
  if (given.target !== undefined && !TARGETS.some((t) => t.id === given.target)) {
    throw usageError(`--target ${given.target}: choose ${TARGETS.map((t) => t.id).join(' or ')}.`);
  }
  if (given.region !== undefined) {
    const bad = validateRegion(given.region);
    if (bad) throw usageError(bad);
  }
  const text = (key: string): string | undefined => {
    const value = extra[key];
    if (value === undefined) return undefined;
    if (typeof value !== 'string' || value.trim() === '') throw usageError(`--${key} needs a value.`);
    return value.trim();
  };
  const options: DeployOptions = {
    target: given.target as TargetId | undefined,
    region: given.region,
    profile: text('profile'),
    yes: switches.yes,
    dryRun: switches.dryRun,
    wait: extra['no-wait'] !== true,
    image: text('image'),
    repositoryUrl: text('repository-url'),
    branch: text('branch'),
    connectionArn: text('connection-arn'),
    replaceFailed: extra['replace-failed'] === true,
    adopt: extra.adopt === true,
    workshop: workshopFlagsOf(extra),
  };
  if (
    options.connectionArn &&
    !/^arn:aws[\w-]*:apprunner:[a-z0-9-]+:\d{12}:connection\/[\w-]+\/[0-9a-f]+$/.test(options.connectionArn)
  ) {
    throw usageError(
      `--connection-arn ${options.connectionArn} is not an App Runner connection ARN (arn:aws:apprunner:<region>:<account>:connection/<name>/<id>).`,
    );
  }
  return { dir: given.directory, options };
}
