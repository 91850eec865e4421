// Text from outside (log lines, AWS messages, names read from AWS, file names) made safe to print.
// A terminal obeys the control characters in what it is given: ESC starts CSI (clear the screen, move
// the cursor), OSC (OSC 52 writes the clipboard, OSC 8 makes a link), DCS, APC…; C1 controls (U+0080 to
// U+009F) start the same sequences on their own; `\r` overwrites a line. So every one of them is shown
// as a visible escape (`\x1b`, `\r`, `\u009b`) and the rest of the would-be sequence becomes plain text.
// Tab stays, and so does the newline of a multi-line message (`safeText`); a single line (`safeLine`)
// shows its inner newlines escaped. Bidi overrides and line/paragraph separators are escaped as well:
// they reorder or break what a person reads without being visible.
// https://invisible-island.net/xterm/ctlseqs/ctlseqs.html (C0, C1, CSI, OSC, DCS)

/** C0 (except tab and newline), DEL, C1, U+2028/2029, bidi embeddings, overrides and isolates, and lone surrogates. */
const UNSAFE =
  // eslint-disable-next-line no-control-regex -- finding control characters is this module's job
  /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const NAMED: Record<string, string> = {
  '\r': '\\r',
  '\n': '\\n',
  '\b': '\\b',
  '\f': '\\f',
  '\v': '\\v',
  '\u001b': '\\x1b',
};

function visible(ch: string): string {
  const named = NAMED[ch];
  if (named) return named;
  const cp = ch.charCodeAt(0);
  return cp < 0x80 ? `\\x${cp.toString(16).padStart(2, '0')}` : `\\u${cp.toString(16).padStart(4, '0')}`;
}

/** A (possibly multi-line) message: newlines and tabs stay, every other control is shown escaped. */
export function safeText(text: string): string {
  return String(text).replace(UNSAFE, (ch) => (ch === '\n' ? ch : visible(ch)));
}

/** One line: a newline that ends it is dropped, any other is shown as `\n`. */
export function safeLine(text: string): string {
  return String(text)
    .replace(/\r?\n$/, '')
    .replace(UNSAFE, visible);
}

/**
 * A JSON text passed through (`logs --json`): its own escapes (`\u001b`) stay as written, and a raw control
 * character (invalid in JSON, but a log line can hold anything) becomes the JSON escape for it.
 */
export function safeJsonLine(text: string): string {
  return String(text)
    .replace(/\r?\n$/, '')
    .replace(UNSAFE, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** True when the text is only printable characters (spaces allowed): safe and unambiguous as it is. */
export function isPrintable(text: string): boolean {
  UNSAFE.lastIndex = 0;
  return !UNSAFE.test(text) && !/[\t\n]/.test(text);
}

/** A value as a person reads it in `key=value`: bare when it is one printable word, else a quoted JSON string. */
export function quoteValue(text: string): string {
  if (text !== '' && isPrintable(text) && !/[\s"'=\\]/.test(text)) return text;
  return safeJsonLine(JSON.stringify(text));
}

/** How deeply a JSON text nests its arrays and objects, counted without parsing (no recursion). */
export function jsonDepth(text: string): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) max = Math.max(max, ++depth);
    else if (c === 0x7d || c === 0x5d) depth--;
  }
  return max;
}
