// The terminal sanitizer, the log-line formatter and --since, as pure functions: property tests over
// arbitrary strings (no output can start an escape sequence), and the hostile cases from the probe.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { formatLine } from '../../generators/core/log-line.js';
import { backoffMs, parseSince, readSince, rideOutThrottling } from '../../generators/core/since.js';
import { quoteValue, safeJsonLine, safeLine, safeText } from '../../generators/core/terminal.js';

/** Anything a terminal acts on: C0 but tab and newline, DEL, C1 (ESC, CSI 0x9b, OSC 0x9d, DCS 0x90 among them). */
// eslint-disable-next-line no-control-regex -- the test looks for control characters
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;
const T = Date.parse('2026-12-02T03:04:05Z');
// Strings dense in controls and escape-sequence starts, plus full Unicode.
const hostile = fc.oneof(
  fc.string({ unit: 'binary' }),
  fc
    .array(
      fc.constantFrom(
        '\x1b',
        '\x1b[',
        '\x1b]52;c;',
        '\x07',
        '\x9b',
        '\x9d',
        '\x90',
        '\r',
        '\n',
        '\t',
        '\x7f',
        '\u202e',
        'a',
        ' ',
        '"',
        '\\',
        '{',
        '}',
      ),
    )
    .map((parts) => parts.join('')),
);

describe('terminal sanitizer', () => {
  it('never lets a control character through (property, every entry point)', () => {
    fc.assert(
      fc.property(hostile, (s) => {
        for (const out of [
          safeText(s),
          safeLine(s),
          safeJsonLine(s),
          quoteValue(s),
          formatLine(s, T),
          formatLine(JSON.stringify({ msg: s, [s]: s, level: s, time: s }), T),
        ]) {
          expect(out).not.toMatch(CONTROL);
        }
        expect(safeLine(s)).not.toMatch(/\n/);
        expect(formatLine(JSON.stringify({ msg: s, path: s }), T)).not.toMatch(/\n/);
      }),
      { numRuns: 2000 },
    );
  });

  it('shows every control visibly and keeps printable text as it is', () => {
    expect(safeLine('\x1b]52;c;aGk=\x07 \x1b[2J \x9b31m a\rb \x1b]8;;http://x\x1b\\link')).toBe(
      '\\x1b]52;c;aGk=\\x07 \\x1b[2J \\u009b31m a\\rb \\x1b]8;;http://x\\x1b\\link',
    );
    expect(safeText('line one\n\tline two\n')).toBe('line one\n\tline two\n');
    expect(safeLine('déjà vu 😀 "q"')).toBe('déjà vu 😀 "q"');
    expect(safeText('\u202eevil')).toBe('\\u202eevil');
  });

  it('keeps the escapes of a JSON line as written, and escapes raw controls the JSON way', () => {
    const line = '{"path":"/\\u001b]52;c;x\\u0007"}';
    expect(safeJsonLine(line)).toBe(line);
    expect(safeJsonLine('{"path":"/\x1b[2J"}\n')).toBe('{"path":"/\\u001b[2J"}');
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        const text = JSON.stringify(v);
        expect(JSON.parse(safeJsonLine(text))).toEqual(JSON.parse(text));
      }),
    );
  });
});

describe('log lines from outside', () => {
  it('quotes a value that holds anything but printable text, so the escape shows', () => {
    const out = formatLine(JSON.stringify({ level: 'info', msg: 'request', path: '/\x1b]52;c;aGk=\x07' }), T);
    expect(out).toBe('2026-12-02T03:04:05.000Z INFO  request path="/\\u001b]52;c;aGk=\\u0007"');
    expect(formatLine(JSON.stringify({ msg: 'a\x1b[2Jb' }), T)).toBe('2026-12-02T03:04:05.000Z -     "a\\u001b[2Jb"');
    expect(formatLine('plain \x1b[2J\r', T)).toBe('2026-12-02T03:04:05.000Z plain \\x1b[2J\\r');
  });

  it('survives a line nested 5000 deep (shown as it is, no recursion)', () => {
    const deep = `{"a":${'['.repeat(5000)}${']'.repeat(5000)}}`;
    expect(formatLine(deep, T)).toBe(`2026-12-02T03:04:05.000Z ${deep}`);
    const deepObject = `${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}`;
    expect(formatLine(deepObject, T).length).toBe(deepObject.length + 25);
  });
});

