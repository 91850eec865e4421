// Ctrl-C (SIGINT) or a kill (SIGTERM) after the questions: undo what is half done, say in one line what
// is left, and exit 130 or 143 like a shell would. Child processes (an install) are ended by execa's
// own cleanup when we exit.
export type StopSignal = 'SIGINT' | 'SIGTERM';

export const exitCodeOf = (signal: StopSignal) => (signal === 'SIGINT' ? 130 : 143);

/** Calls `onStop` (which returns the line to print) on either signal, then exits; returns the release. */
export function trapSignals(onStop: (signal: StopSignal) => string): () => void {
  const handler = (signal: StopSignal) => {
    process.stderr.write(`\n${onStop(signal)}\n`);
    process.exit(exitCodeOf(signal));
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
  return () => {
    process.off('SIGINT', handler);
    process.off('SIGTERM', handler);
  };
}
