// Every user value that lands in a generated file goes through one of these, chosen for the file's
// format, so that the reader (a YAML 1.1 or 1.2 parser, JSON.parse, a compiler, a shell) reads back
// exactly the string that was given. Templates reach them as `q` (plan.ts templateContext), e.g.
// `SERVICE = <%- q.python(name) %>`; EJS's own `<%= %>` escapes for HTML and is wrong in every one of them.
// Each escapes everything outside printable ASCII, so the generated files are ASCII whatever the input.

const hex = (cp: number, width: number) => cp.toString(16).toUpperCase().padStart(width, '0');
const printableAscii = (cp: number) => cp >= 0x20 && cp <= 0x7e;

/** Applies `named` escapes, keeps other printable ASCII, and hands every other code point to `other`. */
function escapeEach(s: string, named: Record<string, string>, other: (cp: number, unit: string) => string): string {
  let out = '';
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if (named[ch] !== undefined) out += named[ch];
    else if (printableAscii(cp)) out += ch;
    else out += other(cp, ch);
  }
  return out;
}

/**
 * A YAML double-quoted scalar. YAML 1.1 and 1.2 share these escapes; quoting keeps `yes`, `off`, `1:30`,
 * `2001-12-14`, `0x1F`, `~` and leading or trailing spaces strings. https://yaml.org/spec/1.2.2/#57-escaped-characters
 */
export function yaml(s: string): string {
  return `"${escapeEach(s, { '"': '\\"', '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t' }, (cp) =>
    cp <= 0xff ? `\\x${hex(cp, 2)}` : cp <= 0xffff ? `\\u${hex(cp, 4)}` : `\\U${hex(cp, 8)}`,
  )}"`;
}

/** A JSON string, also a JavaScript string literal (JSON.stringify leaves U+2028/2029 and non-ASCII raw). */
export function json(s: string): string {
  return JSON.stringify(s).replace(/[\u007f-\uffff]/g, (c) => `\\u${hex(c.charCodeAt(0), 4).toLowerCase()}`);
}

export const js = json;

/** A Python str literal. https://docs.python.org/3/reference/lexical_analysis.html#escape-sequences */
export function python(s: string): string {
  return `"${escapeEach(s, { '"': '\\"', '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t' }, (cp) =>
    cp <= 0xff ? `\\x${hex(cp, 2)}` : cp <= 0xffff ? `\\u${hex(cp, 4)}` : `\\U${hex(cp, 8)}`,
  )}"`;
}

/** A Ruby double-quoted string: `#` is escaped too, or `#{...}`, `#@x`, `#$x` would interpolate. */
export function ruby(s: string): string {
  return `"${escapeEach(
    s,
    { '"': '\\"', '\\': '\\\\', '#': '\\#', '\n': '\\n', '\r': '\\r', '\t': '\\t' },
    (cp) => `\\u{${hex(cp, 1)}}`,
  )}"`;
}

/** A Go interpreted string literal (`\x` would be a byte, so non-ASCII uses `\u`/`\U`). https://go.dev/ref/spec#Rune_literals */
export function go(s: string): string {
  return `"${escapeEach(s, { '"': '\\"', '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t' }, (cp) =>
    cp < 0x80 ? `\\x${hex(cp, 2)}` : cp <= 0xffff ? `\\u${hex(cp, 4)}` : `\\U${hex(cp, 8)}`,
  )}"`;
}

/** A Rust string literal (no `\b`, `\f` or `\uXXXX` in Rust: `\u{…}`). https://doc.rust-lang.org/reference/tokens.html#string-literals */
export function rust(s: string): string {
  return `"${escapeEach(
    s,
    { '"': '\\"', '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t' },
    (cp) => `\\u{${hex(cp, 1)}}`,
  )}"`;
}

/**
 * A Java string literal. Java turns `\uXXXX` into characters before it reads the source, so `\u0022`
 * would end the string and `\u000a` break the line: characters below U+0100 use octal escapes,
 * which are read later, as part of the string. https://docs.oracle.com/javase/specs/jls/se21/html/jls-3.html#jls-3.3
 */
export function java(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const unit = s.charCodeAt(i);
    const ch = s[i]!;
    if (ch === '"' || ch === '\\') out += `\\${ch}`;
    else if (printableAscii(unit)) out += ch;
    else if (unit < 0x100) out += `\\${unit.toString(8).padStart(3, '0')}`;
    else out += `\\u${hex(unit, 4)}`; // UTF-16 units: a character above U+FFFF is its surrogate pair
  }
  return `"${out}"`;
}

/** One POSIX shell word: single quotes keep everything literal; a `'` closes, escapes and reopens. */
export function shell(s: string): string {
  return /^[\w./:=@%+-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

/**
 * A string value in a CloudFormation YAML template, kept literal. CloudFormation itself leaves `${…}` in a
 * plain string alone, but cfn-lint reports it (E1029, "embedded parameter outside of an Fn::Sub"), and an
 * `Fn::Sub` whose only `${` are escaped as `${!…}` is reported too (W1020, "Fn::Sub isn't needed"). So a
 * value holding `${` is written as `Fn::Join` on "$" of its pieces between the dollars: no piece holds
 * `${`, nothing is substituted, and the join is exactly the value.
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/intrinsic-function-reference-join.html
 */
export function cfn(s: string): string {
  return s.includes('${') ? `!Join ["$", [${s.split('$').map(yaml).join(', ')}]]` : yaml(s);
}

/** The escapers, as templates use them: `q.yaml(value)`. */
export const ESCAPERS = { yaml, json, js, python, ruby, go, rust, java, shell, cfn } as const;
