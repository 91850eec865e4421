// One error type for every failure we have already explained to the user: it carries its own exit
// code, so the bin never guesses from an error's name. Anything that is not a CliError is a bug.

/** Exit codes: 1 failed, 2 bad usage or config, 130 cancelled (SIGINT), 143 terminated (SIGTERM). */
export type ExitCode = 1 | 2 | 130 | 143;

export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: ExitCode = 1,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** The person answered no (or chose Cancel): nothing was done, exit 1 (130 is only for Ctrl-C). */
export class Declined extends CliError {
  constructor(message: string) {
    super(message, 1);
  }
}

/** Bad flags, values, folders or config: nothing was done, and the message names the fix. */
export class UsageError extends CliError {
  constructor(message: string) {
    super(message, 2);
  }
}
