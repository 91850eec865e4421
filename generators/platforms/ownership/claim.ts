// Deploy's gate before it changes a service that already exists: it goes on only with a service that
// carries this app's id, or one the person takes over (--adopt, confirmed on a terminal), or one an older
// version made for this very config (the deploy that added the id). Anything else stops with exit 1
// before anything is built, created or changed.
import { DEPLOY_CONFIG_FILE } from '../../core/deploy-config.js';
import type { Context } from '../shared/context.js';
import { Declined, DeployError, usageError } from '../shared/errors.js';
import { serviceVerdict } from './adopt.js';
import type { AnyTags } from './owner.js';

/** `label`: "The App Runner service go-api in us-east-1"; `tagIt` puts this app's id tags on the service. */
export async function claimService(
  ctx: Context,
  label: string,
  tags: AnyTags,
  tagIt: () => Promise<void>,
): Promise<void> {
  const id = ctx.config.app?.id;
  if (!id) throw new Error('deploy reached a service before the config had an app id');
  const adopt = ctx.options.adopt === true;
  const verdict = serviceVerdict(tags, id, {
    adopt,
    migrating: ctx.migrating === true,
    label,
    configFile: DEPLOY_CONFIG_FILE,
  });
  if (verdict.act === 'update') return;
  if (verdict.act === 'refuse') throw new DeployError(verdict.message, 1);
  if (adopt) {
    if (!ctx.ui.interactive && !ctx.options.yes) {
      throw usageError(`--adopt takes over ${label}; without a terminal to confirm on, add --yes to say so.`);
    }
    if (
      ctx.ui.canAsk &&
      !(await ctx.ui.confirm(`Take over ${label}? Deploy replaces its image, roles, size and health check.`, false))
    ) {
      throw new Declined('Cancelled: nothing was changed.');
    }
  }
  await tagIt();
  ctx.ui.info(verdict.why);
  ctx.ledger.note(`${label} now carries this app's id tag.`);
}
