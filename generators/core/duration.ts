// Durations a person types for workshops (`--expires-in 8h`, `sweep --older-than 2d`), read strictly: a
// whole number and one unit, nothing else. `8 h`, `1.5h`, `8hours`, `-1h` and `0m` are refused with the
// format, so a typo never becomes "expire at once" or "sweep everything".

const UNIT_MS = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 7 * 86_400_000 } as const;
/** A year at most: a workshop service meant to live longer is not a workshop service. */
const MAX_MS = 366 * 86_400_000;
export const DURATION_FORMAT =
  'a whole number and a unit: 30m, 8h, 2d or 1w (minutes, hours, days, weeks; at most a year)';

/** Milliseconds, or a sentence naming the flag, the value and the format. */
export function readDuration(flag: string, raw: string): { ms: number } | { error: string } {
  const m = /^([1-9]\d{0,5})(m|h|d|w)$/.exec(raw);
  if (!m) return { error: `${flag} ${JSON.stringify(raw)} is not a duration: give ${DURATION_FORMAT}.` };
  const ms = Number(m[1]) * UNIT_MS[m[2] as keyof typeof UNIT_MS];
  if (ms > MAX_MS) return { error: `${flag} ${raw} is longer than a year: give ${DURATION_FORMAT}.` };
  return { ms };
}

/** "3h 20m", "2d 4h", "45m": an age or a time left, to the minute. */
export function humanDuration(ms: number): string {
  const minutes = Math.max(0, Math.floor(ms / 60_000));
  const d = Math.floor(minutes / 1440);
  const h = Math.floor((minutes % 1440) / 60);
  const m = minutes % 60;
  if (d) return h ? `${d}d ${h}h` : `${d}d`;
  if (h) return m ? `${h}h ${m}m` : `${h}h`;
  return `${m}m`;
}
