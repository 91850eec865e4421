// Runs the app generator through yeoman-environment, the way `yo` would but without it: the
// environment only needs to know our one generator, so nothing is looked up or installed.
import { EnvironmentBase } from 'yeoman-environment';
import AppGenerator, { type AppOptions } from './index.js';
import { PACKAGE_ROOT } from './paths.js';

export async function runGenerator(options: AppOptions & { switches: { force: boolean } }): Promise<void> {
  const env = new EnvironmentBase({ cwd: options.cwd, skipInstall: true, force: options.switches.force });
  // A failed task is reported once, by the bin, in our words: Yeoman's own "An error occured while
  // running apprunner:app#…" line would only repeat it with internals.
  (env.adapter.log as { error: (...args: unknown[]) => unknown }).error = () => undefined;
  const namespace = 'apprunner:app';
  env.register(AppGenerator as never, { namespace, resolved: `${PACKAGE_ROOT}/generators/app/index.js`, packagePath: PACKAGE_ROOT });
  const generator = await env.create(namespace, {
    generatorArgs: [],
    // Nothing is cached in the user's home (.yo-rc-global.json) or read from an outer .yo-rc.json.
    generatorOptions: { ...options, skipInstall: true, skipCache: true, skipLocalCache: true, localConfigOnly: true } as never,
  });
  await env.runGenerator(generator as never);
}
