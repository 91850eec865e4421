// Placeholder until the deploy issue lands: says so plainly and exits non-zero.
import type { Parsed } from '../cli/args.js';

export async function runDeploy(_parsed: Parsed): Promise<number> {
  process.stderr.write('create-apprunner-app deploy is not available in this version yet.\n');
  return 1;
}
