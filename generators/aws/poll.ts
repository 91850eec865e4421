// Waiting that Ctrl-C can end, and the one poll loop every wait goes through (an App Runner operation,
// a connection handshake, an ECS deployment, a service draining away): read, show the status, stop when
// settled, give up after the timeout. A cancelled wait is one error type (WaitCancelled) that the
// commands turn into exit 130.

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

/** Where a wait shows itself: one live line on a terminal, plain lines in a log (platforms/shared/ui.ts). */
export interface Progress {
  progress(label: string, status: string): void;
  endProgress(final?: string): void;
}

export interface PollSpec<T> {
  /** One look at the thing waited for. */
  read(): Promise<T>;
  /** True once it has settled: the wait returns this reading. */
  settled(reading: T): boolean;
  /** The status word for the progress line. */
  status(reading: T): string;
  label: string;
  ui: Progress;
  /** Between two reads, and how long in all before giving up. */
  timing: { pollMs: number; timeoutMs: number };
  signal?: AbortSignal;
  /** The error to throw when the time is up, from the last reading. */
  timedOut(reading: T): Error | Promise<Error>;
}

/** Reads until settled; the progress line ends either way. */
export async function poll<T>(spec: PollSpec<T>): Promise<T> {
  const started = Date.now();
  try {
    for (;;) {
      const reading = await spec.read();
      spec.ui.progress(spec.label, spec.status(reading));
      if (spec.settled(reading)) return reading;
      if (Date.now() - started > spec.timing.timeoutMs) throw await spec.timedOut(reading);
      await sleep(spec.timing.pollMs, spec.signal);
    }
  } finally {
    spec.ui.endProgress();
  }
}
