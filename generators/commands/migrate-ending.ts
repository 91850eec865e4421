// How a migrate run ends when it does not succeed: a sentence and an exit code (2 bad usage, 1 failed or
// declined, 130 Ctrl-C), then what the run left behind (its ledger), never a stack trace.
import { AwsCallError, explainAwsError, kindOf } from '../aws/errors.js';
import { WaitCancelled } from '../aws/poll.js';
import { bugReport, CANCELLED_AT_PROMPT, isPromptCancel } from '../cli/ending.js';
import { CliError } from '../core/errors.js';
import type { Ledger } from '../platforms/shared/errors.js';
import type { Ui } from '../platforms/shared/ui.js';

export function migrateFailed(
  error: unknown,
  ui: Ui,
  ledger: Ledger,
  aborted: boolean,
  aws: { region: string; profile?: string },
): number {
  ui.endProgress();
  if (isPromptCancel(error)) return (ui.error(`\n${CANCELLED_AT_PROMPT} Nothing was written or created.`), 130);
  if (aborted || error instanceof WaitCancelled || (error instanceof AwsCallError && kindOf(error) === 'cancelled')) {
    ui.error(
      `\nStopped. Anything already asked of AWS goes on there; run migrate again to pick it up.\n${ledger.summary()}`,
    );
    return 130;
  }
  if (error instanceof CliError) {
    ui.error(`\n${error.message}`);
    if (error.exitCode !== 2) ui.error(ledger.summary());
    return error.exitCode;
  }
  if (error instanceof AwsCallError) {
    ui.error(`\n${explainAwsError(error, aws).replace(/run deploy again/g, 'run migrate again')}`);
    ui.error(ledger.summary());
    return 1;
  }
  ui.error(`\n${bugReport(error, 'migrate')}`);
  ui.error(ledger.summary());
  return 1;
}
