// `create-apprunner-app deploy [folder] [flags]`: flags → options, then deploy(). Loaded by the CLI only
// for the deploy command; the AWS SDK itself loads later still, inside deploy, after the local checks.
import { resolve } from 'node:path';
import type { Parsed } from '../cli/args.js';
import { DeployError } from './errors.js';
import { deployOptionsOf } from './flags.js';
import { deploy } from './deploy.js';

export { deploy } from './deploy.js';
export type { DeployOptions } from './settings.js';

export async function runDeploy(parsed: Parsed): Promise<number> {
  let dir: string | undefined;
  let options;
  try {
    ({ dir, options } = deployOptionsOf(parsed));
  } catch (error) {
    process.stderr.write(`\n${(error as DeployError).message}\n`);
    return (error as DeployError).exitCode ?? 2;
  }
  return deploy(resolve(process.cwd(), dir ?? '.'), options);
}
