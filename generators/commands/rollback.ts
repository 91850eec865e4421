// `create-apprunner-app rollback [<release>]`: redeploys the exact image digest of the previous release
// that went live (or of the one named: its id, an image tag or a digest), through deploy itself with
// --image <repository>@<digest>, so progress, health check and report are deploy's. A release whose
// image is gone from ECR is refused, naming it. A code app has no image to go back to: App Runner
// builds the head of a branch and takes no commit, so the way back is git's.
import { DEPLOY_CONFIG_FILE } from '../core/deploy-config.js';
import { CliError, UsageError } from '../core/errors.js';
import { deploy } from './deploy.js';
import { type Listed, listReleases } from './releases.js';
import { type Flags, operate, type Run } from './run.js';

export const runRollback = (flags: Flags, words: string[]) =>
  operate('rollback', flags, (run) => {
    if (words.length > 1) throw new UsageError(`rollback takes at most one release (got ${words.join(' ')}).`);
    return rollback(run, words[0]);
  });

const short = (r: Listed) => `release ${r.id} (${r.image ?? r.source ?? 'image not recorded'})`;

function pick(run: Run, list: Listed[], live: Listed, wanted: string | undefined): Listed {
  if (wanted === undefined) {
    const previous = list
      .slice(list.indexOf(live) + 1)
      .find((r) => run.platform.releaseSucceeded.has(r.result) && (!r.digest || r.digest !== live.digest));
    if (!previous)
      throw new CliError(
        `${run.config.service.name} has no earlier release that went live to roll back to (${run.tool('releases')} lists them).`,
      );
    return previous;
  }
  const bare = wanted.replace(/^sha256:/, '');
  const found = list.find(
    (r) =>
      r.id === wanted ||
      r.tags?.includes(wanted) ||
      (bare.length >= 12 && /^[0-9a-f]+$/.test(bare) && r.digest?.startsWith(`sha256:${bare}`)),
  );
  if (!found)
    throw new UsageError(
      `No release of ${run.config.service.name} is "${wanted}": name one by its id, an image tag or a digest, as ${run.tool('releases')} lists them.`,
    );
  return found;
}

async function rollback(run: Run, wanted: string | undefined): Promise<number> {
  const { config, flags, ui } = run;
  if (config.source.kind === 'code')
    throw new UsageError(
      'This is a source-code app: App Runner builds the head of its branch and cannot be pointed at an older commit. ' +
        'Go back with git instead (git revert <commit>, push), then deploy.',
    );
  const list = await listReleases(run);
  const live = list.find((r) => r.live);
  if (!live) throw new CliError(`${config.service.name} has no live release in ${run.region} to roll back from.`);
  const target = pick(run, list, live, wanted);
  if (target.inEcr === false || !target.digest || !target.repositoryUri)
    throw new CliError(
      `The image of ${short(target)} is ${target.inEcr === false ? 'gone from ECR' : 'not known to ECR in this region'}` +
        `${target.digest ? ` (${target.digest})` : ''}, so it cannot be deployed again. Choose another release (${run.tool('releases')}), or deploy anew.`,
    );
  const image = `${target.repositoryUri}@${target.digest}`;
  if (target.digest === live.digest) {
    run.io.stdout.write(`${short(target)} is the live one already: nothing to roll back.\n`);
    return 0;
  }
  const plan = `roll ${config.service.name} back from ${short(live)} to ${short(target)}: deploy ${image}`;
  if (flags['dry-run'] === true) {
    run.io.stdout.write(`Dry run: nothing is changed. rollback would ${plan}.\n`);
    return 0;
  }
  if (!ui.canAsk && flags.yes !== true)
    throw new UsageError(`rollback would ${plan}. Without a terminal to ask on, pass --yes.`);
  if (ui.canAsk && !(await ui.confirm(`This will ${plan}. Go on?`, false))) {
    ui.error('Nothing was changed.');
    return 1;
  }
  ui.info(`Rolling back ${config.service.name} from ${short(live)} to ${short(target)}.`);
  const code = await deploy(run.dir, {
    image,
    region: run.region !== config.service.region ? run.region : undefined,
    profile: typeof flags.profile === 'string' ? flags.profile : undefined,
    yes: true,
    io: run.io,
  });
  if (code === 0)
    ui.info(
      `Rolled back from ${live.image ?? live.id} to ${image}. ${DEPLOY_CONFIG_FILE} is unchanged: the next deploy builds anew.`,
    );
  return code;
}
