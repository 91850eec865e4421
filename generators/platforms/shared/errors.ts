// Every way a deploy or an in-app command can end badly, as a plain message and an exit code, plus the
// ledger of what this run created: a failure must say what it leaves behind, so nobody is surprised by a
// bill or a name taken. AWS's own failures are aws/errors.ts.
import { CliError, Declined } from '../../core/errors.js';

export { Declined };

/** A failure already explained in words a person can act on. 2 = bad usage or config, 130 = cancelled. */
export class DeployError extends CliError {
  constructor(message: string, exitCode: 1 | 2 | 130 = 1) {
    super(message, exitCode);
  }
}

export const usageError = (message: string) => new DeployError(message, 2);

/** Something this machine lacks (a container engine): said together with a credentials problem, if any. */
export class MissingPrerequisite extends DeployError {}

/** What this run created or changed on AWS, in the order it happened. */
export class Ledger {
  private readonly lines: string[] = [];
  note(line: string): void {
    this.lines.push(line);
  }
  get empty(): boolean {
    return this.lines.length === 0;
  }
  /** The closing statement of a failed run. */
  summary(): string {
    return this.lines.length ? `Left behind:\n${this.lines.map((l) => `  - ${l}`).join('\n')}` : 'Nothing was created.';
  }
}
