// Where `secrets set` gets each value: a hidden prompt on a terminal (nothing echoed, not even a mask,
// so neither the screen nor a recording shows its length), or standard input when that is not a terminal
// (`printf %s "$KEY" | create-apprunner-app secrets set API_KEY`). Never the command line or the
// environment: both end up in shell history, `ps` and CI logs.
//
// From standard input, one name takes the whole input as its value (one trailing newline, as `echo`
// adds, is dropped). Several names from one stream are refused rather than split one per line: a value
// may itself hold line breaks (a PEM key), and a miscounted line would silently give a value to the
// wrong name. Run the command once per name instead.
import { UsageError } from '../core/errors.js';

/** Secrets Manager's limit for SecretString: 65,536 bytes. */
export const MAX_SECRET_BYTES = 65_536;
/** How long standard input may stay silent: a pipe nobody writes to must not hang the command. */
const STDIN_TIMEOUT_MS = 60_000;

export interface ValueSource {
  /** A person at a terminal. */
  interactive: boolean;
  stdin: NodeJS.ReadableStream;
}

/** name → value, for every name, or a UsageError before anything was sent. */
export async function readValues(names: string[], source: ValueSource, timeoutMs = STDIN_TIMEOUT_MS) {
  const values = new Map<string, string>();
  if (source.interactive) {
    // The question goes to stderr, so that stdout holds only what the command reports (--json's object).
    const { createPromptModule } = await import('inquirer');
    const prompt = createPromptModule({ output: process.stderr });
    for (const name of names) {
      const { value } = await prompt<{ value: string }>([
        {
          type: 'password',
          name: 'value',
          message: `Value of ${name} (typing is not shown; Enter ends it):`,
          validate: (v: string) => problem(name, v) ?? true,
        },
      ]);
      values.set(name, value);
    }
    return values;
  }
  if (names.length > 1) {
    throw new UsageError(
      `secrets set reads one value from standard input, but ${names.length} names were given (${names.join(', ')}). ` +
        'A value may span lines, so one stream is never split between names: run it once per name, e.g. ' +
        `printf %s "$VALUE" | create-apprunner-app secrets set ${names[0]}.`,
    );
  }
  const name = names[0]!;
  let value = await readAll(source.stdin, timeoutMs);
  value = value.endsWith('\r\n') ? value.slice(0, -2) : value.endsWith('\n') ? value.slice(0, -1) : value;
  const bad = problem(name, value);
  if (bad)
    throw new UsageError(
      `${bad} Pipe the value in, e.g. printf %s "$VALUE" | create-apprunner-app secrets set ${name}.`,
    );
  values.set(name, value);
  return values;
}

/** What is wrong with a value, never quoting it. */
function problem(name: string, value: string): string | undefined {
  if (value === '') return `The value of ${name} is empty: Secrets Manager keeps no empty secret.`;
  const bytes = Buffer.byteLength(value, 'utf8');
  if (bytes > MAX_SECRET_BYTES)
    return `The value of ${name} is ${bytes} bytes; Secrets Manager keeps at most ${MAX_SECRET_BYTES} bytes a secret.`;
  return undefined;
}

/** Standard input to its end, as UTF-8; a stream silent for `timeoutMs`, or too long, is refused. */
function readAll(stream: NodeJS.ReadableStream, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let timer: NodeJS.Timeout;
    const finish = (error?: Error) => {
      clearTimeout(timer);
      stream.removeAllListeners('data');
      stream.removeAllListeners('end');
      stream.removeAllListeners('error');
      (stream as { pause?: () => void }).pause?.();
      if (error) reject(error);
      else resolve(Buffer.concat(chunks).toString('utf8'));
    };
    const arm = () => {
      clearTimeout(timer);
      timer = setTimeout(
        () =>
          finish(
            new UsageError(
              `No value arrived on standard input within ${timeoutMs / 1000} s (and it was not closed). ` +
                'Pipe the value in and close the stream (printf %s "$VALUE" | …), or run the command on a terminal to type it.',
            ),
          ),
        timeoutMs,
      );
    };
    arm();
    stream.on('data', (chunk: Buffer | string) => {
      const b = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      size += b.length;
      // Two bytes of slack for a trailing newline; anything more is too long and is not kept.
      if (size > MAX_SECRET_BYTES + 2) {
        chunks.length = 0;
        return finish(
          new UsageError(
            `Standard input holds more than ${MAX_SECRET_BYTES} bytes; Secrets Manager keeps at most that in one secret.`,
          ),
        );
      }
      chunks.push(b);
      arm();
    });
    stream.once('end', () => finish());
    stream.once('error', (e: Error) => finish(new UsageError(`Standard input could not be read: ${e.message}`)));
  });
}
