// doctor's checks of the AWS side that do not depend on the platform: the credentials and who they
// are (STS), the region and where it came from, the SSO sign-in's expiry (the token cache file the SDK
// reads), the permissions a deploy needs (iam:SimulatePrincipalPolicy on the caller, or on the role of
// an assumed-role session), and the app's workshop expiry.
// https://docs.aws.amazon.com/IAM/latest/APIReference/API_SimulatePrincipalPolicy.html
import { ssoTokenOf } from '../aws/credentials.js';
import { AwsCallError, explainAwsError } from '../aws/errors.js';
import { createIam } from '../aws/iam.js';
import { createSts } from '../aws/sts.js';
import { humanDuration } from '../core/duration.js';
import { shellQuote } from '../core/tool-command.js';
import { expired } from '../core/workshop.js';
import { type CheckResult, fail, guarded, ok, warn } from './check.js';

export interface Where {
  region: string;
  regionFrom: string;
  profile?: string;
  ms: number;
  signal: AbortSignal;
}

export async function callerCheck(w: Where): Promise<{ result: CheckResult; arn?: string }> {
  let arn: string | undefined;
  const o = {
    id: 'credentials',
    label: 'AWS credentials',
    service: 'sts',
    region: w.region,
    ms: w.ms,
    parent: w.signal,
  };
  const result = await guarded(o, async (signal) => {
    const sts = await createSts({ region: w.region, profile: w.profile, signal });
    try {
      const identity = await sts.callerIdentity();
      arn = identity.arn;
      return ok('credentials', 'AWS credentials', `account ${identity.account}, ${identity.arn}`);
    } catch (error) {
      if (!(error instanceof AwsCallError) || signal.aborted) throw error;
      const why = explainAwsError(error, { region: w.region, profile: w.profile ?? process.env.AWS_PROFILE });
      return fail(
        'credentials',
        'AWS credentials',
        `${error.code}`,
        why.replace(/run deploy again/g, 'run doctor again'),
      );
    } finally {
      sts.close();
    }
  });
  return { result, arn };
}

export const regionCheck = (w: Where): CheckResult => ok('region', 'Region', `${w.region} (${w.regionFrom})`);

/** An SSO profile's sign-in: expired or missing is a failure with the command that signs in again. */
export function ssoCheck(profile: string, env: NodeJS.ProcessEnv, now = Date.now()): CheckResult | undefined {
  const token = ssoTokenOf(profile, env);
  if (!token) return undefined;
  const login = `aws sso login${profile === 'default' ? '' : ` --profile ${shellQuote(profile)}`}`;
  const at = token.expiresAt ? Date.parse(token.expiresAt) : Number.NaN;
  if (!Number.isFinite(at)) return fail('sso', 'SSO sign-in', `no sign-in cached for profile ${profile}`, login);
  if (at <= now) return fail('sso', 'SSO sign-in', `expired at ${token.expiresAt}`, login);
  if (at - now < 3_600_000)
    return warn(
      'sso',
      'SSO sign-in',
      `expires in ${humanDuration(at - now)} (${token.expiresAt})`,
      `sign in again before a long deploy: ${login}`,
    );
  return ok('sso', 'SSO sign-in', `valid until ${token.expiresAt}`);
}

/** The principal whose policies apply: an assumed-role session's role (read for its path), a user as it is. */
async function principalOf(arn: string, iam: Awaited<ReturnType<typeof createIam>>): Promise<string | undefined> {
  const role = /^arn:([^:]+):sts::(\d+):assumed-role\/([^/]+)\//.exec(arn);
  if (role) return (await iam.getRole(role[3]!))?.Arn ?? `arn:${role[1]}:iam::${role[2]}:role/${role[3]}`;
  if (/^arn:[^:]+:iam::\d+:(user|role)\//.test(arn)) return arn;
  return undefined;
}

export async function permissionsCheck(w: Where, callerArn: string, actions: readonly string[]): Promise<CheckResult> {
  const label = 'Deploy permissions';
  if (/:root$/.test(callerArn))
    return warn(
      'permissions',
      label,
      'the root user may do everything',
      'use an IAM user or role for workshops, not the root user',
    );
  const o = { id: 'permissions', label, service: 'iam', region: w.region, ms: w.ms, parent: w.signal };
  return guarded(o, async (signal) => {
    const iam = await createIam({ region: w.region, profile: w.profile, signal });
    try {
      const principal = await principalOf(callerArn, iam);
      if (!principal)
        return warn('permissions', label, `not checked: ${callerArn} is not a user or role IAM can simulate`);
      const denied = await iam.deniedActions(principal, [...actions]);
      if (denied.length)
        return fail(
          'permissions',
          label,
          `${principal} may not call ${denied.join(', ')}`,
          'ask the account admin to allow them (the README lists the policy deploy needs)',
        );
      return ok('permissions', label, `${actions.length} actions a deploy calls are allowed for ${principal}`);
    } catch (error) {
      if (
        error instanceof AwsCallError &&
        error.operation === 'iam:SimulatePrincipalPolicy' &&
        /AccessDenied/.test(error.code)
      )
        return warn(
          'permissions',
          label,
          'not checked: the caller may not call iam:SimulatePrincipalPolicy',
          'missing permissions then show up during deploy; allow iam:SimulatePrincipalPolicy on yourself to check them first',
        );
      throw error;
    } finally {
      iam.close();
    }
  });
}

/** A workshop app past its expires-at: sweep --expired would remove it. */
export function expiryCheck(expiresAt: string | undefined, now = Date.now()): CheckResult | undefined {
  if (!expiresAt) return undefined;
  const past = expired(expiresAt, now);
  return past === undefined
    ? ok('expiry', 'Workshop expiry', `expires ${expiresAt} (in ${humanDuration(Date.parse(expiresAt) - now)})`)
    : warn(
        'expiry',
        'Workshop expiry',
        `past its expiry (${expiresAt}, ${humanDuration(past)} ago): an organiser's sweep --expired removes it`,
        'deploy --expires-in <duration> sets a new one',
      );
}
