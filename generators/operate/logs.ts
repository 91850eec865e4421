// `create-apprunner-app logs`: the app's log (or, with --service-log, the platform's own events) from
// CloudWatch Logs. Our apps log one JSON object a line: shown as time, level, message, then the other
// fields, unless --json passes every line through unchanged. --follow polls until Ctrl-C, which ends it
// with exit 0 (stopping is how following is meant to end).
import { UsageError } from '../core/errors.js';
import { sleep } from '../deploy/shared/sleep.js';
import { timingFrom } from '../deploy/shared/settings.js';
import { operate, type Flags, type Run } from './run.js';

/** Without --since: the last hour, at most this many lines. */
const RECENT_MS = 60 * 60_000;
const RECENT_LINES = 200;
const FOLLOW_POLL_MAX_MS = 2_000;

export const runLogs = (flags: Flags) => operate('logs', flags, logs, { sigintExit: flags.follow === true ? 0 : 130 });

/** `10m`, `2h`, `30s`, `1d` before now, or a date and time (`2026-12-01T10:00Z`). */
export function parseSince(raw: string, now = Date.now()): number | undefined {
  const m = /^(\d+)\s*(s|m|h|d)$/.exec(raw.trim());
  if (m) return now - Number(m[1]) * { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 }[m[2] as 's' | 'm' | 'h' | 'd'];
  if (!/^\d{4}-\d{2}-\d{2}/.test(raw)) return undefined;
  const t = Date.parse(raw);
  return Number.isNaN(t) ? undefined : t;
}

const LEVELS: Record<number, string> = { 10: 'TRACE', 20: 'DEBUG', 30: 'INFO', 40: 'WARN', 50: 'ERROR', 60: 'FATAL' };
const TIME_KEYS = ['time', 'timestamp', 'ts', '@timestamp'];
const LEVEL_KEYS = ['level', 'severity', 'levelname'];
const MESSAGE_KEYS = ['msg', 'message'];

/** One log line for a person: a JSON object becomes `time LEVEL message key=value …`; anything else stays as it is. */
export function formatLine(message: string, timestamp: number): string {
  const text = message.replace(/\n$/, '');
  let data: unknown;
  try {
    data = text.trimStart().startsWith('{') ? JSON.parse(text) : undefined;
  } catch { /* not JSON: shown as it is */ }
  const when = new Date(timestamp).toISOString();
  if (!data || typeof data !== 'object' || Array.isArray(data)) return `${when} ${text}`;
  const fields = { ...(data as Record<string, unknown>) };
  const take = (keys: string[]) => {
    for (const k of keys) {
      if (k in fields) {
        const v = fields[k];
        delete fields[k];
        return v;
      }
    }
    return undefined;
  };
  const time = take(TIME_KEYS);
  const level = take(LEVEL_KEYS);
  const msg = take(MESSAGE_KEYS);
  const levelText = typeof level === 'number' ? LEVELS[level] ?? String(level) : level === undefined ? '-' : String(level).toUpperCase();
  const timeText = typeof time === 'string' ? time : typeof time === 'number' ? new Date(time > 1e12 ? time : time * 1000).toISOString() : when;
  const rest = Object.entries(fields).map(([k, v]) => `${k}=${typeof v === 'string' && !/\s/.test(v) ? v : JSON.stringify(v)}`);
  return [timeText, levelText.padEnd(5), msg === undefined ? '' : String(msg), ...rest].filter((p) => p !== '').join(' ');
}

async function logs(run: Run): Promise<number> {
  const { target, config, io, region, flags } = run;
  const since = typeof flags.since === 'string' ? parseSince(flags.since) : undefined;
  if (typeof flags.since === 'string' && since === undefined) {
    throw new UsageError(`--since ${flags.since}: give a duration before now (30s, 10m, 2h, 1d) or a date and time (2026-12-01T10:00Z).`);
  }
  if (flags['service-log'] === true && target.platformLogInstead) {
    throw new UsageError(`--service-log: ${target.platformLogInstead}\nThe app's log: ${run.tool('logs')}\nDeployments: ${run.tool('status')}`);
  }
  const view = await target.describe();
  if (!view) {
    io.stdout.write(`${config.service.name} is not deployed in ${region} yet, so it has no logs. Deploy it with:\n  ${run.tool('deploy')}\n`);
    return 0;
  }
  const platform = flags['service-log'] === true;
  const group = platform ? view.logGroups.platform : view.logGroups.application;
  if (!group) {
    io.stderr.write(`${target.label} names no log group for ${config.service.name} yet (it does once the service has a configuration). `
      + `Try again in a minute; the console shows it: ${view.consoleUrl}\n`);
    return 0;
  }
  const follow = flags.follow === true;
  const json = flags.json === true;
  const timing = timingFrom(io.env);
  const pollMs = Math.min(timing.pollMs, FOLLOW_POLL_MAX_MS);
  const print = (e: { message?: string; timestamp?: number }) =>
    io.stdout.write(`${json ? (e.message ?? '').replace(/\n$/, '') : formatLine(e.message ?? '', e.timestamp ?? 0)}\n`);

  let told = false;
  while (!(await target.logs.logGroupExists(group))) {
    if (!told) {
      io.stderr.write(`The log group ${group} does not exist yet: ${target.label} creates it when the `
        + `${platform ? 'service has its first deployment event' : 'app first writes to stdout or stderr (it has not started, or has printed nothing)'}.`
        + `${follow ? ' Waiting for it (Ctrl-C to stop)…' : ` Try again in a minute, or follow it with:\n  ${run.tool(`logs${platform ? ' --service-log' : ''} --follow`)}`}\n`);
      told = true;
    }
    if (!follow) return 0;
    await sleep(pollMs, run.signal);
  }

  let start = since ?? Date.now() - RECENT_MS;
  const seen = new Set<string>();
  const batch: { message?: string; timestamp?: number; eventId?: string }[] = [];
  for (let token: string | undefined, first = true; first || token; first = false) {
    const page = await target.logs.filterLogEvents(group, start, token);
    batch.push(...page.events);
    token = page.nextToken;
  }
  batch.sort((a, b) => (a.timestamp ?? 0) - (b.timestamp ?? 0));
  const shown = since === undefined ? batch.slice(-RECENT_LINES) : batch;
  if (!shown.length && !follow) io.stderr.write(`No log lines in ${group} ${since === undefined ? 'in the last hour' : `since ${new Date(since).toISOString()}`}.\n`);
  for (const e of shown) print(e);
  for (const e of batch) if (e.eventId) seen.add(e.eventId);
  if (batch.length) start = batch[batch.length - 1]!.timestamp ?? start;
  while (follow) {
    await sleep(pollMs, run.signal);
    const fresh: typeof batch = [];
    for (let token: string | undefined, first = true; first || token; first = false) {
      const page = await target.logs.filterLogEvents(group, start, token);
      fresh.push(...page.events.filter((e) => !e.eventId || !seen.has(e.eventId)));
      token = page.nextToken;
    }
    fresh.sort((a, b) => (a.timestamp ?? 0) - (b.timestamp ?? 0));
    for (const e of fresh) {
      print(e);
      if (e.eventId) seen.add(e.eventId);
      start = Math.max(start, e.timestamp ?? start);
    }
  }
  return 0;
}
