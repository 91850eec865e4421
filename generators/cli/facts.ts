// What the machine tells us, read once before the core runs: the core itself reads no disk and no env.
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

import type { Facts } from '../core/options.js';

export function gatherFacts(env: NodeJS.ProcessEnv = process.env): Facts {
  const credentials = hasCredentials(env) ? { credentials: true } : {};
  if (env.AWS_REGION) return { awsRegion: env.AWS_REGION, awsRegionFrom: 'AWS_REGION', ...credentials };
  if (env.AWS_DEFAULT_REGION)
    return { awsRegion: env.AWS_DEFAULT_REGION, awsRegionFrom: 'AWS_DEFAULT_REGION', ...credentials };
  const awsRegion = regionFromAwsConfig(env);
  return awsRegion
    ? { awsRegion, awsRegionFrom: `the AWS config, profile ${env.AWS_PROFILE || 'default'}`, ...credentials }
    : credentials;
}

/**
 * Whether the SDK's default chain has something to start from: credential variables, a web identity or
 * container endpoint, or a shared credentials/config file that names keys, SSO, a role or a process.
 * https://docs.aws.amazon.com/sdkref/latest/guide/standardized-credentials.html
 */
export function hasCredentials(env: NodeJS.ProcessEnv = process.env): boolean {
  const vars = [
    'AWS_ACCESS_KEY_ID',
    'AWS_WEB_IDENTITY_TOKEN_FILE',
    'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI',
    'AWS_CONTAINER_CREDENTIALS_FULL_URI',
  ];
  if (vars.some((v) => env[v])) return true;
  const files = [
    env.AWS_SHARED_CREDENTIALS_FILE || join(homedir(), '.aws', 'credentials'),
    env.AWS_CONFIG_FILE || join(homedir(), '.aws', 'config'),
  ];
  return files.some((file) => {
    try {
      return /^\s*(aws_access_key_id|sso_\w+|role_arn|credential_process|credential_source)\s*=/m.test(
        readFileSync(file, 'utf8'),
      );
    } catch {
      return false;
    }
  });
}

/** The `region` of the active profile in the AWS config file, as the AWS CLI and SDKs read it. */
function regionFromAwsConfig(env: NodeJS.ProcessEnv): string | undefined {
  const file = env.AWS_CONFIG_FILE || join(homedir(), '.aws', 'config');
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  const profile = env.AWS_PROFILE || 'default';
  const header =
    profile === 'default'
      ? /^\[\s*(profile\s+)?default\s*\]$/
      : new RegExp(`^\\[\\s*profile\\s+${escape(profile)}\\s*\\]$`);
  let inProfile = false;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line.startsWith('[')) inProfile = header.test(line);
    else if (inProfile) {
      const m = /^region\s*=\s*(\S+)/.exec(line);
      if (m) return m[1];
    }
  }
  return undefined;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
