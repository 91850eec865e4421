// `create-apprunner-app logs`: the app's log (or, with --service-log, the platform's own events) from
// CloudWatch Logs. Our apps log one JSON object a line: shown as time, level, message, then the other
// fields, unless --json passes every line through unchanged. --follow polls until Ctrl-C, which ends it
// with exit 0 (stopping is how following is meant to end).
import { sleep } from '../aws/poll.js';
import { UsageError } from '../core/errors.js';
import { formatLine } from '../core/log-line.js';
import { readSince, rideOutThrottling } from '../core/since.js';
import { safeJsonLine } from '../core/terminal.js';
import { timingFrom } from '../platforms/shared/settings.js';
import { type Flags, operate, type Run } from './run.js';

/** Without --since: the last hour, at most this many lines. */
const RECENT_MS = 60 * 60_000;
const RECENT_LINES = 200;
const FOLLOW_POLL_MAX_MS = 2_000;

export const runLogs = (flags: Flags) => operate('logs', flags, logs, { sigintExit: flags.follow === true ? 0 : 130 });

export { formatLine } from '../core/log-line.js';
export { parseSince } from '../core/since.js';

async function logs(run: Run): Promise<number> {
  const { platform, config, io, region, flags, live } = run;
  const logs = platform.logsOf(live.clients);
  const read = typeof flags.since === 'string' ? readSince(flags.since) : undefined;
  if (read && 'error' in read) throw new UsageError(read.error);
  const since = read?.start;
  if (flags['service-log'] === true && platform.platformLogInstead) {
    throw new UsageError(
      `--service-log: ${platform.platformLogInstead}\nThe app's log: ${run.tool('logs')}\nDeployments: ${run.tool('status')}`,
    );
  }
  const view = await platform.describeLive(live);
  const platformLog = flags['service-log'] === true;
  const groups = view?.logGroups ?? (await platform.keptLogGroups(live));
  const group = platformLog ? groups.platform : groups.application;
  if (!view && !group) {
    io.stdout.write(
      `${config.service.name} is not deployed in ${region} yet, so it has no logs. Deploy it with:\n  ${run.tool('deploy')}\n`,
    );
    return 0;
  }
  // Deleted: the service is gone, its log groups are kept (delete says so); they are still worth reading.
  if (!view)
    io.stderr.write(
      `${config.service.name} is no longer deployed in ${region} (it was deleted); its log is kept: ${group}\n`,
    );
  if (!group) {
    io.stderr.write(
      `${platform.shortLabel} names no log group for ${config.service.name} yet (it does once the service has a configuration). ` +
        `Try again in a minute; the console shows it: ${view?.consoleUrl}\n`,
    );
    return 0;
  }
  const follow = flags.follow === true;
  const json = flags.json === true;
  const timing = timingFrom(io.env);
  const pollMs = Math.min(timing.pollMs, FOLLOW_POLL_MAX_MS);
  const print = (e: { message?: string; timestamp?: number }) =>
    io.stdout.write(`${json ? safeJsonLine(e.message ?? '') : formatLine(e.message ?? '', e.timestamp ?? 0)}\n`);

  let told = false;
  while (!(await logs.logGroupExists(group))) {
    if (!told) {
      io.stderr.write(
        `The log group ${group} does not exist yet: ${platform.shortLabel} creates it when the ` +
          `${platformLog ? 'service has its first deployment event' : 'app first writes to stdout or stderr (it has not started, or has printed nothing)'}.` +
          `${follow ? ' Waiting for it (Ctrl-C to stop)…' : ` Try again in a minute, or follow it with:\n  ${run.tool(`logs${platformLog ? ' --service-log' : ''} --follow`)}`}\n`,
      );
      told = true;
    }
    if (!follow) return 0;
    await sleep(pollMs, run.signal);
  }

  let start = since ?? Date.now() - RECENT_MS;
  const seen = new Set<string>();
  const batch: { message?: string; timestamp?: number; eventId?: string }[] = [];
  for (let token: string | undefined, first = true; first || token; first = false) {
    const page = await logs.filterLogEvents(group, start, token);
    batch.push(...page.events);
    token = page.nextToken;
  }
  batch.sort((a, b) => (a.timestamp ?? 0) - (b.timestamp ?? 0));
  const shown = since === undefined ? batch.slice(-RECENT_LINES) : batch;
  if (!shown.length && !follow)
    io.stderr.write(
      `No log lines in ${group} ${since === undefined ? 'in the last hour' : `since ${new Date(since).toISOString()}`}.\n`,
    );
  for (const e of shown) print(e);
  for (const e of batch) if (e.eventId) seen.add(e.eventId);
  if (batch.length) start = batch[batch.length - 1]!.timestamp ?? start;
  while (follow) {
    await sleep(pollMs, run.signal);
    const fresh: typeof batch = [];
    for (let token: string | undefined, first = true; first || token; first = false) {
      const page = await rideOutThrottling(() => logs.filterLogEvents(group, start, token), {
        sleep,
        signal: run.signal,
        note: (l) => io.stderr.write(`${l}\n`),
      });
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
