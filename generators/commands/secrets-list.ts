// `secrets list`: each variable under `secrets:`, where its value lives (the Secrets Manager secret or
// SSM parameter, its ARN and region), when it last changed and whether `secrets set` made it. Only
// metadata is asked for (DescribeSecret, DescribeParameters): no value is ever fetched.
import { AwsCallError, kindOf } from '../aws/errors.js';
import { createSecretsManager, type SecretsManager } from '../aws/secrets-manager.js';
import { createSsm, type Ssm } from '../aws/ssm.js';
import { DEPLOY_CONFIG_FILE } from '../core/deploy-config.js';
import { isOurs } from '../platforms/ownership/owner.js';
import type { Run } from './run.js';
import { profileOf } from './secrets-deploy.js';

interface Row {
  name: string;
  store: 'Secrets Manager' | 'SSM Parameter Store';
  /** The ARN, or the parameter name as the config gives it. */
  where: string;
  region: string;
  lastChanged?: string;
  /** made by `secrets set` (carries this app's id) */
  ours: boolean;
  state: 'ok' | 'missing' | 'scheduled for deletion' | 'unreadable';
  problem?: string;
}

export async function listSecrets(run: Run): Promise<number> {
  const entries = Object.entries(run.config.secrets ?? {});
  const clients = new Map<string, SecretsManager | Ssm>();
  const client = async <T extends SecretsManager | Ssm>(kind: 'sm' | 'ssm', region: string): Promise<T> => {
    const key = `${kind} ${region}`;
    if (!clients.has(key)) {
      const o = { region, profile: profileOf(run.flags), signal: run.signal };
      clients.set(key, kind === 'sm' ? await createSecretsManager(o) : await createSsm(o));
    }
    return clients.get(key) as T;
  };
  try {
    const rows: Row[] = [];
    for (const [name, valueFrom] of entries) rows.push(await describe(run, name, valueFrom, client));
    if (run.flags.json === true) {
      run.io.stdout.write(`${JSON.stringify({ region: run.region, secrets: rows }, null, 2)}\n`);
      return 0;
    }
    if (!rows.length) {
      run.io.stdout.write(
        `${run.config.service.name} reads no secrets (${DEPLOY_CONFIG_FILE} lists none). Add one with:\n  ${run.tool('secrets set NAME')}\n`,
      );
      return 0;
    }
    const lines = rows.map((r) =>
      [
        `  ${r.name}`,
        `    ${r.store}, ${r.region}: ${r.where}`,
        `    ${r.state === 'ok' ? `last changed ${r.lastChanged ?? '(not said)'}` : r.state}${r.problem ? ` (${r.problem})` : ''}` +
          (r.ours ? '; made by secrets set' : ''),
      ].join('\n'),
    );
    run.io.stdout.write(`Secrets of ${run.config.service.name} (values are never shown):\n${lines.join('\n')}\n`);
    return 0;
  } finally {
    for (const c of clients.values()) c.close();
  }
}

async function describe(
  run: Run,
  name: string,
  valueFrom: string,
  client: <T extends SecretsManager | Ssm>(kind: 'sm' | 'ssm', region: string) => Promise<T>,
): Promise<Row> {
  const arn = valueFrom.startsWith('arn:') ? valueFrom.split(':') : undefined;
  const region = arn?.[3] || run.region;
  const sm = arn?.[2] === 'secretsmanager';
  const base = { name, store: sm ? 'Secrets Manager' : 'SSM Parameter Store', where: valueFrom, region } as const;
  try {
    if (sm) {
      // A JSON-key reference (ARN:key:stage:version) names the secret by its first seven fields.
      const facts = await (await client<SecretsManager>('sm', region)).describe(arn!.slice(0, 7).join(':'));
      if (!facts) return { ...base, ours: false, state: 'missing' };
      return {
        ...base,
        lastChanged: facts.lastChanged?.toISOString(),
        ours: isOurs(facts.tags, run.config),
        state: facts.deletedDate ? 'scheduled for deletion' : 'ok',
      };
    }
    const parameter = arn
      ? arn
          .slice(5)
          .join(':')
          .replace(/^parameter/, '')
      : valueFrom;
    const facts = await (await client<Ssm>('ssm', region)).parameter(parameter);
    if (!facts) return { ...base, ours: false, state: 'missing' };
    return {
      ...base,
      where: facts.arn ?? valueFrom,
      lastChanged: facts.lastChanged?.toISOString(),
      ours: false,
      state: 'ok',
    };
  } catch (error) {
    // A denied read is one row's answer; missing credentials, a dead network or Ctrl-C end the command.
    if (!(error instanceof AwsCallError) || kindOf(error) !== 'access-denied') throw error;
    return { ...base, ours: false, state: 'unreadable', problem: `${error.operation}: ${error.code}` };
  }
}
