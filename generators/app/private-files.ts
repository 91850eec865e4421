// A folder an app must never be written into, even with --force: the home directory, or any folder that
// holds keys or credentials (.ssh, .aws, .gnupg, key files). The scaffold's first commit and a `COPY . .`
// in an image would otherwise carry them off; a new folder for the app is always the better place.
import { lstatSync, readdirSync, realpathSync } from 'node:fs';
import { homedir } from 'node:os';

/** Folders that hold credentials or keys (ssh, AWS, GnuPG, kubectl, Docker logins, the GitHub CLI). */
const PRIVATE_DIRS = ['.ssh', '.aws', '.gnupg', '.kube', '.docker', '.config/gh', '.password-store'];
/** Private keys and credential stores by name: ssh's id_* keys, PEM and key files, PKCS#12, PuTTY, .netrc. */
const KEY_FILE = /^(id_(rsa|dsa|ecdsa|ed25519)(_sk)?|.*\.(pem|key|p12|pfx|ppk|kdbx)|\.netrc|\.pgpass)$/i;

const real = (path: string) => {
  try {
    return realpathSync(path);
  } catch {
    return undefined;
  }
};

const exists = (path: string) => {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
};

/** Why `directory` must not take an app, or undefined. Only an existing folder can be one. */
export function privateFolderProblem(directory: string, label: string, home = homedir()): string | undefined {
  const here = real(directory);
  if (!here) return undefined;
  const fix = 'Make the app in a new folder instead, e.g. create-apprunner-app my-api (--force does not change this).';
  if (home && here === real(home)) {
    return `"${label}" is your home directory: its private files (keys, credentials, documents) would go into the app's first commit and its image. ${fix}`;
  }
  const dirs = PRIVATE_DIRS.filter((d) => exists(`${here}/${d}`));
  let keys: string[];
  try {
    keys = readdirSync(here)
      .filter((name) => KEY_FILE.test(name))
      .sort();
  } catch {
    return undefined; // not a readable folder: the folder checks say so
  }
  const found = [...dirs.map((d) => `${d}/`), ...keys];
  if (!found.length) return undefined;
  const shown = found.slice(0, 5).join(', ') + (found.length > 5 ? ` and ${found.length - 5} more` : '');
  return `"${label}" holds keys or credentials (${shown}): an app written here could carry them into its first commit and its image. ${fix}`;
}
