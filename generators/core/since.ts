// `logs --since`: a duration before now (30s, 10m, 2h, 1d) or a date and time, read strictly. A value is
// accepted only when it names a real instant at or after the epoch and not in the future: 2026-02-30 is
// refused (Date.parse would roll it over to March 2), and so are 0001-01-01 and 100000000d (CloudWatch
// Logs' startTime is milliseconds since the epoch, so a negative one is no time at all).
// Also here: the backoff `logs --follow` uses to ride out throttling for as long as the person waits.

const UNIT_MS = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;
// ISO 8601 as people type it: a date, optionally a time (minutes, seconds, fractions), optionally a zone.
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/i;
const HINT = 'give a duration before now (30s, 10m, 2h, 1d) or a date and time (2026-12-01T10:00Z)';

const daysIn = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** The start time in ms since the epoch, or a sentence saying why the value is not one. */
export function readSince(raw: string, now = Date.now()): { start: number } | { error: string } {
  const text = raw.trim();
  const duration = /^(\d+)\s*(s|m|h|d)$/i.exec(text);
  if (duration) {
    const start = now - Number(duration[1]) * UNIT_MS[duration[2]!.toLowerCase() as keyof typeof UNIT_MS];
    if (!Number.isFinite(start) || start < 0)
      return {
        error: `--since ${raw} reaches back before 1970-01-01 (the start of the epoch): give a shorter duration.`,
      };
    return { start };
  }
  const m = DATE_TIME.exec(text);
  if (!m) return { error: `--since ${raw}: ${HINT}.` };
  const [year, month, day, hour = 0, minute = 0, second = 0] = [m[1], m[2], m[3], m[4], m[5], m[6]].map((v) =>
    v === undefined ? undefined : Number(v),
  ) as number[];
  if (
    month! < 1 ||
    month! > 12 ||
    day! < 1 ||
    day! > daysIn(year!, month!) ||
    hour > 23 ||
    minute > 59 ||
    second > 59
  ) {
    return {
      error: `--since ${raw} is not a real date and time (${year}-${m[2]} has ${month! >= 1 && month! <= 12 ? daysIn(year!, month!) : 'no such month and no'} days; hours 00-23, minutes and seconds 00-59).`,
    };
  }
  const zone = m[8];
  if (zone && !/^z$/i.test(zone) && (Number(zone.slice(1, 3)) > 23 || Number(zone.slice(-2)) > 59)) {
    return { error: `--since ${raw}: the time zone ${zone} is not one (+HH:MM, from -23:59 to +23:59, or Z).` };
  }
  // Date.parse reads the validated text; a date without a zone is UTC, a date and time without one local time.
  const normal = `${m[1]}-${m[2]}-${m[3]}${m[4] ? `T${m[4]}:${m[5]}:${m[6] ?? '00'}${m[7] ?? ''}${zone ? zone.toUpperCase().replace(/^([+-]\d{2})(\d{2})$/, '$1:$2') : ''}` : ''}`;
  const start = Date.parse(normal);
  if (!Number.isFinite(start)) return { error: `--since ${raw}: ${HINT}.` };
  if (start < 0)
    return {
      error: `--since ${raw} is before 1970-01-01 (the start of the epoch): CloudWatch Logs has nothing older.`,
    };
  if (start > now)
    return {
      error: `--since ${raw} is in the future (it is now ${new Date(now).toISOString()}): give a time before now.`,
    };
  return { start };
}

/** The start time, or undefined when the value is not a valid one (readSince says why). */
export function parseSince(raw: string, now = Date.now()): number | undefined {
  const read = readSince(raw, now);
  return 'start' in read ? read.start : undefined;
}

const THROTTLED =
  /^(Throttling(Exception)?|ThrottledException|TooManyRequestsException|RequestLimitExceeded|SlowDown|LimitExceededException)$/;

/** Throttling, however it reaches us: the SDK's error name, or our wrapper's `code`, or its `cause`. */
export function isThrottling(error: unknown): boolean {
  const e = error as {
    name?: string;
    code?: string;
    cause?: { name?: string };
    $metadata?: { httpStatusCode?: number };
  };
  return (
    [e?.name, e?.code, e?.cause?.name].some((n) => typeof n === 'string' && THROTTLED.test(n)) ||
    e?.$metadata?.httpStatusCode === 429
  );
}

export interface BackoffOptions {
  /** Waits, and rejects when the person stops (Ctrl-C): the only way the retries end. */
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  signal?: AbortSignal;
  /** Told once per throttled stretch, with the wait before the next try. */
  note?: (line: string) => void;
  isThrottled?: (error: unknown) => boolean;
  /** Random in [0, 1): the jitter keeps many followers from retrying in step. */
  random?: () => number;
}

/** The wait before retry `attempt` (0-based): 1 s doubling to at most 30 s, with "equal jitter". */
export function backoffMs(attempt: number, random: () => number = Math.random): number {
  const cap = Math.min(30_000, 1_000 * 2 ** Math.min(attempt, 15));
  return Math.round(cap / 2 + (cap / 2) * random());
}

/**
 * Runs `call`; while it fails with throttling, waits (backoffMs) and tries again, for as long as the
 * person waits. Any other error, or Ctrl-C (the sleep rejects), ends it.
 * https://docs.aws.amazon.com/sdkref/latest/guide/feature-retry-behavior.html
 */
export async function rideOutThrottling<T>(call: () => Promise<T>, options: BackoffOptions): Promise<T> {
  const throttled = options.isThrottled ?? isThrottling;
  for (let attempt = 0; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      if (!throttled(error) || options.signal?.aborted) throw error;
      const wait = backoffMs(attempt, options.random);
      if (attempt === 0)
        options.note?.(
          `AWS is throttling the log reads; trying again (every ${Math.round(wait / 1000)}s or more, up to 30s) until it answers or you press Ctrl-C.`,
        );
      await options.sleep(wait, options.signal);
    }
  }
}
