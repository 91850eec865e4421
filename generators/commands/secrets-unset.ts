// `secrets unset NAME`: the variable leaves `secrets:` (so the role's read policy, recomputed from it
// on deploy, no longer grants it), the service is redeployed without it, and only then, and only when
// `secrets set` made it (this app's id tag), the secret is scheduled for deletion. A secret that is not
// ours is left exactly as it is.
//
// The recovery window is 30 days by default, the most AWS allows: a secret scheduled for deletion is
// not billed, and the longest window leaves the most time to notice a mistake (`secrets set NAME`
// again restores it, with a new value). --recovery-days 7-30 shortens it. There is no deletion without
// recovery: nothing here needs the name free at once, since set restores the same secret.
// https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_DeleteSecret.html
import { createSecretsManager, type SecretFacts, type SecretsManager } from '../aws/secrets-manager.js';
import { DEPLOY_CONFIG_FILE } from '../core/deploy-config.js';
import { UsageError } from '../core/errors.js';
import { isOurs } from '../platforms/ownership/owner.js';
import { appSecretName, forgetSecret } from '../platforms/shared/app-secrets.js';
import type { Run } from './run.js';
import { profileOf, redeploy } from './secrets-deploy.js';

const DEFAULT_RECOVERY_DAYS = 30;

function recoveryDays(raw: string | boolean | undefined): number {
  if (raw === undefined) return DEFAULT_RECOVERY_DAYS;
  const n = Number(raw);
  if (typeof raw !== 'string' || !/^\d+$/.test(raw) || n < 7 || n > 30)
    throw new UsageError(
      `--recovery-days ${String(raw)}: Secrets Manager keeps a deleted secret 7 to 30 days. Pass a whole number in that range.`,
    );
  return n;
}

export async function unsetSecret(run: Run, names: string[]): Promise<number> {
  const { config, flags, ui } = run;
  if (names.length !== 1) throw new UsageError('secrets unset takes one name, e.g. secrets unset API_KEY.');
  const name = names[0]!;
  const days = recoveryDays(flags['recovery-days']);
  const listed = config.secrets?.[name];
  const sm = await createSecretsManager({ region: run.region, profile: profileOf(flags), signal: run.signal });
  try {
    const secret = await findSecret(run, sm, name, listed);
    if (listed === undefined && !secret?.ours)
      throw new UsageError(
        `${name} is not under secrets: in ${DEPLOY_CONFIG_FILE}` +
          (Object.keys(config.secrets ?? {}).length
            ? ` (it lists ${Object.keys(config.secrets!).join(', ')})`
            : ' (it lists none)') +
          `, and no secret of this app is named ${appSecretName(config, name)}: nothing to unset.`,
      );
    const deletes = Boolean(secret?.ours && !secret.facts.deletedDate) && flags.stage !== true;
    const steps = [
      listed !== undefined ? `remove ${name} from secrets: in ${DEPLOY_CONFIG_FILE}` : '',
      listed !== undefined && flags.stage !== true
        ? `redeploy ${config.service.name} without it (its role no longer reads it)`
        : '',
      deletes
        ? `schedule the secret ${secret!.facts.name} for deletion in ${days} days (made by secrets set; until then \`secrets set ${name}\` restores it)`
        : secret && !secret.ours
          ? `leave the secret ${secret.facts.name} as it is (not made by secrets set)`
          : '',
    ].filter(Boolean);
    if (!steps.length)
      return printed(run, {
        name,
        steps: [`nothing left to do: ${secret?.facts.name} is already scheduled for deletion`],
      });
    if (flags['dry-run'] === true) return printed(run, { dryRun: true, name, steps });
    if (!ui.canAsk && flags.yes !== true)
      throw new UsageError(`secrets unset would ${steps.join(', then ')}. Without a terminal to ask on, pass --yes.`);
    if (ui.canAsk && !(await ui.confirm(`secrets unset will ${steps.join(', then ')}. Go on?`, false))) {
      ui.error('Nothing was changed.');
      return 1;
    }
    return await carryOut(run, sm, { name, listed, secret, deletes, days });
  } finally {
    sm.close();
  }
}

interface Unset {
  name: string;
  listed: string | undefined;
  secret: { facts: SecretFacts; ours: boolean } | undefined;
  deletes: boolean;
  days: number;
}

async function carryOut(run: Run, sm: SecretsManager, { name, listed, secret, deletes, days }: Unset) {
  const { config, ui } = run;
  const done: string[] = [];
  if (listed !== undefined) {
    forgetSecret(run.dir, config, name);
    done.push(`removed ${name} from secrets: in ${DEPLOY_CONFIG_FILE}`);
  }
  const deployed =
    listed !== undefined
      ? await redeploy(run, run.platform.secretsAlsoIn?.(config), [name], 'unset')
      : { ran: false, code: 0 };
  if (deployed.code !== 0) {
    ui.error(`The secret ${secret?.facts.name ?? listed} is kept: the live service may still read it.`);
    return deployed.code;
  }
  if (deployed.ran) done.push(`redeployed ${config.service.name} without it`);
  let deletion: string | undefined;
  // Deleted only once no live service names it: not with --stage, nor before a file in the repository is pushed.
  if (deletes && (deployed.ran || deployed.notDeployed || listed === undefined)) {
    deletion = (await sm.scheduleDeletion(secret!.facts.arn, days))?.toISOString();
    done.push(
      `scheduled the secret ${secret!.facts.name} for deletion ${deletion ? `on ${deletion}` : `in ${days} days`} ` +
        `(until then ${run.tool(`secrets set ${name}`)} restores it)`,
    );
  } else if (secret?.ours && !secret.facts.deletedDate)
    done.push(
      `kept the secret ${secret.facts.name} while the live service still reads it: run ${run.tool(`secrets unset ${name}`)} again after the next deploy to delete it`,
    );
  else if (secret && !secret.ours) done.push(`left the secret ${secret.facts.name} as it is (not made by secrets set)`);
  return printed(run, { name, steps: done, deletion });
}

async function findSecret(
  run: Run,
  sm: SecretsManager,
  name: string,
  listed: string | undefined,
): Promise<{ facts: SecretFacts; ours: boolean } | undefined> {
  const isSm = listed?.startsWith('arn:') && listed.split(':')[2] === 'secretsmanager';
  if (listed !== undefined && !isSm) return undefined; // an SSM parameter: never ours to delete
  if (isSm && listed!.split(':')[3] !== run.region) return undefined; // another region's: left as it is
  const facts = await sm.describe(isSm ? listed!.split(':').slice(0, 7).join(':') : appSecretName(run.config, name));
  return facts ? { facts, ours: isOurs(facts.tags, run.config) } : undefined;
}

function printed(run: Run, out: { dryRun?: boolean; name: string; steps: string[]; deletion?: string }): number {
  if (run.flags.json === true) {
    run.io.stdout.write(`${JSON.stringify({ region: run.region, ...out }, null, 2)}\n`);
    return 0;
  }
  const head = out.dryRun ? 'Dry run: nothing is changed. secrets unset would:' : `Done: ${out.name} unset.`;
  run.io.stdout.write(`${head}\n${out.steps.map((s) => `  - ${s}`).join('\n')}\n`);
  return 0;
}
