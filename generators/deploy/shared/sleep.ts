// Waiting that Ctrl-C can end: every poll loop of every target sleeps through this, so a cancelled wait
// is one error type (WaitCancelled) that deploy turns into exit 130.
/** Thrown when Ctrl-C stops a wait: the operation itself goes on at AWS. */
export class WaitCancelled extends Error {
  override name = 'WaitCancelled';
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new WaitCancelled('cancelled'));
    const timer = setTimeout(done, ms);
    function done() {
      signal?.removeEventListener('abort', abort);
      resolve();
    }
    function abort() {
      clearTimeout(timer);
      reject(new WaitCancelled('cancelled'));
    }
    signal?.addEventListener('abort', abort, { once: true });
  });
}
