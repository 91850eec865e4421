// Builds, tests and starts the generated Ruby (Sinatra 4 + Puma) app with the README's own commands, on
// Ruby 3.3 from Debian 13. rubygems.org cannot be reached from the CI machines and Debian 12's Ruby is 3.1,
// so .ci/toolchains/ruby.sh makes a Debian 13 (trixie) root with Debian's Ruby 3.3 and Debian's packaged
// gems (Sinatra 4.1, Puma 6.6, Rack 3.1, rack-test 2.2, minitest 5.25, rake 13.2), which the generated
// Gemfile allows as it is. Every command runs inside that root (test/apps/ruby-root.sh), in the app's
// folder. The app and its Gemfile are not changed.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { type AppRecipe, toolchainDir } from '../recipe.js';

const IN_ROOT = ['bash', join(import.meta.dirname, '..', 'ruby-root.sh')];

/** The trixie root ruby.sh recorded. */
function root(): string {
  const record = join(toolchainDir('ruby'), 'root');
  const dir = existsSync(record) ? readFileSync(record, 'utf8').trim() : '';
  if (!dir || !existsSync(join(dir, '.complete'))) {
    throw new Error(`ruby recipe: no Debian 13 root recorded in ${record}; run \`bash .ci/toolchains/ruby.sh\` first`);
  }
  return dir;
}

export const recipe: AppRecipe = {
  runtime: 'ruby',
  // Tests run as root here; Bundler would print a warning about it on every command.
  env: () => ({ CAA_RUBY_ROOT: root(), BUNDLE_SILENCE_ROOT_WARNING: '1' }),
  // README: `bundle install`. --local resolves against the installed gems only: plain `bundle install`
  // would ask rubygems.org first. Debian's gems are system-wide, so no vendor path is set.
  build: [[...IN_ROOT, 'bundle', 'install', '--local']],
  // The lock Bundler wrote names what the app runs on: Ruby >= 3.3 (the Gemfile's `ruby` line) and Sinatra 4.
  verifyBuild: (dir) => {
    const lock = readFileSync(join(dir, 'Gemfile.lock'), 'utf8');
    const ruby = /^RUBY VERSION\n\s+ruby (\d+)\.(\d+)/m.exec(lock);
    if (!ruby || Number(ruby[1]) * 100 + Number(ruby[2]) < 303)
      throw new Error(`ruby recipe: the lock names no Ruby >= 3.3:\n${lock}`);
    if (!/^ {4}sinatra \(4\./m.test(lock)) throw new Error(`ruby recipe: the lock names no Sinatra 4:\n${lock}`);
  },
  test: [...IN_ROOT, 'bundle', 'exec', 'rake', 'test'],
  // ruby-root.sh execs down to `bundle exec`, which loads Puma in the same process: SIGTERM reaches Puma.
  start: [...IN_ROOT, 'bundle', 'exec', 'puma', '-C', 'config/puma.rb'],
};
