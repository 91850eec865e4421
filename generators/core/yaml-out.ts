// The YAML the tool writes: block mappings and sequences of strings, numbers and booleans, with a comment
// above any key. Written here rather than with the YAML library, which every scaffold would otherwise
// load (its parser and stringifier are a third of what a scaffold runs); the library stays the one
// reader (deploy-config-file.ts), and the tests read everything written here back with it.
// Format: YAML 1.2 (https://yaml.org/spec/1.2.2/), the layout the library writes with lineWidth: 0.

/** Plain (unquoted) only where every YAML reader agrees it is this string: no YAML 1.1 booleans or nulls
 * (`yes`, `off`, `n`), nothing that starts like a number, date or sexagesimal (`0x1F`, `2001-12-14`, `1:30`). */
const PLAIN_SAFE = /^[A-Za-z/][A-Za-z0-9._/-]*$/;
const YAML_11_WORDS = /^(y|yes|n|no|true|false|on|off|null)$/i;
// The YAML library's 1.1 float pattern takes a bare exponent (`e0`, `E5`) for a number (NaN).
const EXPONENT = /^e[-+]?[0-9]/i;

/** True when a string must be double-quoted for every reader to read it back as that string. */
export const needsQuotes = (value: string) =>
  !PLAIN_SAFE.test(value) || YAML_11_WORDS.test(value) || EXPONENT.test(value);

// Outside YAML's printable set, or a line break a reader would fold: written as an escape. JSON's escapes
// (\" \\ \b \f \n \r \t \uXXXX) are all YAML double-quoted escapes too.
// eslint-disable-next-line no-control-regex -- control characters are what it escapes
const NOT_PRINTABLE = /[\u007f-\u009f\u2028\u2029\ufeff\ufffe\uffff]/g;

export function scalar(value: string | number | boolean): string {
  if (typeof value !== 'string') {
    if (typeof value === 'number' && !Number.isFinite(value)) throw new Error(`not a YAML number: ${value}`);
    return String(value);
  }
  if (!needsQuotes(value)) return value;
  return JSON.stringify(value).replace(NOT_PRINTABLE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

export type YamlValue = string | number | boolean | undefined | readonly YamlValue[] | { [key: string]: YamlValue };

const commentLines = (comment: string, indent: string) =>
  comment
    .split('\n')
    .map((line) => `${indent}#${line}\n`)
    .join('');

/**
 * `data` as a YAML document. `comments` maps a dotted key path (`source.autoDeploy`) to the comment put on
 * the line(s) above that key, each line after a `#` as given (so ' text' reads `# text`); `header` goes
 * first, with a blank line after it. Keys whose value is undefined are left out, as JSON does.
 */
export function toYaml(
  data: { [key: string]: YamlValue },
  comments: Readonly<Record<string, string>> = {},
  header?: string,
): string {
  const out: string[] = header === undefined ? [] : [commentLines(header, ''), '\n'];
  mapping(data, '', '', comments, out);
  return out.join('');
}

function mapping(
  data: { [key: string]: YamlValue },
  indent: string,
  path: string,
  comments: Readonly<Record<string, string>>,
  out: string[],
): void {
  for (const [key, value] of Object.entries(data)) {
    if (value === undefined) continue;
    const at = path ? `${path}.${key}` : key;
    const comment = Object.hasOwn(comments, at) ? comments[at] : undefined;
    if (comment !== undefined) out.push(commentLines(comment, indent));
    const head = `${indent}${scalar(key)}:`;
    if (Array.isArray(value)) {
      if (!value.length) out.push(`${head} []\n`);
      else {
        out.push(`${head}\n`);
        for (const item of value) {
          if (typeof item === 'object') throw new Error(`${at}: only scalars are written in a YAML list`);
          out.push(`${indent}  - ${scalar(item as string)}\n`);
        }
      }
    } else if (typeof value === 'object') {
      const entries = Object.entries(value).filter(([, v]) => v !== undefined);
      if (!entries.length) out.push(`${head} {}\n`);
      else {
        out.push(`${head}\n`);
        mapping(value as { [key: string]: YamlValue }, `${indent}  `, at, comments, out);
      }
    } else out.push(`${head} ${scalar(value)}\n`);
  }
}
