// What the machine tells us, read once before the core runs: the core itself reads no disk and no env.
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

import type { Facts } from '../core/options.js';

export function gatherFacts(env: NodeJS.ProcessEnv = process.env): Facts {
  if (env.AWS_REGION) return { awsRegion: env.AWS_REGION, awsRegionFrom: 'AWS_REGION' };
  if (env.AWS_DEFAULT_REGION) return { awsRegion: env.AWS_DEFAULT_REGION, awsRegionFrom: 'AWS_DEFAULT_REGION' };
  const awsRegion = regionFromAwsConfig(env);
  return awsRegion ? { awsRegion, awsRegionFrom: `the AWS config, profile ${env.AWS_PROFILE || 'default'}` } : {};
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
