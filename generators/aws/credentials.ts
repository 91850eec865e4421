// Why a profile gave no credentials, in words that name the cause and the fix. The SDK's default chain
// tries every source in turn and then says only "Could not load credentials from any providers", for a
// credential_process that exits 3, prints bad JSON or returns expired keys, for an SSO sign-in that has
// expired and for a profile that holds no credentials alike. So when that happens we look ourselves, the
// way the SDK's process, SSO and ini providers do (the same files, the same process, the same token cache).
// https://docs.aws.amazon.com/sdkref/latest/guide/feature-process-credentials.html
// https://docs.aws.amazon.com/sdkref/latest/guide/understanding-sso.html
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

import { safeLine } from '../core/terminal.js';

type Section = Record<string, string>;
type Ini = Record<string, Section>;

/** INI as the AWS shared files write it: `[section]`, `key = value`, `#` and `;` comments, indented sub-keys skipped. */
export function parseIni(text: string): Ini {
  const out: Ini = {};
  let current: Section | undefined;
  for (const line of text.split(/\r?\n/)) {
    const section = /^\s*\[([^\]]+)\]\s*([#;].*)?$/.exec(line);
    if (section) {
      current = out[section[1]!.trim().replace(/\s+/g, ' ')] ??= {};
      continue;
    }
    const pair = /^([^\s=#;][^=]*?)\s*=\s*(.*?)\s*$/.exec(line);
    if (pair && current) current[pair[1]!.trim().toLowerCase()] = pair[2]!.replace(/\s+[#;].*$/, '');
  }
  return out;
}

const readIni = (path: string): Ini | undefined => {
  try {
    return parseIni(readFileSync(path, 'utf8'));
  } catch {
    return undefined;
  }
};

export type CredentialCause =
  | { kind: 'profile-missing' }
  | { kind: 'profile-empty'; file: string }
  | { kind: 'process-failed'; command: string; exit: string; said: string }
  | { kind: 'process-bad-json'; command: string }
  | { kind: 'process-bad-shape'; command: string }
  | { kind: 'process-expired'; command: string; expiration: string }
  | { kind: 'sso-expired' | 'sso-missing'; expiresAt?: string };

const CREDENTIAL_KEYS = [
  'aws_access_key_id',
  'credential_process',
  'sso_session',
  'sso_start_url',
  'role_arn',
  'web_identity_token_file',
  'credential_source',
  'login_session',
];

/** The profile's cause, or undefined when nothing wrong can be seen (the SDK's message then stands). */
export function diagnoseProfile(
  profile: string,
  env: NodeJS.ProcessEnv = process.env,
  now = Date.now(),
): CredentialCause | undefined {
  const home = env.HOME || homedir();
  const configFile = env.AWS_CONFIG_FILE || join(home, '.aws', 'config');
  const credentialsFile = env.AWS_SHARED_CREDENTIALS_FILE || join(home, '.aws', 'credentials');
  const config = readIni(configFile) ?? {};
  const credentials = readIni(credentialsFile) ?? {};
  const fromConfig = config[profile === 'default' ? 'default' : `profile ${profile}`];
  const fromCredentials = credentials[profile];
  if (!fromConfig && !fromCredentials) return { kind: 'profile-missing' };
  const merged: Section = { ...fromConfig, ...fromCredentials };
  if (merged.aws_access_key_id) return undefined; // static keys: a failure is AWS's answer, not a missing credential
  if (merged.credential_process) return diagnoseProcess(merged.credential_process, env, now);
  if (merged.sso_session || merged.sso_start_url) return diagnoseSso(merged, home, now);
  if (!CREDENTIAL_KEYS.some((k) => merged[k]))
    return { kind: 'profile-empty', file: fromConfig ? configFile : credentialsFile };
  return undefined;
}

/** Runs the profile's credential_process as the SDK does (a shell command line) and checks its answer. */
function diagnoseProcess(command: string, env: NodeJS.ProcessEnv, now: number): CredentialCause | undefined {
  const r = spawnSync(command, {
    shell: true,
    env,
    encoding: 'utf8',
    timeout: 60_000,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (r.error || r.status !== 0) {
    const said =
      `${r.stderr ?? ''}`
        .split('\n')
        .map((l) => l.trim())
        .find(Boolean) ?? '';
    const exit = r.error
      ? (r.error as Error).message
      : r.status === null
        ? `ended by ${r.signal}`
        : `exit code ${r.status}`;
    return { kind: 'process-failed', command, exit, said };
  }
  let data: Record<string, unknown>;
  try {
    data = JSON.parse(r.stdout.trim()) as Record<string, unknown>;
  } catch {
    return { kind: 'process-bad-json', command };
  }
  if (!data || data.Version !== 1 || typeof data.AccessKeyId !== 'string' || typeof data.SecretAccessKey !== 'string') {
    return { kind: 'process-bad-shape', command };
  }
  if (typeof data.Expiration === 'string' && Date.parse(data.Expiration) <= now) {
    return { kind: 'process-expired', command, expiration: data.Expiration };
  }
  return undefined;
}

/** The profile's SSO sign-in, when it is an SSO profile: the token cache file the SDK reads and its expiry. */
export function ssoTokenOf(
  profile: string,
  env: NodeJS.ProcessEnv = process.env,
): { file: string; expiresAt?: string } | undefined {
  const home = env.HOME || homedir();
  const config = readIni(env.AWS_CONFIG_FILE || join(home, '.aws', 'config')) ?? {};
  const section = config[profile === 'default' ? 'default' : `profile ${profile}`];
  const key = section?.sso_session ?? section?.sso_start_url;
  if (!key) return undefined;
  const file = join(home, '.aws', 'sso', 'cache', `${createHash('sha1').update(key).digest('hex')}.json`);
  try {
    const token = JSON.parse(readFileSync(file, 'utf8')) as { expiresAt?: unknown };
    return { file, ...(typeof token.expiresAt === 'string' ? { expiresAt: token.expiresAt } : {}) };
  } catch {
    return { file };
  }
}

/** The SSO token the CLI's `aws sso login` caches: ~/.aws/sso/cache/<sha1 of the session name or start URL>.json. */
function diagnoseSso(profile: Section, home: string, now: number): CredentialCause | undefined {
  const session = profile.sso_session;
  const key = session ?? profile.sso_start_url;
  if (!key) return undefined;
  let token: { expiresAt?: string; refreshToken?: string };
  try {
    token = JSON.parse(
      readFileSync(join(home, '.aws', 'sso', 'cache', `${createHash('sha1').update(key).digest('hex')}.json`), 'utf8'),
    );
  } catch {
    return { kind: 'sso-missing' };
  }
  const expires = Date.parse(token.expiresAt ?? '');
  if (!Number.isFinite(expires)) return { kind: 'sso-missing' };
  // The SDK refreshes an expired token with its refresh token; a failure to do so is an expired sign-in too.
  return expires <= now ? { kind: 'sso-expired', expiresAt: token.expiresAt } : undefined;
}

const DOCS = 'https://docs.aws.amazon.com/sdkref/latest/guide/feature-process-credentials.html';

/** One paragraph naming the cause and the fix, ending in "then run deploy again" (callers swap the command). */
export function describeCause(cause: CredentialCause, profile: string): string {
  const p = safeLine(profile);
  const flag = profile === 'default' ? '' : ` --profile ${p}`;
  const then = 'then run deploy again.';
  switch (cause.kind) {
    case 'profile-missing':
      return (
        `There is no AWS profile "${p}" in ~/.aws/config or ~/.aws/credentials (or AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE). ` +
        `Check the name (aws configure list-profiles), or create it (aws configure sso${flag}), ${then}`
      );
    case 'profile-empty':
      return (
        `The AWS profile "${p}" exists (in ${safeLine(cause.file)}) but holds no credentials: no aws_access_key_id, credential_process, ` +
        `sso_session or role_arn. Add them (aws configure${flag}, or aws configure sso${flag}), ${then}`
      );
    case 'process-failed':
      return (
        `The AWS profile "${p}" gets its credentials from credential_process (${safeLine(cause.command)}), and that command failed ` +
        `(${cause.exit}${cause.said ? `: ${safeLine(cause.said)}` : ''}). Run it yourself to see why (it often needs you to sign in first), fix it, ${then}`
      );
    case 'process-bad-json':
      return (
        `The AWS profile "${p}" gets its credentials from credential_process (${safeLine(cause.command)}), and what it printed is not JSON. ` +
        `It must print {"Version": 1, "AccessKeyId": …, "SecretAccessKey": …} (${DOCS}). Fix the command, ${then}`
      );
    case 'process-bad-shape':
      return (
        `The AWS profile "${p}" gets its credentials from credential_process (${safeLine(cause.command)}), and its JSON is not credentials: ` +
        `it needs "Version": 1, "AccessKeyId" and "SecretAccessKey" (${DOCS}). Fix the command, ${then}`
      );
    case 'process-expired':
      return (
        `The AWS profile "${p}" gets its credentials from credential_process (${safeLine(cause.command)}), and they expired at ` +
        `${safeLine(cause.expiration)}. Make it return fresh ones (sign in again with the tool behind it), ${then}`
      );
    case 'sso-expired':
      return (
        `Your AWS sign-in (IAM Identity Center / SSO) for the profile "${p}" has expired${cause.expiresAt ? ` (at ${safeLine(cause.expiresAt)})` : ''}. ` +
        `Sign in again: aws sso login${flag}, ${then}`
      );
    case 'sso-missing':
      return (
        `The AWS profile "${p}" signs in with IAM Identity Center (SSO), and there is no sign-in yet on this machine. ` +
        `Sign in: aws sso login${flag}, ${then}`
      );
  }
}

/**
 * For a "no credentials" failure: the cause, said with its fix, or undefined when none can be seen. The
 * profile is --profile, else AWS_PROFILE, else "default" (as the SDK picks it); with keys in the
 * environment and no profile asked for, the files are not the source, so nothing is said about them.
 */
export function explainCredentialFailure(
  profile: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
): string | undefined {
  if (!profile && env.AWS_ACCESS_KEY_ID) return undefined;
  const name = profile || env.AWS_PROFILE || 'default';
  const cause = diagnoseProfile(name, env);
  if (!cause) return undefined;
  // Without a profile asked for, a missing "default" is the plain "no credentials at all" case.
  if (cause.kind === 'profile-missing' && !profile && !env.AWS_PROFILE) return undefined;
  return describeCause(cause, name);
}
