// Flags + answers + facts → one validated, frozen spec. Defaults are filled in table order, so a
// default can lean on an earlier value (the name on the directory, the memory on the cpu).
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { VALUE_OPTIONS, type Facts, type Values } from './options.js';
import { findRuntime, type Runtime, type SourceKind } from './runtimes.js';
import { slugOf } from './validate.js';

export interface Spec {
  /** The target folder, absolute. */
  directory: string;
  /** The target folder as the user named it, for messages. */
  directoryLabel: string;
  name: string;
  /** Lower-case name for package names (npm, crate, artifactId, module). */
  slug: string;
  runtime: Runtime;
  source: SourceKind;
  port: number;
  healthPath: string;
  cpu: string;
  memory: string;
  region: string;
}

export type Resolved = { ok: true; spec: Spec; values: Values } | { ok: false; errors: string[] };

/** The folder must be a new folder inside cwd: never cwd itself, a parent, or somewhere else. */
export function checkDirectory(dir: string, cwd: string): string | undefined {
  const target = resolve(cwd, dir);
  const rel = relative(cwd, target);
  if (rel === '' || rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel)) {
    return `The directory "${dir}" is ${rel === '' ? 'the current folder' : 'outside the current folder'}. `
      + 'Name a new folder inside it, e.g. create-apprunner-app my-api.';
  }
  return undefined;
}

export function resolveSpec(given: Partial<Values>, facts: Facts, cwd: string): Resolved {
  const values: Partial<Values> = {};
  const errors: string[] = [];
  for (const option of VALUE_OPTIONS) {
    const value = given[option.key] ?? option.default(values, facts);
    values[option.key] = value;
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
    name: all.name,
    slug: slugOf(all.name),
    runtime: findRuntime(all.runtime)!,
    source: all.source as SourceKind,
    port: Number(all.port),
    healthPath: all.healthPath,
    cpu: all.cpu,
    memory: all.memory,
    region: all.region,
  };
  return { ok: true, spec: Object.freeze(spec), values: all };
}
