// `create-apprunner-app secrets set NAME [NAME…] | list | unset NAME`: the app's secrets, kept in
// Secrets Manager under the app's name, tagged with its id, listed under `secrets:` in the deploy config
// and handed to the live service by a redeploy through deploy itself (the role's read policy is
// recomputed from `secrets:` on every deploy, so it grants exactly the secrets listed). Values are read
// from a hidden prompt or standard input (secret-values.ts) and go to AWS in one request body only.
import { AwsCallError } from '../aws/errors.js';
import { createSecretsManager, type SecretFacts, type SecretsManager } from '../aws/secrets-manager.js';
import { DEPLOY_CONFIG_FILE } from '../core/deploy-config.js';
import { UsageError } from '../core/errors.js';
import {
  appSecretName,
  checkVariable,
  isAppSecretArn,
  recordSecret,
  refuseForeign,
  secretTags,
} from '../platforms/shared/app-secrets.js';
import { type Flags, operate, type Run } from './run.js';
import { readValues } from './secret-values.js';
import { profileOf, redeploy } from './secrets-deploy.js';
import { listSecrets } from './secrets-list.js';
import { unsetSecret } from './secrets-unset.js';

const ACTIONS: Record<string, (run: Run, names: string[]) => Promise<number>> = {
  set: setSecrets,
  list: (run, names) => {
    if (names.length) throw new UsageError(`secrets list takes no names (got ${names.join(' ')}).`);
    return listSecrets(run);
  },
  unset: unsetSecret,
};

export function runSecrets(flags: Flags, words: string[]): Promise<number> {
  const [action, ...names] = words;
  return operate('secrets', flags, (run) => {
    const act = action !== undefined && Object.hasOwn(ACTIONS, action) ? ACTIONS[action] : undefined;
    if (!act)
      throw new UsageError(
        `${action === undefined ? 'secrets needs one of' : `"${action}" is not a secrets command; use one of`}: ` +
          'set NAME [NAME…], list, unset NAME. Run create-apprunner-app secrets --help for more.',
      );
    return act(run, names);
  });
}

interface Planned {
  name: string;
  secretName: string;
  found?: SecretFacts;
}

async function setSecrets(run: Run, names: string[]): Promise<number> {
  const { config, flags, ui } = run;
  if (!names.length)
    throw new UsageError('secrets set needs the name of each variable to set, e.g. secrets set API_KEY.');
  if (new Set(names).size !== names.length) throw new UsageError('A name is given twice: give each variable once.');
  for (const name of names) {
    checkVariable(name, config);
    const current = config.secrets?.[name];
    if (current !== undefined && !isAppSecretArn(config, name, current))
      throw new UsageError(
        `secrets.${name} in ${DEPLOY_CONFIG_FILE} already reads ${current}, which secrets set did not make. ` +
          `To keep a new value in a secret of this app's instead, first run ${run.tool(`secrets unset ${name}`)} ` +
          '(it leaves that secret as it is), then secrets set again.',
      );
  }
  if (!config.app?.id)
    throw new UsageError(
      `${DEPLOY_CONFIG_FILE} has no app id yet (it was written by an older version): run ${run.tool('deploy')} once, ` +
        'which adds it, so the secrets this command creates carry it.',
    );
  const dryRun = flags['dry-run'] === true;
  // Every value is read before anything is sent: a cancelled prompt leaves AWS and the files as they were.
  const values = dryRun
    ? undefined
    : await readValues(names, { interactive: Boolean(process.stdin.isTTY), stdin: process.stdin });
  const sm = await createSecretsManager({ region: run.region, profile: profileOf(flags), signal: run.signal });
  try {
    const planned: Planned[] = [];
    for (const name of names) {
      const secretName = appSecretName(config, name);
      const found = await sm.describe(secretName);
      if (found) refuseForeign(config, name, found);
      planned.push({ name, secretName, found });
    }
    const alsoIn = run.platform.secretsAlsoIn?.(config);
    if (dryRun) return printPlan(run, planned, alsoIn);
    const stored: { name: string; secret: string; arn: string; action: string }[] = [];
    for (const p of planned) {
      const { arn, action } = await store(sm, run, p, values!.get(p.name)!);
      recordSecret(run.dir, config, p.name, arn);
      stored.push({ name: p.name, secret: p.secretName, arn, action });
      if (flags.json !== true)
        ui.info(`${p.name}: ${action} the secret ${p.secretName} in Secrets Manager (${run.region}); ${arn}`);
    }
    if (flags.json !== true) ui.info(`Recorded under secrets: in ${DEPLOY_CONFIG_FILE}.`);
    const deployed = await redeploy(
      run,
      alsoIn,
      stored.map((s) => s.name),
    );
    if (flags.json === true)
      run.io.stdout.write(
        `${JSON.stringify({ region: run.region, secrets: stored, deployed: deployed.ran, exitCode: deployed.code }, null, 2)}\n`,
      );
    return deployed.code;
  } finally {
    sm.close();
  }
}

/** Creates the secret, or puts the new value into ours (restoring it first if it is scheduled for deletion). */
async function store(
  sm: SecretsManager,
  run: Run,
  p: Planned,
  value: string,
): Promise<{ arn: string; action: string }> {
  const { config } = run;
  let found = p.found;
  if (!found) {
    try {
      const arn = await sm.create({
        name: p.secretName,
        value,
        tags: secretTags(config),
        description: `${p.name} of ${config.service.name}, set with create-apprunner-app secrets set.`,
      });
      return { arn, action: 'created' };
    } catch (error) {
      // Another run made it a moment ago: decided again from its tags, as if it had been there.
      if (!(error instanceof AwsCallError) || error.code !== 'ResourceExistsException') throw error;
      found = await sm.describe(p.secretName);
      if (!found) throw error;
      refuseForeign(config, p.name, found);
    }
  }
  let action = 'updated';
  if (found.deletedDate) {
    await sm.restore(found.arn);
    action = 'restored and updated';
  }
  await sm.putValue(found.arn, value);
  return { arn: found.arn, action };
}

function printPlan(run: Run, planned: Planned[], alsoIn: string | undefined): number {
  const rows = planned.map((p) => ({
    name: p.name,
    secret: p.secretName,
    action: !p.found ? 'create' : p.found.deletedDate ? 'restore and update' : 'update',
    ...(p.found ? { arn: p.found.arn } : {}),
  }));
  const deploy = run.flags.stage !== true && !alsoIn;
  if (run.flags.json === true) {
    run.io.stdout.write(
      `${JSON.stringify({ dryRun: true, region: run.region, secrets: rows, redeploy: deploy }, null, 2)}\n`,
    );
    return 0;
  }
  const lines = [
    'Dry run: no value is read, and nothing is changed or written.',
    ...rows.map(
      (r) =>
        `  ${r.name}: ${r.action} the secret ${r.secret} in Secrets Manager (${run.region}; default key aws/secretsmanager; ` +
        `tags created-by and ${run.config.app?.id ? 'the app id' : 'none'}), then list it under secrets: in ${DEPLOY_CONFIG_FILE}`,
    ),
    deploy
      ? `  then redeploy (${run.tool('deploy')}), which grants the app's role read access to exactly these secrets`
      : alsoIn
        ? `  then list it in ${alsoIn} too (the platform reads that file from the repository): commit, push, deploy`
        : '  --stage: no redeploy; the next deploy hands it to the app',
  ];
  run.io.stdout.write(`${lines.join('\n')}\n`);
  return 0;
}
