// An app this tool already wrote, recognised by the choices it stored in `.yo-rc.json`. Running the
// same command again into it finishes what an interrupted run left (install, first commit) instead of
// refusing the folder or, with --force, overwriting the user's edits.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { Values } from '../core/options.js';

export const STORE_KEY = 'create-apprunner-app';

/** The stored choices of the app in `directory`, or undefined when it is not one of ours. */
export function storedChoices(directory: string): Partial<Values> | undefined {
  try {
    const stored = (JSON.parse(readFileSync(join(directory, '.yo-rc.json'), 'utf8')) as Record<string, unknown>)[
      STORE_KEY
    ];
    if (!stored || typeof stored !== 'object') return undefined;
    // Only strings are values; anything else in the file is ignored rather than trusted.
    return Object.fromEntries(Object.entries(stored).filter(([, v]) => typeof v === 'string')) as Partial<Values>;
  } catch {
    return undefined;
  }
}

/**
 * The stored choices when the folder holds our app and nothing given now contradicts them (the same
 * command run again); undefined otherwise, and the folder is treated like any non-empty folder.
 */
export function resumable(directory: string, given: Partial<Values>): Partial<Values> | undefined {
  const stored = storedChoices(directory);
  if (!stored) return undefined;
  const clash = (Object.keys(given) as (keyof Values)[]).some(
    (k) => k !== 'directory' && stored[k] !== undefined && stored[k] !== given[k],
  );
  return clash ? undefined : stored;
}
