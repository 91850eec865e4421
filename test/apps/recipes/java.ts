// Java 21 (JDK HTTP server, Maven): the README's `mvn package` / `mvn test` / `java -jar`, adjusted only
// where this offline machine forces it (.ci/toolchains/java.sh checks for the JDK and Maven):
// - `-o`: no Maven repository is reachable; the app's plugins and JUnit come from the machine's
//   pre-seeded local repository (~/.m2/repository).
// - `-Dsurefire.version=3.2.5` (the pom pins 3.5.6): Debian's Maven is 3.8.7, which adds
//   plexus-utils 1.1 to plugins that do not declare it, and that jar is not in the local repository;
//   surefire 3.2.5 still depends on plexus-utils itself, so it resolves offline. Maven 3.9+ adds nothing.
// - On a JDK older than 21 (Debian 12 ships only OpenJDK 17; bookworm and bookworm-backports have no
//   openjdk-21 package): the generated code is Java 21 and is left as it is, except for ONE line in the
//   test copy. prepare() swaps `Executors.newVirtualThreadPerTaskExecutor()` (the only Java 21 API the
//   app uses) for `Executors.newCachedThreadPool()`, which has the same contract (a new thread per task
//   when none is idle, no queue), and the build passes `-Dmaven.compiler.release=17`. So on 17 this
//   tests every route, the log, the shutdown hook and the exit code, but not virtual threads themselves;
//   on a JDK 21 nothing is swapped and the app is built exactly as users build it.
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import type { AppRecipe } from '../recipe.js';

const MIN_JAVA = 17;
const APP_JAVA = join('src', 'main', 'java', 'com', 'example', 'app', 'App.java');
const JAVA_21_CALL = 'Executors.newVirtualThreadPerTaskExecutor()';
const JAVA_17_STAND_IN = 'Executors.newCachedThreadPool()';

/** Major version of the `java` on PATH (17 for `openjdk version "17.0.15"`), or undefined. */
function javaMajor(): number | undefined {
  const out = spawnSync('java', ['-version'], { encoding: 'utf8' });
  const match = /version "(\d+)/.exec(`${out.stderr ?? ''}${out.stdout ?? ''}`);
  return match ? Number(match[1]) : undefined;
}

const below21 = () => (javaMajor() ?? 0) < 21;
// Maven resolves plugins and JUnit from Maven Central, which this machine kind reaches.
const mavenArgs = () => ['-B', '-q', '-Dsurefire.version=3.2.5', ...(below21() ? ['-Dmaven.compiler.release=17'] : [])];

export const recipe: AppRecipe = {
  runtime: 'java',
  env: () => {
    const major = javaMajor();
    if (major === undefined || major < MIN_JAVA || spawnSync('mvn', ['-v']).status !== 0) {
      throw new Error(
        `java recipe: needs java >= ${MIN_JAVA} and mvn on PATH; run \`bash .ci/toolchains/java.sh\` first`,
      );
    }
    return {};
  },
  prepare: (dir) => {
    if (!below21()) return;
    const file = join(dir, APP_JAVA);
    const text = readFileSync(file, 'utf8');
    const uses = text.split(JAVA_21_CALL).length - 1;
    if (uses !== 1)
      throw new Error(`java recipe: expected ${JAVA_21_CALL} once in ${APP_JAVA}, found it ${uses} times`);
    writeFileSync(file, text.replace(JAVA_21_CALL, JAVA_17_STAND_IN));
  },
  get build() {
    return [['mvn', ...mavenArgs(), '-DskipTests', 'package']];
  },
  get test() {
    return ['mvn', ...mavenArgs(), 'test'];
  },
  // java is the server process itself (no shell, no mvn), so SIGTERM reaches its shutdown hook.
  start: ['java', '-jar', 'target/app.jar'],
};
