// Flags + answers + facts → one validated, frozen spec. Defaults are filled in table order, so a
// default can lean on an earlier value (the name on the directory, the memory on the cpu).
import { basename, isAbsolute, relative, resolve, sep } from 'node:path';

import { type Facts, type IacId, type TargetId, VALUE_OPTIONS, type Values } from './options.js';
import { findRuntime, type Runtime, type SourceKind } from './runtimes.js';
import { controlCharacter, parsePairs, slugOf } from './validate.js';

export interface Spec {
  /** The target folder, absolute. */
  directory: string;
  /** The target folder as the user named it, for messages. */
  directoryLabel: string;
  /** The target is the current folder itself (`.`): next steps need no `cd`. */
  here: boolean;
  name: string;
  /** Lower-case name for package names (npm, crate, artifactId, module). */
  slug: string;
  runtime: Runtime;
  /** Where deploy puts the app (every app can go to either; this is the one it is set for). */
  target: TargetId;
  source: SourceKind;
  port: number;
  healthPath: string;
  cpu: string;
  memory: string;
  region: string;
  /** Read from Secrets Manager or SSM Parameter Store into the app's environment at start. */
  secrets: { name: string; valueFrom: string }[];
  env: { name: string; value: string }[];
  /** Outbound traffic into a VPC: an existing connector, or one deploy creates. */
  network?: { vpcConnectorArn: string } | { subnets: string[]; securityGroups: string[] };
  domain?: string;
  scaling: { minSize: number; maxSize: number; maxConcurrency: number };
  tracing: boolean;
  iac: IacId;
  ci: 'github' | 'none';
}

export type Resolved = { ok: true; spec: Spec; values: Values } | { ok: false; errors: string[] };

/**
 * The folder must be inside cwd: a new or empty folder there, or cwd itself (`.`, like create-vite),
 * whose emptiness is checked where the disk is read. Never a parent or somewhere else.
 */
export function checkDirectory(dir: string, cwd: string): string | undefined {
  const target = resolve(cwd, dir);
  const rel = relative(cwd, target);
  if (rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel)) {
    return (
      `The directory "${dir}" is outside the current folder. ` +
      'Name a new folder inside it (e.g. create-apprunner-app my-api), or . for the current folder if it is empty.'
    );
  }
  return undefined;
}

// Both run on values that already passed their validators.
const pairsOf = (lines: string) => {
  const parsed = parsePairs(lines, '', '');
  return 'pairs' in parsed ? parsed.pairs : [];
};
const idsOf = (list: string) =>
  list
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

export function resolveSpec(given: Partial<Values>, facts: Facts, cwd: string): Resolved {
  const values: Partial<Values> = {};
  const errors: string[] = [];
  // A default name needs the folder's real name, which `.` does not say.
  const known: Facts = { ...facts, cwdName: basename(resolve(cwd)) };
  for (const option of VALUE_OPTIONS) {
    const value = given[option.key] ?? option.default(values, known);
    values[option.key] = value;
    // Prompt answers and stored choices come this way too, not only flags: one rule for all of them.
    const lines = option.kind === 'list' ? value.split('\n') : [value];
    const bad = lines.map(controlCharacter).find(Boolean);
    if (bad) {
      errors.push(`The value of ${option.flag} contains ${bad}. Give it without control characters.`);
      continue;
    }
    const error = option.validate(value, values);
    if (error) errors.push(error);
  }
  const all = values as Values;
  const dirError = checkDirectory(all.directory, cwd);
  if (dirError) errors.unshift(dirError);
  if (errors.length > 0) return { ok: false, errors };

  const spec: Spec = {
    directory: resolve(cwd, all.directory),
    directoryLabel: all.directory,
    here: resolve(cwd, all.directory) === resolve(cwd),
    name: all.name,
    slug: slugOf(all.name),
    runtime: findRuntime(all.runtime, all.framework)!,
    target: all.target as TargetId,
    source: all.source as SourceKind,
    port: Number(all.port),
    healthPath: all.healthPath,
    cpu: all.cpu,
    memory: all.memory,
    region: all.region,
    secrets: pairsOf(all.secrets).map(([name, valueFrom]) => ({ name, valueFrom })),
    env: pairsOf(all.env).map(([name, value]) => ({ name, value })),
    network: all.vpcConnector
      ? { vpcConnectorArn: all.vpcConnector }
      : all.vpcSubnets
        ? { subnets: idsOf(all.vpcSubnets), securityGroups: idsOf(all.vpcSecurityGroups) }
        : undefined,
    domain: all.domain || undefined,
    scaling: {
      minSize: Number(all.minInstances),
      maxSize: Number(all.maxInstances),
      maxConcurrency: Number(all.maxConcurrency),
    },
    tracing: all.tracing === 'true',
    iac: all.iac as Spec['iac'],
    ci: all.ci as Spec['ci'],
  };
  return { ok: true, spec: Object.freeze(spec), values: all };
}