describe('--since', () => {
  it('accepts real dates and durations', () => {
    expect(parseSince('10m', T)).toBe(T - 600_000);
    expect(parseSince('2026-02-28', T)).toBe(Date.parse('2026-02-28T00:00:00Z'));
    expect(parseSince('2024-02-29T10:00Z', T)).toBe(Date.parse('2024-02-29T10:00:00Z'));
    expect(parseSince('2026-12-01T10:00:30.5+02:00', T)).toBe(Date.parse('2026-12-01T08:00:30.500Z'));
    expect(parseSince('1970-01-01T00:00Z', T)).toBe(0);
    expect(parseSince('0s', T)).toBe(T);
  });

  it('refuses what is not a real instant, before the epoch, or in the future, and says which', () => {
    const error = (raw: string) => (readSince(raw, T) as { error?: string }).error ?? '';
    expect(error('2026-02-30T10:00Z')).toMatch(/not a real date.*2026-02 has 28 days/);
    expect(error('2025-02-29')).toMatch(/not a real date/);
    expect(error('2026-13-01')).toMatch(/not a real date/);
    expect(error('2026-12-01T24:00Z')).toMatch(/not a real date/);
    expect(error('0001-01-01')).toMatch(/before 1970/);
    expect(error('100000000d')).toMatch(/before 1970/);
    expect(error(`${'9'.repeat(400)}s`)).toMatch(/before 1970/);
    expect(error('2027-01-01')).toMatch(/in the future/);
    expect(error('2026-12-01T10:00+25:00')).toMatch(/time zone/);
    for (const bad of ['yesterday', '10', '5w', '', '2026-1-1', '+10m', '-10m'])
      expect(parseSince(bad, T)).toBeUndefined();
  });
});

describe('riding out throttling (logs --follow)', () => {
  const throttled = () => Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' });

  it('retries throttling with growing waits, for as long as it takes, and returns the answer', async () => {
    let calls = 0;
    const waits: number[] = [];
    const notes: string[] = [];
    const result = await rideOutThrottling(
      async () => {
        if (++calls <= 40) throw throttled();
        return 'page';
      },
      { sleep: async (ms) => void waits.push(ms), note: (l) => notes.push(l), random: () => 0.5 },
    );
    expect(result).toBe('page');
    expect(calls).toBe(41);
    expect(waits.slice(0, 6)).toEqual([750, 1500, 3000, 6000, 12000, 22500]);
    expect(Math.max(...waits)).toBeLessThanOrEqual(30_000);
    expect(notes).toHaveLength(1);
  });

  it('ends on any other error, and on Ctrl-C (the sleep rejects)', async () => {
    await expect(
      rideOutThrottling(
        async () => {
          throw new Error('AccessDenied');
        },
        { sleep: async () => {} },
      ),
    ).rejects.toThrow('AccessDenied');
    const controller = new AbortController();
    const run = rideOutThrottling(
      async () => {
        throw throttled();
      },
      {
        signal: controller.signal,
        sleep: (_ms, signal) =>
          new Promise((_, reject) => signal!.addEventListener('abort', () => reject(new Error('cancelled')))),
      },
    );
    await new Promise((r) => setTimeout(r, 20)); // the first try has failed and its wait has begun
    controller.abort();
    await expect(run).rejects.toThrow('cancelled');
    for (let i = 0; i < 100; i++) expect(backoffMs(i)).toBeLessThanOrEqual(30_000);
  });
});
