// Whether the app's folder can be written. Used by the generator and, before anything is asked, by the
// bin (which imports it from here: imports point from cli down to app and core, never up).
import { existsSync, readdirSync, statSync } from 'node:fs';

/** Whether the target can be written: missing or empty (a lone .git counts as empty), or --force. */
export function checkTarget(directory: string, label: string, force: boolean): string | undefined {
  if (!existsSync(directory)) return undefined;
  if (!statSync(directory).isDirectory()) {
    return `"${label}" exists and is not a folder. Choose another directory name.`;
  }
  const entries = readdirSync(directory).filter((e) => e !== '.git').sort();
  if (entries.length === 0 || force) return undefined;
  const shown = entries.slice(0, 10).map((e) => `  ${e}`).join('\n');
  const more = entries.length > 10 ? `\n  … and ${entries.length - 10} more` : '';
  return `The folder "${label}" is not empty:\n${shown}${more}\n`
    + 'Choose a new folder, or pass --force to write into it and overwrite files that conflict.';
}
