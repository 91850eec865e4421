// Messages on a terminal stay within 100 columns (or the terminal's width, if narrower): prose wraps,
// commands do not. A pipe or a log file has no columns, and there a message stays one line per line
// it was written as, whole for grep. A line is only broken at a
// space, and never inside what a person would copy as one piece: a `code span`, a flag with its value
// (`--name ab-app`, `--cwd <dir>`), or a tool and the two words after it (`create-apprunner-app help
// create`). Lines that start with spaces are commands or listings set out on their own: left as they are.

export const MESSAGE_COLUMNS = 100;

const TOOLS = /^(create-apprunner-app(@\S+)?|npx|npm|pnpm|yarn|bun|aws|git|docker|buildah|cdk|cd)$/;

/** The words of a line, with the spaces that must not break it kept inside them. */
function pieces(line: string): string[] {
  const out: string[] = [];
  let inCode = false;
  let glue = 0; // how many more words join the previous piece
  for (const word of line.split(' ')) {
    const last = out.length - 1;
    if (last >= 0 && (inCode || glue > 0 || word === '')) {
      out[last] += ` ${word}`;
      glue = Math.max(0, glue - 1);
    } else out.push(word);
    if ((word.match(/`/g) ?? []).length % 2 === 1) inCode = !inCode;
    if (inCode) continue;
    const bare = word.replace(/^[("']+/, '');
    if (TOOLS.test(bare)) glue = 2;
    else if (/^--?[A-Za-z]/.test(bare) && !/[.,;:)]$/.test(bare) && !bare.includes('=')) glue = Math.max(glue, 1);
  }
  return out;
}

/** One line broken at spaces into lines of at most `columns` (a piece longer than that stays whole). */
function wrapLine(line: string, columns: number): string[] {
  if (line.length <= columns || /^\s/.test(line)) return [line];
  const lines: string[] = [];
  for (const piece of pieces(line)) {
    const current = lines.at(-1);
    if (current !== undefined && current.length + 1 + piece.length <= columns)
      lines[lines.length - 1] = `${current} ${piece}`;
    else lines.push(piece);
  }
  return lines;
}

/** A stream that may be a terminal (process.stderr, or a test's stand-in without isTTY). */
type Out = NodeJS.WritableStream & { isTTY?: boolean; columns?: number };

/** The message as `out` should show it: wrapped on a terminal, as it is anywhere else. */
export function forTerminal(text: string, out: Out): string {
  if (!out.isTTY) return text;
  return wrapMessage(text, Math.min(MESSAGE_COLUMNS, out.columns || MESSAGE_COLUMNS));
}

/** A message with every long prose line wrapped. */
export function wrapMessage(text: string, columns = MESSAGE_COLUMNS): string {
  return text
    .split('\n')
    .flatMap((line) => wrapLine(line, columns))
    .join('\n');
}
