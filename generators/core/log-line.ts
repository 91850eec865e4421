// One log line for a person (`logs` without --json). Our apps log one JSON object a line: it is shown as
// time, level, message, then the other fields as key=value; anything else is shown as it is. Everything
// in a log line comes from outside (any HTTP client can put an escape sequence in a logged path), so every
// part goes through the terminal sanitizer, and a value that is not plain printable text is shown quoted.
import { isPrintable, jsonDepth, quoteValue, safeJsonLine, safeLine } from './terminal.js';

const LEVELS: Record<number, string> = { 10: 'TRACE', 20: 'DEBUG', 30: 'INFO', 40: 'WARN', 50: 'ERROR', 60: 'FATAL' };
const TIME_KEYS = ['time', 'timestamp', 'ts', '@timestamp'];
const LEVEL_KEYS = ['level', 'severity', 'levelname'];
const MESSAGE_KEYS = ['msg', 'message'];
/** Deeper lines are shown raw (sanitized): no log a person reads nests this deep, and it bounds the work. */
export const MAX_LOG_DEPTH = 64;

function parseObject(text: string): Record<string, unknown> | undefined {
  if (!text.trimStart().startsWith('{') || jsonDepth(text) > MAX_LOG_DEPTH) return undefined;
  try {
    const data = JSON.parse(text) as unknown;
    return data && typeof data === 'object' && !Array.isArray(data) ? (data as Record<string, unknown>) : undefined;
  } catch {
    return undefined; // not JSON: shown as it is
  }
}

const isoOf = (ms: number) => {
  const d = new Date(ms);
  return Number.isNaN(d.getTime()) ? String(ms) : d.toISOString();
};

/** A field's value: a bare word, a quoted string, or (numbers, objects) its JSON. */
function fieldText(v: unknown): string {
  return typeof v === 'string' ? quoteValue(v) : safeJsonLine(JSON.stringify(v) ?? String(v));
}

/** The message part: as it is when printable, else quoted so its controls show. */
const messageText = (v: unknown) => (typeof v === 'string' && isPrintable(v) ? v : fieldText(v));

export function formatLine(message: string, timestamp: number): string {
  const text = message.replace(/\r?\n$/, '');
  const when = isoOf(timestamp);
  const data = parseObject(text);
  if (!data) return `${when} ${safeLine(text)}`;
  const fields = { ...data };
  const take = (keys: string[]) => {
    const k = keys.find((key) => Object.prototype.hasOwnProperty.call(fields, key));
    if (k === undefined) return undefined;
    const v = fields[k];
    delete fields[k];
    return v;
  };
  const time = take(TIME_KEYS);
  const level = take(LEVEL_KEYS);
  const msg = take(MESSAGE_KEYS);
  const levelText =
    typeof level === 'number'
      ? (LEVELS[level] ?? String(level))
      : level === undefined
        ? '-'
        : safeLine(String(level).toUpperCase());
  const timeText =
    typeof time === 'string'
      ? safeLine(time)
      : typeof time === 'number'
        ? isoOf(time > 1e12 ? time : time * 1000)
        : when;
  const rest = Object.entries(fields).map(([k, v]) => `${quoteValue(k)}=${fieldText(v)}`);
  return [timeText, levelText.padEnd(5), msg === undefined ? '' : messageText(msg), ...rest]
    .filter((p) => p !== '')
    .join(' ');
}
