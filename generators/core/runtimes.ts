// The one table of runtimes. Prompts, --help, the file plan, the install step, the next steps, the CI
// workflow, the docs and the test matrix read it: adding a runtime is adding a row here and a folder
// under templates/; adding a framework to a runtime is adding a row to its `frameworks` and a folder
// templates/<runtime>-<framework>/. Nothing else branches on a runtime or framework id.
import { builtinModules } from 'node:module';

import { PACKAGE_MANAGERS, type PackageManager } from './package-manager.js';

export type RuntimeId = 'node' | 'python' | 'java' | 'go' | 'rust' | 'ruby';
export type SourceKind = 'code' | 'image';

/** A tool the app needs on the user's machine, and how to tell whether the one there is new enough. */
export interface Prerequisite {
  /** What to tell the user they need, e.g. "Ruby 3.3 or later (the Gemfile asks for it)". */
  need: string;
  /** Command that prints the version (stdout or stderr); a missing command or a non-zero exit means "not there". */
  check: string[];
  /** Pulls the version (e.g. "3.1.2") out of the output. */
  version: RegExp;
  /** Lowest version that works, compared part by part. */
  minimum: string;
}

/** One step of the generated GitHub Actions workflow, before the app's own install and test steps. */
export interface CiStep {
  comment?: string;
  name?: string;
  /** A key of CI_ACTIONS (the pinned action), or undefined for a `run` step. */
  uses?: string;
  with?: Record<string, string>;
  run?: string;
}

/** What differs between the frameworks of one runtime; everything else is the runtime's own row. */
interface VariantFields {
  /** The runtime and its framework, e.g. "Node.js (Express 5, TypeScript)". */
  label: string;
  /** Its folder under templates/ (holding app/, image/ and, for source builds, code/). */
  templates: string;
  commands: {
    /** Installs dependencies; the generator runs it after writing the files (unless --no-install). */
    install?: string;
    /** Builds the app (runtimes that fetch dependencies as they build have no install step). */
    build?: string;
    test: string;
    start: string;
  };
  /** Tools the install and build need; checked before installing, named when missing. */
  prerequisites: readonly Prerequisite[];
  /** Steps that set up the toolchain in CI, before installing and testing. */
  ciSetup: readonly CiStep[];
}

/** One framework of a runtime: its id for --framework, one line for the question, and what differs. */
export interface Framework extends VariantFields {
  id: string;
  /** One line under the framework question, as create-vite shows its variants. */
  hint: string;
}

export interface Runtime extends VariantFields {
  id: RuntimeId;
  /** The framework these fields are for (a runtime looked up by id alone is its first, the default). */
  framework: string;
  /** Every framework of the runtime; the first is the default. */
  frameworks: readonly Framework[];
  /** Source kinds it supports; the first is the default. */
  sources: readonly SourceKind[];
  /** apprunner.yaml `runtime` for source-code services (only these two are open to new services). */
  managedRuntime?: 'nodejs22' | 'python311';
  /** Variables the app's own files must set, each with why: --env may not replace them. */
  reservedEnv?: Record<string, string>;
  /** Node.js: the commands go through the package manager that ran us (npm, pnpm, yarn, bun). */
  packageManaged?: boolean;
  /** Package-name rules the runtime adds to App Runner's service name rule (on the slug). */
  checkPackageName?: (slug: string) => string | undefined;
  /** Why a source kind is missing, for the error message. */
  imageOnlyReason?: string;
}

const IMAGE_ONLY = (why: string) => ({ sources: ['image'] as const, imageOnlyReason: why });

/** A runtime's row: what all its frameworks share, then one row per framework (the first is the default). */
type RuntimeRow = Omit<Runtime, keyof VariantFields | 'framework'>;

