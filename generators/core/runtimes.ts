// The one table of runtimes. Prompts, --help, the file plan, the docs and the test matrix read it:
// adding a runtime is adding a row here and a folder under templates/.

export type RuntimeId = 'node' | 'python' | 'java' | 'go' | 'rust' | 'ruby';
export type SourceKind = 'code' | 'image';

export interface Runtime {
  id: RuntimeId;
  label: string;
  /** Source kinds it supports; the first is the default. */
  sources: readonly SourceKind[];
  /** apprunner.yaml `runtime` for source-code services (only these two are open to new services). */
  managedRuntime?: 'nodejs22' | 'python311';
  /** What the user runs in the generated app, shown in next steps and READMEs. */
  commands: { install?: string; test: string; start: string };
  /** Why a source kind is missing, for the error message. */
  imageOnlyReason?: string;
}

const IMAGE_ONLY = (why: string) => ({ sources: ['image'] as const, imageOnlyReason: why });

export const RUNTIMES: readonly Runtime[] = [
  {
    id: 'node', label: 'Node.js (Express 5)', sources: ['code', 'image'], managedRuntime: 'nodejs22',
    commands: { install: 'npm install', test: 'npm test', start: 'npm start' },
  },
  {
    id: 'python', label: 'Python (Flask 3 + gunicorn)', sources: ['code', 'image'], managedRuntime: 'python311',
    commands: {
      install: 'python3 -m venv .venv && .venv/bin/pip install -r requirements-dev.txt',
      test: '.venv/bin/python -m pytest',
      start: '.venv/bin/gunicorn -c gunicorn.conf.py app:app',
    },
  },
  {
    id: 'java', label: 'Java 21 (JDK HTTP server, Maven)',
    ...IMAGE_ONLY('App Runner\'s only managed Java runtime is Corretto 11'),
    commands: { install: 'mvn -B package', test: 'mvn -B test', start: 'java -jar target/app.jar' },
  },
  {
    id: 'go', label: 'Go (net/http)',
    ...IMAGE_ONLY('App Runner\'s managed Go runtime reached end of support in December 2025'),
    commands: { install: 'go build -o bin/server .', test: 'go test ./...', start: './bin/server' },
  },
  {
    id: 'rust', label: 'Rust (axum + tokio)',
    ...IMAGE_ONLY('App Runner never had a managed Rust runtime'),
    commands: { install: 'cargo build --release', test: 'cargo test', start: 'cargo run --release' },
  },
  {
    id: 'ruby', label: 'Ruby (Sinatra + Puma)',
    ...IMAGE_ONLY('App Runner\'s managed Ruby runtime reached end of support in December 2025'),
    commands: { install: 'bundle install', test: 'bundle exec rake test', start: 'bundle exec puma -C config/puma.rb' },
  },
];

export const RUNTIME_IDS = RUNTIMES.map((r) => r.id);

export function findRuntime(id: string): Runtime | undefined {
  return RUNTIMES.find((r) => r.id === id);
}
