// Runs the real generator under yeoman-test in a temporary folder and reads back what it wrote.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

import helpers from 'yeoman-test';

import AppGenerator, { type AppOptions } from '../../generators/app/index.js';
import type { Values } from '../../generators/core/options.js';

export interface Generated {
  /** The generated app's folder. */
  dir: string;
  /** Every file written, relative to dir, sorted. */
  files: string[];
  read(path: string): string;
  askedQuestions: string[];
}

export function listFiles(dir: string): string[] {
  const walk = (d: string): string[] =>
    readdirSync(d).flatMap((f) => {
      const p = join(d, f);
      return statSync(p).isDirectory() ? walk(p) : [relative(dir, p)];
    });
  return walk(dir).sort();
}

export async function generate(
  given: Partial<Values>,
  options: Partial<AppOptions> & { answers?: Record<string, string | string[]> } = {},
): Promise<Generated> {
  const { answers, ...rest } = options;
  const result = await helpers
    .run(AppGenerator as never, {
      namespace: 'apprunner:app',
      resolved: join(import.meta.dirname, '../../generators/app/index.ts'),
    })
    .withOptions({
      given: { directory: 'app', ...given },
      switches: { install: false, git: false },
      interactive: answers !== undefined,
      ...rest,
    } as never)
    .withAnswers(answers ?? {});
  const dir = join(result.cwd, given.directory ?? 'app');
  // yeoman-test removes this folder when the next run starts, so keep the contents now.
  const files = listFiles(dir);
  const contents = new Map(files.map((f) => [f, readFileSync(join(dir, f), 'utf8')]));
  return {
    dir,
    files,
    read: (path) => {
      const text = contents.get(path);
      if (text === undefined) throw new Error(`${path} was not generated`);
      return text;
    },
    askedQuestions: result.askedQuestions.map((q) => q.name),
  };
}
