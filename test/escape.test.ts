// The escapers of generators/core/escape.ts, checked against the real readers: arbitrary strings
// (fast-check) are written as literals and read back by Python, Ruby, Go, Rust, Java, Node.js, sh and
// three YAML readers (yaml in 1.1 and 1.2 mode, PyYAML), all batched into one program per language.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import * as q from '../generators/core/escape.js';
import { codePoints, evaluate, type Language } from './helpers/literals.js';

// What trips each format: quotes, backslashes, Ruby's #{, Java's \u, YAML 1.1 scalars, line breaks.
const TRICKY = [
  '',
  ' ',
  ' padded ',
  'yes',
  'off',
  'y',
  'NO',
  '~',
  'null',
  '1:30',
  '2001-12-14',
  '0x1F',
  '0o17',
  '1_000',
  '.inf',
  '+1',
  '-',
  '${AWS::AccountId}',
  '#{`id`}',
  '#@x #$y',
  '\\u0022',
  '\\u000a',
  '\\',
  '"',
  "'",
  "it's",
  '\\n',
  '%s',
  '$HOME',
  '`id`',
  '$(id)',
  '\n',
  '\r\n',
  '\t',
  '\0',
  '\x7f',
  '\x85',
  '\xa0',
  '\u2028',
  '\u2029',
  '\ufeff',
  'é',
  '😀',
  '𝄞x',
  '\u{10ffff}',
  'a: b # c',
  '- x',
  '? k',
  '@x',
  '!tag',
  '*a',
  '&a',
];
const CHARS = fc.constantFrom(
  '"',
  '\\',
  '#',
  '{',
  '}',
  '$',
  'u',
  '0',
  'a',
  ' ',
  ':',
  "'",
  '\n',
  '\r',
  '\t',
  '\0',
  '\x7f',
  '\x85',
  '\u2028',
  '\ufeff',
  'é',
  '😀',
);
const STRING = fc.oneof(
  fc.constantFrom(...TRICKY),
  fc.string({ unit: CHARS, maxLength: 12 }),
  fc.string({ unit: 'binary', maxLength: 16 }),
  fc.string({ unit: 'binary-ascii', maxLength: 16 }),
);
/** No unpaired surrogate: such a string cannot be written as UTF-8 (nor typed, nor passed in argv). */
const wellFormed = (s: string) => !/[\uD800-\uDFFF]/.test(s.replace(/[\uD800-\uDBFF][\uDC00-\uDFFF]/g, ''));
const SAMPLES = [...TRICKY, ...fc.sample(STRING, { numRuns: 300, seed: 20261202 })].filter(wellFormed);

const CASES: [Language, (s: string) => string, (s: string) => boolean][] = [
  ['js', q.js, () => true],
  ['json', q.json, () => true],
  ['python', q.python, () => true],
  ['ruby', q.ruby, () => true],
  ['go', q.go, () => true],
  ['rust', q.rust, () => true],
  ['java', q.java, () => true],
  // argv cannot carry NUL: a shell word never holds one.
  ['shell', q.shell, (s) => !s.includes('\0')],
  ['yaml-1.1', q.yaml, () => true],
  ['yaml-1.2', q.yaml, () => true],
  ['pyyaml', q.yaml, () => true],
];

describe.each(CASES)('%s literals', (language, escape, applies) => {
  it(`read back exactly what was given (${SAMPLES.length} strings)`, async () => {
    const strings = SAMPLES.filter(applies);
    const literals = strings.map(escape);
    // Generated files stay ASCII (nothing depends on the reader's idea of the file's encoding); a shell
    // word keeps its characters as they are inside single quotes, where POSIX sh treats every byte literally.
    if (language !== 'shell') for (const literal of literals) expect(literal).toMatch(/^[\x20-\x7e]*$/);
    const back = await evaluate(language, literals);
    expect(back).toEqual(strings.map(codePoints));
  });
});
