// What the machine tells us, read once before the core runs: the core itself reads no disk and no env.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { Facts } from '../core/options.js';

export function gatherFacts(env: NodeJS.ProcessEnv = process.env): Facts {
  const awsRegion = env.AWS_REGION || env.AWS_DEFAULT_REGION || regionFromAwsConfig(env);
  return awsRegion ? { awsRegion } : {};
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
  const header = profile === 'default' ? /^\[\s*(profile\s+)?default\s*\]$/ : new RegExp(`^\\[\\s*profile\\s+${escape(profile)}\\s*\\]$`);
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

/** Whether the target can be written: missing or empty (a lone .git counts as empty), or --force. */
export function checkTarget(directory: string, label: string, force: boolean): string | undefined {
  if (!existsSync(directory)) return undefined;
  if (!statSync(directory).isDirectory()) {
    return `"${label}" exists and is not a folder. Choose another directory name.`;
  }
  const entries = readdirSync(directory).filter((e) => e !== '.git').sort();
  if (entries.length === 0 || force) return undefined;
  const shown = entries.slice(0, 10).map((e) => `  ${e}`).join('\n');
  const more = entries.length > 10 ? `\n  … and ${entries.length - 10} more` : '';
  return `The folder "${label}" is not empty:\n${shown}${more}\n`
    + 'Choose a new folder, or pass --force to write into it and overwrite files that conflict.';
}
