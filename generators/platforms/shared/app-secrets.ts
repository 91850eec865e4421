// The secrets `secrets set` keeps for an app in Secrets Manager: their names, their tags, whether one is
// ours, and the redeploy that hands a changed `secrets:` to the live service. Both platforms read the
// same config entry (a Secrets Manager ARN), so this is shared; what differs (App Runner code apps read
// apprunner.yaml) is the platform's `secretsAlsoIn`.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import type { SecretFacts } from '../../aws/secrets-manager.js';
import { DEPLOY_CONFIG_FILE, type DeployConfig } from '../../core/deploy-config.js';
import { withoutSecret, withSecret } from '../../core/deploy-config-secrets.js';
import { CliError, UsageError } from '../../core/errors.js';
import { isOurs, ownership, ownerText, toolTags } from '../ownership/owner.js';

// Secrets Manager names: 1-512 of [A-Za-z0-9/_+=.@-]. The service name (App Runner's 4-40 of
// [A-Za-z0-9-_]) and a variable name ([A-Za-z_][A-Za-z0-9_]*) always fit, and neither ends in
// "-" plus six characters, which AWS advises against (it reads like the suffix AWS adds to ARNs).
// https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_CreateSecret.html
export const appSecretName = (config: DeployConfig, variable: string) => `${config.service.name}/${variable}`;

const VARIABLE = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** A variable name `secrets` may take, or a UsageError naming the fix. */
export function checkVariable(name: string, config: DeployConfig): void {
  if (!VARIABLE.test(name))
    throw new UsageError(
      `"${name}" is not a variable name: names start with a letter or "_" and hold only letters, digits and "_". ` +
        'Pass the name only (secrets set API_KEY); the value is asked for, or read from standard input.',
    );
  if (name === 'PORT' || name.toUpperCase().startsWith('AWSAPPRUNNER'))
    throw new UsageError(`${name} is set by the platform itself; choose another name.`);
  if (Object.hasOwn(config.environment ?? {}, name))
    throw new UsageError(
      `${name} is a plain variable under environment: in ${DEPLOY_CONFIG_FILE}, where its value sits in clear. ` +
        'Remove it from environment: first, then run secrets set again to keep it in Secrets Manager instead.',
    );
}

/** Is the config's entry for `name` the secret this command keeps (its name, in any region/account)? */
export function isAppSecretArn(config: DeployConfig, name: string, valueFrom: string | undefined): boolean {
  if (!valueFrom?.startsWith('arn:') || valueFrom.split(':')[2] !== 'secretsmanager') return false;
  const secret = valueFrom.split(':')[6] ?? '';
  return secret === appSecretName(config, name) || secret.startsWith(`${appSecretName(config, name)}-`);
}

export const secretTags = (config: DeployConfig) => toolTags(config);

/** Refuses a same-named secret that does not carry this app's id; names the ways out. */
export function refuseForeign(config: DeployConfig, variable: string, found: SecretFacts): void {
  if (isOurs(found.tags, config)) return;
  const owner = config.app?.id ? ownerText(ownership(found.tags, config.app.id)) : 'no app id';
  throw new CliError(
    `The secret ${found.name} is already in Secrets Manager, and it is not this app's (${owner}), so secrets set ` +
      `will not write to it. Give the variable another name (secrets set OTHER_NAME), or, if that secret is ` +
      `the one you mean, name it as it is under secrets: in ${DEPLOY_CONFIG_FILE} (${variable}: ${found.arn}) ` +
      'and deploy: the app then reads it, and nothing of it changes.',
  );
}

export function recordSecret(dir: string, config: DeployConfig, name: string, arn: string): void {
  const file = join(dir, DEPLOY_CONFIG_FILE);
  writeFileSync(file, withSecret(readFileSync(file, 'utf8'), name, arn, config.target));
  config.secrets = { ...(config.secrets ?? {}), [name]: arn };
}

export function forgetSecret(dir: string, config: DeployConfig, name: string): void {
  const file = join(dir, DEPLOY_CONFIG_FILE);
  writeFileSync(file, withoutSecret(readFileSync(file, 'utf8'), name));
  if (config.secrets) {
    const { [name]: _gone, ...rest } = config.secrets;
    config.secrets = Object.keys(rest).length ? rest : undefined;
  }
}
