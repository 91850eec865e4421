// Puts a rendered app on disk all at once or not at all. Every file is first written into a staging
// folder beside the target (same file system, so a rename moves it), checked, and only then moved into
// place; a failure or a signal at any point leaves the user's folder exactly as it was. Writes never go
// through a symbolic link, and a lock keeps two runs from mixing two apps in one folder.
import { createHash } from 'node:crypto';
import {
  closeSync,
  linkSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  realpathSync,
  renameSync,
  rmdirSync,
  rmSync,
  unlinkSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';

import { UsageError } from '../core/errors.js';
import { pathError, shortPath } from './path-errors.js';
import { privateFolderProblem } from './private-files.js';

export interface AppFiles {
  /** The target folder, absolute. */
  directory: string;
  /** The target as the user named it, for messages. */
  label: string;
  /** The folder the user ran in: nothing may be written outside it. */
  cwd: string;
  /** Path relative to the target (with "/") → contents. */
  files: ReadonlyMap<string, string | Buffer>;
  force: boolean;
}

export interface Committed {
  /** Files that replaced one of the user's, each kept as `<name>.orig…` next to it. */
  replaced: { file: string; keptAs: string }[];
}

/** What must be undone if the process is stopped now; empty once the commit has ended either way. */
let pending: (() => void) | undefined;

/** Removes the staging folder and the lock of a commit still running (for signal handlers). */
export function abandonPendingCommit(): void {
  const undo = pending;
  pending = undefined;
  undo?.();
}

/** Names of our own staging folders and locks: never the user's files. */
export const STAGING_PREFIX = '.create-apprunner-app-';

// PATH_MAX and NAME_MAX on Linux and macOS (in bytes); a path over them fails half-way, so refuse it first.
const PATH_MAX = 4095;
const NAME_MAX = 255;

export function commitApp(app: AppFiles): Committed {
  const { directory, label } = app;
  const privateFolder = privateFolderProblem(directory, label);
  if (privateFolder) throw new UsageError(privateFolder);
  checkLengths(app);
  const anchor = existingAncestor(directory);
  checkInside(app, anchor);
  const lock = takeLock(anchor, directory, label);
  let staging: string | undefined;
  pending = () => {
    if (staging) rmSync(staging, { recursive: true, force: true });
    releaseLock(lock);
  };
  try {
    const conflicts = checkTarget(app);
    try {
      staging = mkdtempSync(join(anchor, STAGING_PREFIX));
      // The staging folder mirrors the path from the anchor, so a new target arrives with one rename.
      const stagedRoot = join(staging, relative(anchor, directory));
      for (const [file, contents] of app.files) {
        const path = join(stagedRoot, file);
        mkdirSync(dirname(path), { recursive: true });
        writeFileSync(path, contents, { flag: 'wx' });
      }
      checkStaged(stagedRoot, app.files.size);
      // From here on everything is synchronous: a signal cannot land between two moves.
      return moveIntoPlace(app, anchor, staging, stagedRoot, conflicts);
    } catch (error) {
      throw pathError(error, label);
    }
  } finally {
    abandonPendingCommit();
  }
}

function checkLengths({ directory, label, files }: AppFiles): void {
  const longest = [...files.keys()].reduce((a, b) => (Buffer.byteLength(b) > Buffer.byteLength(a) ? b : a), '');
  // The staging copy sits one folder deeper (".create-apprunner-app-XXXXXX/"), so it is the longer of the two.
  const full = join(directory, '.create-apprunner-app-XXXXXX', longest);
  const tooLongName = full.split(sep).find((part) => Buffer.byteLength(part) > NAME_MAX);
  if (Buffer.byteLength(full) > PATH_MAX || tooLongName) {
    throw new UsageError(
      `The path "${shortPath(label)}" is too long: the app's files would pass the system's limit of ` +
        `${tooLongName ? `${NAME_MAX} bytes per name` : `${PATH_MAX} bytes per path`}. Choose a shorter folder name or a folder nearer the root.`,
    );
  }
}

/**
 * Where the staging folder and the lock go: the target itself when it exists (so `.` never writes
 * outside the current folder), else the deepest folder on the way to it that exists.
 */
function existingAncestor(directory: string): string {
  for (let dir = directory; ; dir = dirname(dir)) {
    try {
      lstatSync(dir);
      return dir;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw pathError(error, dir);
      if (dirname(dir) === dir) throw pathError(error, dir);
    }
  }
}

/** Links are followed here: a target (or a folder on the way) that leads outside the current folder is refused. */
function checkInside({ cwd, label }: AppFiles, anchor: string): void {
  let real: string;
  let realCwd: string;
  try {
    real = realpathSync(anchor);
    realCwd = realpathSync(cwd);
  } catch (error) {
    throw pathError(error, label);
  }
  const rel = relative(realCwd, real);
  if (rel.startsWith(`..${sep}`) || rel === '..' || rel.startsWith(sep)) {
    throw new UsageError(
      `The directory "${label}" leads outside the current folder through a symbolic link. ` +
        'Name a new folder inside it, e.g. create-apprunner-app my-api.',
    );
  }
}

/**
 * Looks at every path the app will write, without following links: a link or a file where a folder is
 * needed is refused; an existing file or link is a conflict that only --force may replace.
 */
function checkTarget({ directory, label, files, force }: AppFiles): string[] {
  const stat = (path: string) => {
    try {
      return lstatSync(path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw pathError(error, path);
    }
  };
  const top = stat(directory);
  if (!top) return [];
  if (top.isSymbolicLink()) {
    throw new UsageError(
      `"${label}" is a symbolic link. create-apprunner-app never writes through links: name a real folder.`,
    );
  }
  if (!top.isDirectory()) throw new UsageError(`"${label}" exists and is not a folder. Choose another directory name.`);
  const entries = readdirSync(directory).filter((e) => e !== '.git' && !e.startsWith(STAGING_PREFIX));
  if (entries.length > 0 && !force) throw new UsageError(notEmpty(label, entries.sort()));
  const conflicts: string[] = [];
  for (const file of files.keys()) {
    const parts = file.split('/');
    for (let i = 1; i < parts.length; i++) {
      const folder = parts.slice(0, i).join('/');
      const s = stat(join(directory, folder));
      if (!s) break;
      if (s.isSymbolicLink())
        throw new UsageError(
          `${label}/${folder} is a symbolic link, and the app writes ${file} below it. create-apprunner-app never writes through links: remove the link or choose another folder.`,
        );
      if (!s.isDirectory())
        throw new UsageError(
          `${label}/${folder} is a file, and the app needs a folder there (for ${file}). Move it away or choose another folder.`,
        );
    }
    const s = stat(join(directory, file));
    if (s?.isDirectory())
      throw new UsageError(
        `${label}/${file} is a folder, and the app writes a file there. Move it away or choose another folder.`,
      );
    if (s) conflicts.push(file);
  }
  return conflicts;
}

/**
 * The early answer, before any question: can this folder take a new app? Missing, or empty (a lone
 * .git counts as empty), or non-empty with --force. Links and odd paths get a sentence, not a stack.
 */
export function checkFolder(directory: string, label: string, force: boolean): string | undefined {
  let entries: string[];
  try {
    const s = lstatSync(directory);
    if (s.isSymbolicLink())
      return `"${label}" is a symbolic link. create-apprunner-app never writes through links: name a real folder.`;
    if (!s.isDirectory()) return `"${label}" exists and is not a folder. Choose another directory name.`;
    entries = readdirSync(directory).filter((e) => e !== '.git' && !e.startsWith(STAGING_PREFIX));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return undefined;
    if (code === 'ENOTDIR') return `A part of "${label}" is a file, not a folder. Check the path.`;
    return (pathError(error, label) as Error).message;
  }
  return entries.length === 0 || force ? undefined : notEmpty(label, entries.sort());
}

export function notEmpty(label: string, entries: string[]): string {
  const shown = entries
    .slice(0, 10)
    .map((e) => `  ${e}`)
    .join('\n');
  const more = entries.length > 10 ? `\n  … and ${entries.length - 10} more` : '';
  return (
    `The folder "${label}" is not empty:\n${shown}${more}\n` +
    'Choose a new folder, or pass --force to write into it (each file it replaces is kept as <name>.orig).'
  );
}

function checkStaged(root: string, expected: number): void {
  const count = (dir: string): number =>
    readdirSync(dir, { withFileTypes: true }).reduce((n, e) => n + (e.isDirectory() ? count(join(dir, e.name)) : 1), 0);
  const found = count(root);
  if (found !== expected) throw new Error(`staged ${found} files of ${expected}`);
}

function moveIntoPlace(
  app: AppFiles,
  anchor: string,
  staging: string,
  stagedRoot: string,
  conflicts: string[],
): Committed {
  const { directory } = app;
  if (anchor !== directory && !lstatExists(directory)) {
    // A new folder: its first missing component moves into place with one atomic rename.
    const first = relative(anchor, directory).split(sep)[0]!;
    renameSync(join(staging, first), join(anchor, first));
    return { replaced: [] };
  }
  // An existing (empty, or --force) folder: new files first, then the user's conflicting files, each
  // kept under a new name. Every step is recorded so a failure puts everything back.
  const undo: (() => void)[] = [];
  const replaced: Committed['replaced'] = [];
  const conflicting = new Set(conflicts);
  try {
    const ordered = [...app.files.keys()].sort((a, b) => Number(conflicting.has(a)) - Number(conflicting.has(b)));
    for (const file of ordered) {
      const dest = join(directory, file);
      for (const folder of missingFolders(directory, file)) {
        mkdirSync(folder);
        undo.push(() => rmdirSync(folder));
      }
      if (conflicting.has(file)) {
        const keptAs = freeName(dest);
        renameSync(dest, keptAs);
        undo.push(() => renameSync(keptAs, dest));
        replaced.push({ file, keptAs: relative(directory, keptAs).split(sep).join('/') });
      }
      renameSync(join(stagedRoot, file), dest);
      undo.push(() => unlinkSync(dest));
    }
  } catch (error) {
    for (const step of undo.reverse()) {
      try {
        step();
      } catch {
        /* put back all that can be */
      }
    }
    throw error;
  }
  return { replaced };
}

function lstatExists(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}

function missingFolders(root: string, file: string): string[] {
  const parts = file.split('/').slice(0, -1);
  const missing: string[] = [];
  for (let i = 1; i <= parts.length; i++) {
    const folder = join(root, ...parts.slice(0, i));
    if (!lstatExists(folder)) missing.push(folder);
  }
  return missing;
}

function freeName(path: string): string {
  for (let i = 0; ; i++) {
    const candidate = `${path}.orig${i ? `.${i}` : ''}`;
    if (!lstatExists(candidate)) return candidate;
  }
}

// ---- The lock: one run per target folder at a time --------------------------------------------

function takeLock(anchor: string, directory: string, label: string): string {
  const id = createHash('sha256').update(directory).digest('hex').slice(0, 12);
  const path = join(anchor, `${STAGING_PREFIX}${id}.lock`);
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      createWhole(path, String(process.pid));
      return path;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw pathError(error, label);
      const owner = lockOwner(path);
      if (owner === undefined) continue; // released between our link and our read: try again
      if (alive(owner)) {
        throw new UsageError(
          `Another create-apprunner-app (process ${owner}) is writing "${label}" right now. ` +
            'Wait for it to finish, or choose another folder.',
        );
      }
      rmSync(path, { force: true }); // left by a run that was killed: take it over
    }
  }
  throw new UsageError(`Could not lock "${label}" for writing. Try again.`);
}

/**
 * Creates `path` with its contents already in it, or fails with EEXIST. A lock opened empty and written
 * after would let a second run read "" in between, take the owner for dead and remove a live lock; a
 * hard link of a finished file appears all at once (link(2) fails if the name exists).
 */
function createWhole(path: string, contents: string): void {
  const draft = `${path}.${process.pid}.draft`;
  writeFileSync(draft, contents);
  try {
    linkSync(draft, path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EXDEV') throw error;
    // A file system without hard links: exclusive create, then write (the short window is the best it allows).
    const fd = openSync(path, 'wx');
    writeSync(fd, contents);
    closeSync(fd);
  } finally {
    rmSync(draft, { force: true });
  }
}

/** The pid in a lock, or undefined when the lock is already gone. */
function lockOwner(path: string): number | undefined {
  try {
    return Number(readFileSync(path, 'utf8'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

function alive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function releaseLock(path: string): void {
  rmSync(path, { force: true });
}
