// Java 21 (JDK HTTP server, Maven): the README's `mvn package` / `mvn test` / `java -jar`, on a JDK >= 21
// and Maven 3.9 that .ci/toolchains/java.sh found or fetched and recorded (the machine's default `java`
// and `mvn` may be older). Nothing in
// the app is changed: it compiles with the pom's `maven.compiler.release` 21, and each request runs on a
// virtual thread, which the app's own tests check. Maven resolves plugins and JUnit from Maven Central.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { type AppRecipe, toolchainDir } from '../recipe.js';

export const MIN_JAVA = 21;

/** Major version of <home>/bin/java (25 for `openjdk version "25.0.3"`), or undefined. */
export function javaMajor(home: string): number | undefined {
  const out = spawnSync(join(home, 'bin', 'java'), ['-version'], { encoding: 'utf8' });
  const match = /version "(\d+)/.exec(`${out.stderr ?? ''}${out.stdout ?? ''}`);
  return match ? Number(match[1]) : undefined;
}

/** A folder java.sh recorded in <toolchain dir>/java/<name>, if it passes `ok`. */
function recorded(name: string, ok: (dir: string) => boolean): string {
  const record = join(toolchainDir('java'), name);
  const dir = existsSync(record) ? readFileSync(record, 'utf8').trim() : '';
  if (!dir || !ok(dir))
    throw new Error(`java recipe: nothing usable recorded in ${record}; run \`bash .ci/toolchains/java.sh\` first`);
  return dir;
}

export const recipe: AppRecipe = {
  runtime: 'java',
  env: () => {
    const home = recorded('java-home', (dir) => (javaMajor(dir) ?? 0) >= MIN_JAVA);
    const maven = recorded('maven-home', (dir) => existsSync(join(dir, 'bin', 'mvn')));
    const env: Record<string, string> = {
      JAVA_HOME: home,
      PATH: `${join(home, 'bin')}:${join(maven, 'bin')}:${process.env.PATH ?? ''}`,
    };
    // Debian's Maven 3.8 uses sun.misc.Unsafe, which JDK 23+ warns about on every run (JEP 471): allowed
    // quietly, as the JDK documents, so the log shows the app's own output.
    if ((javaMajor(home) ?? 0) >= 23) env.MAVEN_OPTS = '--sun-misc-unsafe-memory-access=allow';
    if (spawnSync('mvn', ['-v'], { env: { ...process.env, ...env } }).status !== 0) {
      throw new Error('java recipe: mvn does not run; run `bash .ci/toolchains/java.sh` first');
    }
    return env;
  },
  build: [['mvn', '-B', '-q', '-DskipTests', 'package']],
  // A class file's bytes 6-7 hold its format version: 65 is Java 21 (JVMS 4.1). A build for an older
  // release (which a JDK 17 would need) would not run the app as generated.
  verifyBuild: (dir) => {
    const bytes = readFileSync(join(dir, 'target', 'classes', 'com', 'example', 'app', 'App.class'));
    const version = bytes.readUInt16BE(6);
    if (version !== 44 + MIN_JAVA)
      throw new Error(
        `java recipe: App.class has class file version ${version}, not ${44 + MIN_JAVA} (Java ${MIN_JAVA})`,
      );
  },
  test: ['mvn', '-B', '-q', 'test'],
  contractGaps: {
    // The JDK's server reads the headers before any handler runs and, past sun.net.httpserver.maxReqHeaderSize,
    // throws an IOException that closes the connection without an answer (sun.net.httpserver.Request);
    // the limit holds, only the 431 is missing.
    oversizedHeaderCloses: 'the JDK HTTP server closes the connection past maxReqHeaderSize',
  },
  // java is the server process itself (no shell, no mvn), so SIGTERM reaches its shutdown hook.
  start: ['java', '-jar', 'target/app.jar'],
};
