// One JSON object per line on stdout: App Runner ships stdout to CloudWatch Logs, which stamps
// each line with its time and can query the fields, so no logging library is needed.
export type Fields = Record<string, unknown>;

export interface Logger {
  info: (msg: string, fields?: Fields) => void;
  warn: (msg: string, fields?: Fields) => void;
  error: (msg: string, fields?: Fields) => void;
}

function write(level: string, msg: string, fields: Fields): void {
  process.stdout.write(`${JSON.stringify({ level, msg, ...fields })}\n`);
}

export const log: Logger = {
  info: (msg, fields = {}) => write('info', msg, fields),
  warn: (msg, fields = {}) => write('warn', msg, fields),
  error: (msg, fields = {}) => write('error', msg, fields),
};
