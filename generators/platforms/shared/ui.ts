// Output and questions. On a terminal a wait is one live line (spinner, elapsed time, status) redrawn in
// place; in a log (CI, a pipe) it is plain lines, one per change of status and a heartbeat now and then,
// because a redrawn line is garbage in a log file. Questions are asked only when a person is there.
import { safeText } from '../../core/terminal.js';
import { forTerminal } from '../../core/wrap.js';
import type { Io } from './settings.js';

export interface Ui {
  /** Questions may be asked (a terminal, no --yes). */
  readonly canAsk: boolean;
  /** A person is watching a terminal (for offers to wait). */
  readonly interactive: boolean;
  info(text: string): void;
  warn(text: string): void;
  error(text: string): void;
  /** Shows progress of a wait: `label` stays, `status` changes. */
  progress(label: string, status: string): void;
  /** Ends the live line, leaving `final` (if any) in its place. */
  endProgress(final?: string): void;
  confirm(message: string, defaultAnswer: boolean): Promise<boolean>;
}

const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];
const HEARTBEAT_MS = 30_000;

export function elapsed(ms: number): string {
  const s = Math.floor(ms / 1000);
  return s < 60 ? `${s}s` : `${Math.floor(s / 60)}m ${String(s % 60).padStart(2, '0')}s`;
}

export function createUi(io: Io, { yes = false }: { yes?: boolean } = {}): Ui {
  const live = Boolean(io.stdout.isTTY);
  let state:
    | { label: string; status: string; since: number; frame: number; timer?: NodeJS.Timeout; lastPrinted: number }
    | undefined;

  const write = (text: string) => io.stdout.write(text);
  const clearLine = () => live && state?.timer && write('\r\x1b[2K');
  const draw = () => {
    if (!state) return;
    const line = `${FRAMES[state.frame++ % FRAMES.length]} ${state.label} · ${elapsed(Date.now() - state.since)} · ${state.status}`;
    const width = (io.stdout.columns || 80) - 1; // a pseudo-terminal may report 0 columns
    write(`\r\x1b[2K${line.length > width ? `${line.slice(0, width - 1)}…` : line}`);
  };
  /** Lines printed during a wait go above the live line, which is then redrawn. */
  const above = (print: () => void) => {
    clearLine();
    print();
    if (live && state?.timer) draw();
  };

  return {
    canAsk: io.interactive && !yes,
    interactive: io.interactive,
    info: (text) => above(() => write(`${safeText(text)}\n`)),
    warn: (text) => above(() => io.stderr.write(`${forTerminal(`Warning: ${safeText(text)}`, io.stderr)}\n`)),
    error: (text) => above(() => io.stderr.write(`${forTerminal(safeText(text), io.stderr)}\n`)),
    progress(label, status) {
      [label, status] = [safeText(label), safeText(status)];
      if (!state || state.label !== label) {
        this.endProgress();
        state = { label, status, since: Date.now(), frame: 0, lastPrinted: 0 };
        if (live) {
          state.timer = setInterval(draw, 100);
          state.timer.unref();
          draw();
          return;
        }
      } else if (state.status === status && (live || Date.now() - state.lastPrinted < HEARTBEAT_MS)) {
        return;
      }
      state.status = status;
      if (live) return draw();
      state.lastPrinted = Date.now();
      write(`${label}: ${status} (${elapsed(Date.now() - state.since)})\n`);
    },
    endProgress(final) {
      if (state?.timer) {
        clearInterval(state.timer);
        write('\r\x1b[2K');
      }
      state = undefined;
      if (final) write(`${safeText(final)}\n`);
    },
    async confirm(message, defaultAnswer) {
      if (!io.interactive || yes) return defaultAnswer;
      this.endProgress();
      const { default: inquirer } = await import('inquirer');
      const { ok } = await inquirer.prompt<{ ok: boolean }>([
        { type: 'confirm', name: 'ok', message, default: defaultAnswer },
      ]);
      return ok;
    },
  };
}
