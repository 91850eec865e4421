// The deploy command line: the parsed flags (the command table's deploy entry) → DeployOptions. No AWS here.
import { type TargetId, TARGETS } from '../core/options.js';
import { validateRegion } from '../core/validate.js';
import { workshopFlagsOf } from '../core/workshop.js';
import { usageError } from '../platforms/shared/errors.js';
import type { DeployOptions } from '../platforms/shared/settings.js';
import { closest, type Parsed } from './args.js';

export function deployOptionsOf(parsed: Parsed): { dir: string | undefined; options: DeployOptions } {
  const { extra } = parsed;
  // Flags that only create apps are refused by the parser (args.ts), naming them.
  const target = typeof extra.target === 'string' ? extra.target : undefined;
  if (target !== undefined && !TARGETS.some((t) => t.id === target)) {
    const ids = TARGETS.map((t) => t.id);
    const near = closest(target, ids);
    throw usageError(`--target ${target}: ${near ? `did you mean ${near}? ` : ''}Choose ${ids.join(' or ')}.`);
  }
  const region = typeof extra.region === 'string' ? extra.region : undefined;
  if (region !== undefined) {
    const bad = validateRegion(region);
    if (bad) throw usageError(bad);
  }
  const text = (key: string): string | undefined => {
    const value = extra[key];
    if (value === undefined) return undefined;
    if (typeof value !== 'string' || value.trim() === '') throw usageError(`--${key} needs a value.`);
    return value.trim();
  };
  const options: DeployOptions = {
    target: target as TargetId | undefined,
    region,
    profile: text('profile'),
    yes: extra.yes === true,
    dryRun: extra['dry-run'] === true,
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
  return { dir: text('cwd'), options };
}
