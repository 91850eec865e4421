// How the end-to-end tests build, test and start one runtime's generated app with its real toolchain.
// The generated app's README gives the user's commands; a recipe may differ only where the machine
// forces it (a registry it cannot reach, a toolchain off PATH), and says why in a comment.
import { homedir } from 'node:os';
import { join } from 'node:path';

import type { RuntimeId } from '../../generators/core/runtimes.js';

export interface AppRecipe {
  runtime: RuntimeId;
  /** Extra environment for every command: toolchain PATH, caches (undefined removes a variable). Throws if the toolchain is missing. */
  env?: () => Record<string, string | undefined>;
  /** Adjusts the generated app for this machine before building; documents each change (no recipe needs one today). */
  prepare?: (dir: string) => Promise<void> | void;
  /** Commands run in order in the app's folder to install dependencies and build. */
  build: string[][];
  /** Where the CLI's own install ran instead of `build` (Node.js, Python): what still builds after it (tsc). */
  afterInstall?: string[][];
  /** Checks what the build produced against what the template asks for (e.g. the class file version); throws if it differs. */
  verifyBuild?: (dir: string) => void;
  /** The app's own tests. */
  test: string[];
  /** Starts the server in the foreground with PORT set; it must be (or exec) the server process so SIGTERM reaches it. */
  start: string[];
  /** Where the runtime's own server cannot meet a point of the HTTP contract (test/apps/contract.ts), and why. */
  contractGaps?: {
    /** The server closes the connection without an answer when the header block is too large. */
    oversizedHeaderCloses?: string;
  };
}

/** Where .ci/toolchains/*.sh keep what they install or fetch (the same rule as the scripts). */
export function toolchainDir(runtime: string): string {
  const root = process.env.CAA_TOOLCHAIN_DIR || join(homedir(), '.cache', 'create-apprunner-app', 'toolchains');
  return join(root, runtime);
}
