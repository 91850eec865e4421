// One doctor check's result, and the guard every AWS check runs under: a bounded time (an endpoint that
// never answers is "could not reach …", not a hang) and every failure turned into a line, never a throw.
import { endpointOf } from '../aws/client-config.js';
import { AwsCallError, kindOf } from '../aws/errors.js';

export type CheckState = 'ok' | 'fail' | 'warn';

export interface CheckResult {
  id: string;
  label: string;
  state: CheckState;
  /** What was found ("alice (arn:aws:iam::123456789012:user/alice)"). */
  detail: string;
  /** What to do about a failure or warning. */
  fix?: string;
}

export const ok = (id: string, label: string, detail: string): CheckResult => ({ id, label, state: 'ok', detail });
export const fail = (id: string, label: string, detail: string, fix: string): CheckResult => ({
  id,
  label,
  state: 'fail',
  detail,
  fix,
});
export const warn = (id: string, label: string, detail: string, fix?: string): CheckResult => ({
  id,
  label,
  state: 'warn',
  detail,
  ...(fix ? { fix } : {}),
});

/** AWS's answer in one line: the code and the first line of its message. */
export const said = (error: AwsCallError) => {
  const first = error.awsMessage.split('\n')[0]!.trim();
  return first && first !== error.code ? `${error.code}: ${first}` : error.code;
};

/** How long one AWS check may take (the client's own timeouts and retries included). */
export function checkTimeoutMs(env: NodeJS.ProcessEnv): number {
  const request = Number(env.CREATE_APPRUNNER_APP_REQUEST_TIMEOUT_MS);
  return Number.isInteger(request) && request > 0 ? Math.min(request * 2 + 1_000, 40_000) : 20_000;
}

/**
 * Runs an AWS check with its own abort signal, bounded: a timeout or a failed call becomes a failed line
 * naming the endpoint (a denied call a warning: the check could not be made).
 */
export async function guarded(
  o: { id: string; label: string; service: string; region: string; ms: number; parent: AbortSignal },
  run: (signal: AbortSignal) => Promise<CheckResult>,
): Promise<CheckResult> {
  const { id, label, ms, parent } = o;
  const timeout = AbortSignal.timeout(ms);
  const signal = AbortSignal.any([timeout, parent]);
  try {
    return await Promise.race([
      run(signal),
      new Promise<never>((_, reject) => signal.addEventListener('abort', () => reject(signal.reason), { once: true })),
    ]);
  } catch (error) {
    if (parent.aborted) throw error;
    const where = endpointOf(o.service, o.region);
    if (timeout.aborted || (error instanceof AwsCallError && kindOf(error) === 'cancelled'))
      return fail(
        id,
        label,
        `could not reach ${where} within ${Math.round(ms / 1000)} s`,
        'check the network (a proxy, a firewall, a captive portal) and run doctor again',
      );
    if (error instanceof AwsCallError) {
      const kind = kindOf(error);
      if (kind === 'access-denied')
        return warn(
          id,
          label,
          `could not be checked: ${error.operation} was denied (${error.code})`,
          `allow ${error.operation} to check this`,
        );
      if (kind === 'network')
        return fail(
          id,
          label,
          `could not reach ${where}: ${error.awsMessage || error.code}`,
          'check the network and run doctor again',
        );
      return fail(id, label, `${error.operation}: ${said(error)}`, 'see the AWS answer above; run doctor again later');
    }
    return fail(
      id,
      label,
      String((error as Error).message ?? error).split('\n')[0]!,
      'run doctor again with --verbose and report it',
    );
  }
}
