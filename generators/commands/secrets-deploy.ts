// After `secrets set` or `unset` changed `secrets:`, the live service gets it through deploy itself:
// the same checks, role policy (recomputed from `secrets:`), progress, health check and report. Skipped
// with --stage, and where the platform reads the app's secrets from a file in the repository (App Runner
// code apps: apprunner.yaml), which must be committed and pushed first.
import { DEPLOY_CONFIG_FILE } from '../core/deploy-config.js';
import { deploy } from './deploy.js';
import type { Flags, Run } from './run.js';

export const profileOf = (flags: Flags) => (typeof flags.profile === 'string' ? flags.profile : undefined);

export async function redeploy(
  run: Run,
  alsoIn: string | undefined,
  names: string[],
  verb: 'set' | 'unset' = 'set',
): Promise<{ ran: boolean; code: number; notDeployed?: boolean }> {
  const { flags, ui } = run;
  const json = flags.json === true;
  const say = (text: string) => (json ? run.io.stderr.write(`${text}\n`) : ui.info(text));
  if (alsoIn) {
    say(
      `This app's platform reads its secrets from ${alsoIn} in the repository: ` +
        (verb === 'set'
          ? `list ${names.join(', ')} under run.secrets there (name, value-from: the ARN above), `
          : `remove ${names.join(', ')} from run.secrets there, `) +
        `commit and push, then run ${run.tool('deploy')}.`,
    );
    return { ran: false, code: 0 };
  }
  if (flags.stage === true) {
    say(
      `--stage: not redeployed. The next deploy (${run.tool('deploy')}) hands ${DEPLOY_CONFIG_FILE}'s secrets to the app.`,
    );
    return { ran: false, code: 0 };
  }
  // Not deployed yet: a "redeploy" would create the service, which nobody asked for here.
  if (!(await run.platform.describeLive(run.live))) {
    say(
      `${run.config.service.name} is not deployed in ${run.region} yet: its first deploy (${run.tool('deploy')}) hands it the secrets.`,
    );
    return { ran: false, code: 0, notDeployed: true };
  }
  say(`Redeploying so the app ${verb === 'set' ? 'reads' : 'no longer reads'} ${names.join(', ')}:`);
  // With --json the one JSON object is stdout's; deploy's own lines go to stderr.
  const io = { ...run.io, stdout: json ? (process.stderr as typeof run.io.stdout) : run.io.stdout };
  const code = await deploy(run.dir, {
    region: run.region !== run.config.service.region ? run.region : undefined,
    profile: profileOf(flags),
    yes: flags.yes === true,
    io,
  });
  if (code !== 0)
    ui.error(
      `The secrets and ${DEPLOY_CONFIG_FILE} are as above, but the redeploy did not finish (exit ${code}): ` +
        `the app reads the change after the next good ${run.tool('deploy')}.`,
    );
  return { ran: true, code };
}
