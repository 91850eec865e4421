// Node.js (Express 5, TypeScript): the README's commands on Node 22 (see node.ts): the CLI's own
// `npm install`, then `npm run build` (tsc to dist/), the tests (which compile again), and the compiled
// server started with node itself.
import type { AppRecipe } from '../recipe.js';
import { recipe as node } from './node.js';

export const recipe: AppRecipe = {
  ...node,
  afterInstall: [['npm', 'run', 'build']],
  build: [...node.build, ['npm', 'run', 'build']],
  // `node dist/src/server.js` rather than `npm start`: npm would stand between the SIGTERM and the server.
  start: ['node', 'dist/src/server.js'],
};
