// A file-system error as one sentence that names the path and what to do, instead of a stack trace.
// A path the user can fix is a usage error (exit 2); a full disk or a failing device is a failure (1).
import { CliError, UsageError } from '../core/errors.js';

const FIXES: Record<string, [why: string, fix: string, usage: boolean]> = {
  EACCES: ['permission denied', 'Choose a folder you can write to, or fix its permissions', true],
  EPERM: ['operation not permitted', 'Choose a folder you can write to, or fix its permissions', true],
  EROFS: ['the file system is read-only', 'Choose a folder on a writable disk', true],
  ENOENT: ['a folder on the way does not exist (or was removed while writing)', 'Check the path and run again', true],
  ENOTDIR: ['a part of the path is a file, not a folder', 'Check the path, or move that file away', true],
  ELOOP: ['it goes round a loop of symbolic links', 'Remove the looping link, or choose another folder', true],
  ENAMETOOLONG: [
    'the path is longer than the system allows',
    'Choose a shorter folder name or a folder nearer the root',
    true,
  ],
  EEXIST: ['something else created it while we were writing', 'Run again, or choose another folder', true],
  ENOTEMPTY: ['another program wrote into it while we were writing', 'Run again, or choose another folder', true],
  EXDEV: ['the folder spans two file systems', 'Choose a folder that is not a mount point', true],
  ENOSPC: ['no space is left on the device', 'Free some space and run again', false],
  EDQUOT: ['the disk quota is used up', 'Free some space and run again', false],
  EIO: ['the device reported an I/O error', 'Check the disk and run again', false],
};

/** A path as it fits in a sentence: the middle of a very long one left out. */
export const shortPath = (path: string) => (path.length > 90 ? `${path.slice(0, 40)}…${path.slice(-40)}` : path);

export function pathError(error: unknown, path: string): Error {
  if (error instanceof CliError) return error;
  const code = (error as NodeJS.ErrnoException)?.code ?? '';
  const known = FIXES[code];
  if (!known) return error as Error;
  const [why, fix, usage] = known;
  const message = `Cannot write "${shortPath(path)}": ${why} (${code}). Nothing was changed. ${fix}.`;
  return usage ? new UsageError(message) : new CliError(message, 1);
}
