// IAM is eventually consistent: a role created a moment ago can be refused by the service that is to
// assume it, for some seconds. The one retry for that, used by every platform's create/update call:
// the platform says which refusals mean "not spread yet" (each service words it its own way), the
// retry is bounded and its pause is Ctrl-C-able.
// https://docs.aws.amazon.com/IAM/latest/UserGuide/troubleshoot_general.html#troubleshoot_general_eventual-consistency
import { AwsCallError } from './errors.js';
import { sleep } from './poll.js';

export interface IamRetry {
  /** Whether this failure means the new role has not reached the service yet. */
  notReady(error: AwsCallError): boolean;
  /** Tries in all, the first included. */
  attempts: number;
  pauseMs: number;
  signal?: AbortSignal;
  /** Said once, before the first retry. */
  onRetry?(): void;
}

export async function withIamRetry<T>(send: () => Promise<T>, retry: IamRetry): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await send();
    } catch (error) {
      if (!(error instanceof AwsCallError) || !retry.notReady(error) || attempt >= retry.attempts) throw error;
      if (attempt === 1) retry.onRetry?.();
      await sleep(retry.pauseMs, retry.signal);
    }
  }
}
