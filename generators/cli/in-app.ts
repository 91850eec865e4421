// Inside a folder that already is one of our apps, a bare word is far more likely a mistyped command
// (`create-apprunner-app delet`) than the name of a new app to scaffold into it: stop and say which
// command was meant. Scaffolding a new app inside an existing one at all needs --force, or a yes on a terminal.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { STORE_KEY } from '../app/existing.js';
import { UsageError } from '../core/errors.js';
import { DEPLOY_CONFIG_FILE } from '../core/files.js';
import { editDistance } from '../core/validate.js';
import { COMMANDS, swapped } from './args.js';

const CHOICES_FILE = '.yo-rc.json';

/** The file that marks `dir` as one of our apps, or undefined. */
export function appMarker(dir: string): string | undefined {
  if (existsSync(join(dir, DEPLOY_CONFIG_FILE))) return DEPLOY_CONFIG_FILE;
  try {
    const data = JSON.parse(readFileSync(join(dir, CHOICES_FILE), 'utf8')) as Record<string, unknown>;
    if (data && typeof data === 'object' && STORE_KEY in data) return CHOICES_FILE;
  } catch {
    /* absent or not ours */
  }
  return undefined;
}

/** The command a word was probably meant to be. */
export function closestCommand(word: string): string | undefined {
  const w = word.toLowerCase();
  const ranked = COMMANDS.map((c) => ({ c, d: c.startsWith(w) && w.length >= 2 ? 0 : editDistance(w, c) })).sort(
    (x, y) => x.d - y.d,
  );
  return ranked[0] && ranked[0].d <= 2 ? ranked[0].c : undefined;
}

const isBareWord = (s: string) => /^[\w.-]+$/.test(s) && s !== '.' && s !== '..';

/**
 * Refuses (exit 2) what cannot be meant inside an app; returns a question to ask when a terminal can
 * answer it, or undefined when the run may go on.
 */
export function checkInsideApp(
  cwd: string,
  directory: string | undefined,
  force: boolean,
  interactive: boolean,
): string | undefined {
  const marker = appMarker(cwd);
  if (!marker || force) return undefined;
  const meant = directory !== undefined && isBareWord(directory) ? closestCommand(directory) : undefined;
  if (meant) {
    throw new UsageError(
      `"${directory}" is not a command. Did you mean: create-apprunner-app ${meant}\n` +
        `(This folder is already an app: it has ${marker}. To create a new app named "${directory}" inside it, add --force.)`,
    );
  }
  const what = directory === undefined ? 'a new app' : `a new app in "${directory}"`;
  if (interactive) return `This folder is already an app (it has ${marker}). Create ${what} inside it?`;
  throw new UsageError(
    `This folder is already an app (it has ${marker}), so ${directory === undefined ? 'nothing was created' : `"${directory}" was not taken as a new app's folder`}.\n` +
      `The commands for it are: ${COMMANDS.join(', ')} (create-apprunner-app <command> --help).\n` +
      `To create ${what} inside this one anyway, add --force.`,
  );
}

/**
 * Outside an app too, a bare word one slip from a command (`delet`, `stauts`) is far more likely the
 * command than the name of a new app: stop and say so. Only words of four letters or more; a path
 * (`./delet`) or --force is a folder.
 */
export function checkNotACommand(directory: string | undefined, force: boolean): void {
  if (directory === undefined || force || !isBareWord(directory) || directory.length < 4) return;
  const w = directory.toLowerCase();
  const meant = [...COMMANDS, 'help'].find((n) => n !== w && (editDistance(w, n) === 1 || swapped(w, n)));
  if (meant) {
    throw new UsageError(
      `"${directory}" is not a command. Did you mean: create-apprunner-app ${meant}\n` +
        `(To create a new app in a folder named "${directory}", write ./${directory} or add --force.)`,
    );
  }
}
