// `create-apprunner-app deploy [folder] [flags]`: flags → options, then deploy(). Loaded by the CLI only
// for the deploy command; the AWS SDK itself loads later still, inside deploy, after the local checks.
import { resolve } from 'node:path';

import { deploy } from '../commands/deploy.js';
import { CliError } from '../core/errors.js';
import { forTerminal } from '../core/wrap.js';
import type { Parsed } from './args.js';
import { deployOptionsOf } from './deploy-flags.js';
import { gatherFacts } from './facts.js';

export { deploy } from '../commands/deploy.js';
export type { DeployOptions } from '../platforms/shared/settings.js';

export async function runDeploy(parsed: Parsed): Promise<number> {
  let dir: string | undefined;
  let options;
  try {
    ({ dir, options } = deployOptionsOf(parsed));
  } catch (error) {
    if (!(error instanceof CliError)) throw error;
    process.stderr.write(`${forTerminal(error.message, process.stderr)}\n`);
    return error.exitCode;
  }
  const facts = gatherFacts();
  const ambientRegion = facts.awsRegion
    ? { region: facts.awsRegion, from: facts.awsRegionFrom ?? 'your AWS settings' }
    : undefined;
  return deploy(resolve(process.cwd(), dir ?? '.'), { ...options, ambientRegion });
}
