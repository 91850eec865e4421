// The outside health probe at the end of a good run. A failed probe is a warning: the platform already
// judged the service healthy from inside, and the network between here and there (proxies, DNS) is not
// the service.
import { sleep } from '../../aws/poll.js';
import type { Context } from './context.js';

const ATTEMPTS = 3;

export async function checkHealth(ctx: Context, url: string, awsSays: string): Promise<void> {
  let last = '';
  for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
    try {
      const res = await fetch(url, {
        signal: AbortSignal.any([AbortSignal.timeout(10_000), ctx.signal]),
        redirect: 'manual',
      });
      await res.arrayBuffer();
      if (res.status === 200) {
        ctx.ui.info(`Health check: ${url} answered 200.`);
        return;
      }
      last = `HTTP ${res.status}`;
    } catch (error) {
      if (ctx.signal.aborted) return;
      const e = error as Error & { cause?: { code?: string; message?: string } };
      last = e.cause?.code ?? e.cause?.message ?? e.message;
    }
    if (attempt < ATTEMPTS) await sleep(Math.min(ctx.timing.pollMs, 5_000), ctx.signal).catch(() => undefined);
  }
  ctx.ui.warn(
    `${url} did not answer 200 from here (${last}). ${awsSays}; ` + 'if the app misbehaves, its logs are below.',
  );
}
