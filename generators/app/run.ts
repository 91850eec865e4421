// Runs the app generator through yeoman-environment, the way `yo` would but without it: the
// environment only needs to know our one generator, so nothing is looked up or installed.
import { basename } from 'node:path';

import { EnvironmentBase } from 'yeoman-environment';

import AppGenerator, { type AppOptions } from './index.js';
import { PACKAGE_ROOT } from './paths.js';

/**
 * Yeoman names the app from the current folder's package.json as every generator is built, and a file
 * there that is not JSON (`hi`) would end the run with a parser stack before any check. Our name comes
 * from the spec, so that file is never read for it (with --force it is replaced, and kept as .orig).
 * Set on Yeoman's base class: a method of our own class would be queued as a task of the run.
 */
const base = Object.getPrototypeOf(AppGenerator.prototype) as { determineAppname(): string; destinationRoot(): string };
base.determineAppname = function determineAppname(this: typeof base) {
  return basename(this.destinationRoot());
};

export async function runGenerator(options: AppOptions & { switches: { force: boolean } }): Promise<void> {
  const env = new EnvironmentBase({ cwd: options.cwd, skipInstall: true, force: options.switches.force });
  // A failed task is reported once, by the bin, in our words: Yeoman's own "An error occured while
  // running apprunner:app#…" line would only repeat it with internals.
  (env.adapter.log as { error: (...args: unknown[]) => unknown }).error = () => undefined;
  const namespace = 'apprunner:app';
  env.register(AppGenerator as never, {
    namespace,
    resolved: `${PACKAGE_ROOT}/generators/app/index.js`,
    packagePath: PACKAGE_ROOT,
  });
  const generator = await env.create(namespace, {
    generatorArgs: [],
    // Nothing is cached in the user's home (.yo-rc-global.json) or read from an outer .yo-rc.json.
    generatorOptions: {
      ...options,
      skipInstall: true,
      skipCache: true,
      skipLocalCache: true,
      localConfigOnly: true,
    } as never,
  });
  await env.runGenerator(generator as never);
}
