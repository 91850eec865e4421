// Java 21 (JDK HTTP server, Maven): the README's `mvn package` / `mvn test` / `java -jar`, adjusted only
// where this offline machine forces it (.ci/toolchains/java.sh checks for the JDK and Maven):
// - `-o`: no Maven repository is reachable; the app's plugins and JUnit come from the machine's
//   pre-seeded local repository (~/.m2/repository).
// - `-Dmaven.compiler.release=17`: Debian 12 has no JDK 21, only 17. The pom targets 21 but the code
//   uses no 21-only API directly (virtual threads are looked up at run time, with a pool on 17).
// - `-Dsurefire.version=3.2.5` (the pom pins 3.5.6): Debian's Maven is 3.8.7, which adds
//   plexus-utils 1.1 to plugins that do not declare it, and that jar is not in the local repository;
//   surefire 3.2.5 still depends on plexus-utils itself, so it resolves offline. Maven 3.9+ adds nothing.
import { spawnSync } from 'node:child_process';
import type { AppRecipe } from '../recipe.js';

const MIN_JAVA = 17;
const OFFLINE = ['-o', '-B', '-q', '-Dmaven.compiler.release=17', '-Dsurefire.version=3.2.5'];

/** Major version of the `java` on PATH (17 for `openjdk version "17.0.15"`), or undefined. */
function javaMajor(): number | undefined {
  const out = spawnSync('java', ['-version'], { encoding: 'utf8' });
  const match = /version "(\d+)/.exec(`${out.stderr ?? ''}${out.stdout ?? ''}`);
  return match ? Number(match[1]) : undefined;
}

export const recipe: AppRecipe = {
  runtime: 'java',
  env: () => {
    const major = javaMajor();
    if (major === undefined || major < MIN_JAVA || spawnSync('mvn', ['-v']).status !== 0) {
      throw new Error(`java recipe: needs java >= ${MIN_JAVA} and mvn on PATH; run \`bash .ci/toolchains/java.sh\` first`);
    }
    return {};
  },
  build: [['mvn', ...OFFLINE, '-DskipTests', 'package']],
  test: ['mvn', ...OFFLINE, 'test'],
  // java is the server process itself (no shell, no mvn), so SIGTERM reaches its signal handler.
  start: ['java', '-jar', 'target/app.jar'],
};
