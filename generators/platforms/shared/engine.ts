// The container engine, through its command line: docker when its daemon answers, else podman, else buildah. Checked
// before any AWS call, so a machine that cannot build fails with nothing created and a way forward.
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

import { execa } from 'execa';

import { DeployError, MissingPrerequisite } from './errors.js';

export interface Engine {
  name: 'docker' | 'podman' | 'buildah';
  bin: string;
}

const ELSEWHERE =
  'Or build and push the image elsewhere (e.g. in CI) and deploy it with ' +
  '--image <account>.dkr.ecr.<region>.amazonaws.com/<repository>:<tag>.';

export function onPath(name: string, env: NodeJS.ProcessEnv): string | undefined {
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    const file = join(dir, name);
    try {
      accessSync(file, constants.X_OK);
      return file;
    } catch {
      /* not here */
    }
  }
  return undefined;
}

/** `info` talks to the daemon (docker) or the storage (podman, buildah): it fails where a build would. */
async function answers(bin: string, env: NodeJS.ProcessEnv): Promise<{ ok: boolean; detail: string }> {
  const r = await execa(bin, ['info'], { reject: false, stdin: 'ignore', env, timeout: 30_000 });
  const lines = `${r.stderr}`
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  const detail = lines.find((l) => /cannot connect|daemon|error/i.test(l)) ?? lines[0] ?? `exit code ${r.exitCode}`;
  return { ok: r.exitCode === 0, detail };
}

/** Tried in this order; the first that answers builds. buildah takes the same build, login and push
 * arguments (https://github.com/containers/buildah/tree/main/docs), with no daemon at all. */
const ENGINES = ['docker', 'podman', 'buildah'] as const;

export async function detectEngine(env: NodeJS.ProcessEnv): Promise<Engine> {
  const down: { name: Engine['name']; detail: string }[] = [];
  for (const name of ENGINES) {
    const bin = onPath(name, env);
    if (!bin) continue;
    const state = await answers(bin, env);
    if (state.ok) return { name, bin };
    down.push({ name, detail: state.detail });
  }
  const docker = down.find((d) => d.name === 'docker');
  if (docker) {
    throw new MissingPrerequisite(
      `Docker is installed but its daemon is not running, so the image cannot be built (docker info: ${docker.detail}).\n` +
        `Start Docker (Docker Desktop, or sudo systemctl start docker) and deploy again. ${ELSEWHERE}`,
    );
  }
  if (down.length > 0) {
    const broken = down
      .map((d) => `${d.name} is installed but does not work here (${d.name} info: ${d.detail})`)
      .join('; ');
    throw new MissingPrerequisite(`${broken}. ${ELSEWHERE}`);
  }
  throw new MissingPrerequisite(
    `None of docker, podman or buildah is on PATH, so the image cannot be built. Install one and deploy again. ${ELSEWHERE}`,
  );
}

export interface EngineRun {
  env: NodeJS.ProcessEnv;
  signal?: AbortSignal;
  /** Where the engine's own output goes (the build log). */
  output: NodeJS.WritableStream;
}

async function run(
  engine: Engine,
  args: string[],
  what: string,
  opts: EngineRun & { cwd?: string; input?: string },
): Promise<void> {
  const child = execa(engine.bin, args, {
    cwd: opts.cwd,
    env: opts.env,
    reject: false,
    all: true,
    cancelSignal: opts.signal,
    ...(opts.input !== undefined ? { input: opts.input } : { stdin: 'ignore' as const }),
  });
  child.all?.on('data', (chunk: Buffer) => opts.output.write(chunk));
  const r = await child;
  if (r.isCanceled) throw new DeployError(`Cancelled during ${what}.`, 130);
  if (r.exitCode !== 0) {
    const next = what === 'build' ? ` Fix the build and deploy again. ${ELSEWHERE}` : '';
    throw new DeployError(
      `${engine.name} ${what} failed (exit code ${r.exitCode ?? r.signal}; its output is above).${next}`,
    );
  }
}

// App Runner runs x86-64 instances: an image built on an ARM machine (Apple silicon) without this
// would deploy and then fail to start.
export const buildArgs = (ref: string) => ['build', '--platform', 'linux/amd64', '--tag', ref, '.'];
export const loginArgs = (registry: string, username: string) => [
  'login',
  '--username',
  username,
  '--password-stdin',
  registry,
];
export const pushArgs = (ref: string) => ['push', ref];

export const buildImage = (engine: Engine, dir: string, ref: string, opts: EngineRun) =>
  run(engine, buildArgs(ref), 'build', { ...opts, cwd: dir });
export const login = (engine: Engine, registry: string, username: string, password: string, opts: EngineRun) =>
  run(engine, loginArgs(registry, username), 'login', { ...opts, input: password });
export const pushImage = (engine: Engine, ref: string, opts: EngineRun) => run(engine, pushArgs(ref), 'push', opts);
