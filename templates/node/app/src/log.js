// One JSON object per line on stdout: App Runner ships stdout to CloudWatch Logs, which stamps
// each line with its time and can query the fields, so no logging library is needed.
function write(level, msg, fields) {
  process.stdout.write(`${JSON.stringify({ level, msg, ...fields })}\n`);
}

export const log = {
  info: (msg, fields = {}) => write('info', msg, fields),
  warn: (msg, fields = {}) => write('warn', msg, fields),
  error: (msg, fields = {}) => write('error', msg, fields),
};