const NODE_PREREQUISITES: readonly Prerequisite[] = [
  { need: 'Node.js 20 or later', check: ['node', '--version'], version: /v(\d+\.\d+\.\d+)/, minimum: '20.0.0' },
];
const PYTHON_PREREQUISITES: readonly Prerequisite[] = [
  {
    need: 'Python 3.11 or later with venv (Debian/Ubuntu: apt install python3-venv)',
    // Imports venv and ensurepip too: without them `python3 -m venv` fails half-way and leaves a broken .venv.
    check: ['python3', '-c', 'import sys, venv, ensurepip; print("%d.%d.%d" % sys.version_info[:3])'],
    version: /(\d+\.\d+\.\d+)/,
    minimum: '3.11.0',
  },
];
const PYTHON_INSTALL = 'python3 -m venv .venv && .venv/bin/python -m pip install -r requirements-dev.txt';
const JAVA_PREREQUISITES: readonly Prerequisite[] = [
  { need: 'a JDK 21 or later', check: ['java', '-version'], version: /version "(\d+(?:\.\d+)*)/, minimum: '21' },
  { need: 'Maven 3.9 or later', check: ['mvn', '-v'], version: /Apache Maven (\d+\.\d+\.\d+)/, minimum: '3.9.0' },
];
const JAVA_COMMANDS = { build: 'mvn -B package', test: 'mvn -B test', start: 'java -jar target/app.jar' };
const JAVA_CI: readonly CiStep[] = [
  { uses: 'java', with: { distribution: 'temurin', 'java-version': '"21"', cache: 'maven' } },
];

const ROWS: readonly RuntimeRow[] = [
  {
    id: 'node',
    sources: ['code', 'image'],
    managedRuntime: 'nodejs22',
    packageManaged: true,
    // The package manager itself is checked by the install step (it is on PATH or the command fails).
    frameworks: [
      {
        id: 'express',
        label: 'Node.js (Express 5)',
        hint: 'JavaScript, no build step: node runs the files as written',
        templates: 'node',
        commands: { install: 'npm install', test: 'npm test', start: 'npm start' },
        prerequisites: NODE_PREREQUISITES,
        ciSetup: [{ uses: 'node', with: { 'node-version': '22' } }],
      },
      {
        id: 'express-ts',
        label: 'Node.js (Express 5, TypeScript)',
        hint: 'TypeScript (strict), compiled by tsc to dist/ in the build',
        templates: 'node-express-ts',
        commands: { install: 'npm install', build: 'npm run build', test: 'npm test', start: 'npm start' },
        prerequisites: NODE_PREREQUISITES,
        ciSetup: [{ uses: 'node', with: { 'node-version': '22' } }],
      },
    ],
    checkPackageName: (slug) =>
      builtinModules.includes(slug)
        ? `"${slug}" is the name of a Node.js core module, which npm refuses as a package name. Pick another name with --name, e.g. --name ${slug}-app.`
        : undefined,
  },
  {
    id: 'python',
    sources: ['code', 'image'],
    managedRuntime: 'python311',
    reservedEnv: {
      PYTHONPATH:
        "the app finds the packages App Runner's build installed through it (and the image sets its own venv)",
    },
    frameworks: [
      {
        id: 'flask',
        label: 'Python (Flask 3 + gunicorn)',
        hint: 'Flask, synchronous, served by gunicorn threads',
        templates: 'python',
        commands: {
          install: PYTHON_INSTALL,
          test: '.venv/bin/python -m pytest',
          start: '.venv/bin/gunicorn -c gunicorn.conf.py app:app',
        },
        prerequisites: PYTHON_PREREQUISITES,
        ciSetup: [{ uses: 'python', with: { 'python-version': '"3.11"' } }],
      },
      {
        id: 'fastapi',
        label: 'Python (FastAPI + uvicorn)',
        hint: 'FastAPI, async and typed, served by uvicorn',
        templates: 'python-fastapi',
        commands: { install: PYTHON_INSTALL, test: '.venv/bin/python -m pytest', start: '.venv/bin/python -m server' },
        prerequisites: PYTHON_PREREQUISITES,
        ciSetup: [{ uses: 'python', with: { 'python-version': '"3.11"' } }],
      },
    ],
  },
  {
    id: 'java',
    ...IMAGE_ONLY("App Runner's only managed Java runtime is Corretto 11"),
    frameworks: [
      {
        id: 'jdk',
        label: 'Java 21 (JDK HTTP server, Maven)',
        hint: "the JDK's own HTTP server, no framework: starts in a blink",
        templates: 'java',
        commands: JAVA_COMMANDS,
        prerequisites: JAVA_PREREQUISITES,
        ciSetup: JAVA_CI,
      },
      {
        id: 'spring-boot',
        label: 'Java 21 (Spring Boot 4, Maven)',
        hint: 'Spring Boot 4 with Spring MVC and Actuator',
        templates: 'java-spring-boot',
        commands: JAVA_COMMANDS,
        prerequisites: JAVA_PREREQUISITES,
        ciSetup: JAVA_CI,
      },
    ],
  },
  {
    id: 'go',
    ...IMAGE_ONLY("App Runner's managed Go runtime reached end of support in December 2025"),
    frameworks: [
      {
        id: 'net-http',
        label: 'Go (net/http)',
        hint: "Go's standard library server",
        templates: 'go',
        commands: { build: 'go build -o bin/server .', test: 'go test ./...', start: './bin/server' },
        // go.mod says `go 1.23`; older releases also misread its "GET /path" mux patterns.
        prerequisites: [
          { need: 'Go 1.23 or later', check: ['go', 'version'], version: /go(\d+\.\d+(?:\.\d+)?)/, minimum: '1.23' },
        ],
        ciSetup: [{ uses: 'go', with: { 'go-version-file': 'go.mod', 'cache-dependency-path': 'go.mod' } }],
      },
    ],
  },
  {
    id: 'rust',
    ...IMAGE_ONLY('App Runner never had a managed Rust runtime'),
    frameworks: [
      {
        id: 'axum',
        label: 'Rust (axum + tokio)',
        hint: 'axum on tokio',
        templates: 'rust',
        commands: { build: 'cargo build --release', test: 'cargo test', start: 'cargo run --release' },
        // Cargo.toml uses edition 2024, which came with Rust 1.85.
        prerequisites: [
          {
            need: 'Rust 1.85 or later with cargo (https://rustup.rs)',
            check: ['cargo', '--version'],
            version: /cargo (\d+\.\d+\.\d+)/,
            minimum: '1.85.0',
          },
        ],
        ciSetup: [
          {
            comment: "GitHub's Ubuntu runners ship rustup, Rust's own installer: no third-party action needed.",
            name: 'Set up Rust',
            run: 'rustup toolchain install stable --profile minimal && rustup default stable',
          },
        ],
      },
    ],
    checkPackageName: (slug) =>
      /^[0-9]/.test(slug)
        ? `"${slug}" starts with a digit, which Cargo refuses as a package name. Pick a name that starts with a letter, e.g. --name app-${slug}.`
        : undefined,
  },
  {
    id: 'ruby',
    ...IMAGE_ONLY("App Runner's managed Ruby runtime reached end of support in December 2025"),
    frameworks: [
      {
        id: 'sinatra',
        label: 'Ruby (Sinatra + Puma)',
        hint: 'Sinatra served by Puma',
        templates: 'ruby',
        commands: {
          install: 'bundle install',
          test: 'bundle exec rake test',
          start: 'bundle exec puma -C config/puma.rb',
        },
        prerequisites: [
          {
            need: 'Ruby 3.3 or later (the Gemfile asks for it)',
            check: ['ruby', '-e', 'print RUBY_VERSION'],
            version: /(\d+\.\d+\.\d+)/,
            minimum: '3.3.0',
          },
          {
            need: 'Bundler (gem install bundler)',
            check: ['bundle', '--version'],
            version: /(\d+\.\d+\.\d+)/,
            minimum: '2.0.0',
          },
        ],
        ciSetup: [
          { comment: 'The same Ruby as the image (Dockerfile).', uses: 'ruby', with: { 'ruby-version': '"4.0"' } },
        ],
      },
    ],
  },
];

/** A runtime row with one framework's fields on it: what the spec, the plan and the prompts read. */
function variant(row: RuntimeRow, framework: Framework): Runtime {
  const { id: _id, hint: _hint, ...fields } = framework;
  return { ...row, ...fields, framework: framework.id };
}

/** Each runtime with its default framework (the first). */
export const RUNTIMES: readonly Runtime[] = ROWS.map((row) => variant(row, row.frameworks[0]!));

/** Every runtime and framework pair: one app each, all built and tested. */
export const VARIANTS: readonly Runtime[] = ROWS.flatMap((row) => row.frameworks.map((f) => variant(row, f)));

export const RUNTIME_IDS = RUNTIMES.map((r) => r.id);

/** The runtime with the framework given, or its default one; undefined when either is unknown. */
export function findRuntime(id: string, framework?: string): Runtime | undefined {
  return (framework ? VARIANTS : RUNTIMES).find((r) => r.id === id && (!framework || r.framework === framework));
}

/** The runtime a framework id belongs to (to name it when --framework and --runtime disagree). */
export function runtimeOfFramework(framework: string): Runtime | undefined {
  return VARIANTS.find((r) => r.framework === framework);
}

/** The runtime's commands as the user types them: a Node.js app's go through its package manager. */
export function commandsOf(runtime: Runtime, pm: PackageManager = 'npm'): Runtime['commands'] & { deploy?: string } {
  if (!runtime.packageManaged) return runtime.commands;
  const info = PACKAGE_MANAGERS[pm];
  return {
    install: info.install,
    ...(runtime.commands.build ? { build: info.run('build') } : {}),
    test: info.run('test'),
    start: info.run('start'),
    deploy: info.run('deploy'),
  };
}

/** The install step as argv lists (split on `&&` and spaces: table commands hold no quotes), or undefined. */
export function installSteps(runtime: Runtime, pm: PackageManager = 'npm'): string[][] | undefined {
  const line = commandsOf(runtime, pm).install;
  return line?.split(' && ').map((part) => part.split(' '));
}

/** Compares dotted versions part by part ("3.10" > "3.9"); a missing part counts as 0. */
export function atLeast(version: string, minimum: string): boolean {
  const a = version.split('.').map(Number);
  const b = minimum.split('.').map(Number);
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = a[i] ?? 0;
    const y = b[i] ?? 0;
    if (x !== y) return x > y;
  }
  return true;
}
