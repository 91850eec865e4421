// Node.js (Express 5): the README's own commands, run with Node 22, the major App Runner's managed
// `nodejs22` runtime runs (this machine's own Node may be another major). .ci/toolchains/node.sh
// installs it from the npm registry (`npm install --prefix <dir> node@22`); npm itself comes from the
// machine and runs under whichever `node` is first on PATH, so it runs on Node 22 too.
import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';

import { type AppRecipe, toolchainDir } from '../recipe.js';

/** node_modules/.bin of the toolchain, where `node` is the real Node 22 binary (a symlink, no wrapper). */
function nodeBin(): string {
  const bin = join(toolchainDir('node'), 'node_modules', '.bin');
  if (!existsSync(join(bin, 'node'))) {
    throw new Error(`node recipe: no Node 22 at ${bin}; run \`bash .ci/toolchains/node.sh\` first`);
  }
  return bin;
}

export { nodeBin };

export const recipe: AppRecipe = {
  runtime: 'node',
  env: () => ({ PATH: `${nodeBin()}${delimiter}${process.env.PATH ?? ''}` }),
  // The npm registry is reachable here, so the user's `npm install` works as it is.
  build: [['npm', 'install', '--no-audit', '--no-fund']],
  test: ['npm', 'test'],
  // `node server.js` rather than `npm start`: npm would stand between the SIGTERM and the server.
  start: ['node', 'server.js'],
};
