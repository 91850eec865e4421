// Builds, tests and starts the generated Ruby (Sinatra + Puma) app on this offline machine.
// rubygems.org is unreachable: the gems come from Debian packages installed by .ci/toolchains/ruby.sh
// (bookworm: Ruby 3.1, Sinatra 3.0.5, Puma 5.6.5, Rack 2.2, rack-test 2.0.2, minitest 5.17, rake 13.0.6).
// The app code uses only API that Sinatra 3 and 4, Rack 2 and 3 and Puma 5 to 8 share, so this tests the
// code users run with the current gems (also checked by hand on Sinatra 4.1 + Rack 3.1 + Puma 6.6).
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import type { AppRecipe } from '../recipe.js';

/** Gems the generated Gemfile must name; prepare() fails loudly if the template drifts from this list. */
const GEMS = ['puma', 'sinatra', 'minitest', 'rack-test', 'rake'];

export const recipe: AppRecipe = {
  runtime: 'ruby',
  env: () => {
    for (const tool of ['ruby', 'bundle']) {
      try {
        execFileSync(tool, ['--version'], { stdio: 'ignore' });
      } catch {
        throw new Error(`ruby recipe: \`${tool}\` is not on PATH; run \`bash .ci/toolchains/ruby.sh\` first`);
      }
    }
    // Tests run as root here; Bundler would print a warning about it on every command.
    return { BUNDLE_SILENCE_ROOT_WARNING: '1' };
  },
  prepare: (dir) => {
    const gemfile = join(dir, 'Gemfile');
    let text = readFileSync(gemfile, 'utf8');
    // The `ruby ">= 3.3"` line would reject Debian 12's Ruby 3.1.
    text = text.replace(/^ruby .*\n/m, '');
    // Version constraints (Puma 8, Sinatra 4, minitest 6, ...) name releases Debian does not ship: keep
    // each gem and drop its constraint, so Bundler takes the nearest version that is installed (above).
    for (const gem of GEMS) {
      const line = new RegExp(`^(\\s*gem "${gem}"),.*$`, 'm');
      if (!line.test(text)) throw new Error(`ruby recipe: Gemfile has no versioned \`gem "${gem}"\` line`);
      text = text.replace(line, '$1');
    }
    writeFileSync(gemfile, text);
    // A lock resolved against rubygems.org names versions that are not installed here.
    const lock = join(dir, 'Gemfile.lock');
    if (existsSync(lock)) rmSync(lock);
  },
  // README: `bundle install`. --local resolves against installed gems only; plain `bundle install`
  // would try rubygems.org. Gems are system-wide Debian packages, so no vendor path is set.
  build: [['bundle', 'install', '--local']],
  test: ['bundle', 'exec', 'rake', 'test'],
  start: ['bundle', 'exec', 'puma', '-C', 'config/puma.rb'],
};
