// AGENTS.md says how to install, test, run, build the image of, deploy and operate the app: every command
// it names is run here, in the app as generated, for Node.js, Python and Go (install, test, start and a
// health probe, deploy --dry-run, deploy, status, logs, delete against the App Runner stand-in and moto),
// and every runtime's commands are checked to be the runtime table's. CLAUDE.md imports it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { execa } from 'execa';
import { describe, expect, it } from 'vitest';

import { appToolOf, dockerBuildCommand } from '../generators/core/plan.js';
import { commandsOf, RUNTIMES } from '../generators/core/runtimes.js';
import { resolveSpec } from '../generators/core/spec.js';
import { registryCommand } from '../generators/core/tool-command.js';
import type { AppRecipe } from './apps/recipe.js';
import { deployEnv, fakeDockerBin, useBackends } from './deploy/harness.js';
import { cliBin, GIT_ENV, runCli, tempDir, userEnv } from './helpers/cli.js';
import { freePort, get, waitHealthy } from './helpers/http.js';
import { useTarball } from './helpers/tarball.js';

const b = useBackends();
const version = JSON.parse(readFileSync(join(import.meta.dirname, '..', 'package.json'), 'utf8')).version as string;

/** The `sh` block of AGENTS.md: each line a command, then `# why`. */
function commandsIn(agents: string): { command: string; why: string }[] {
  const block = /^```sh\n([\s\S]*?)\n```$/m.exec(agents)?.[1];
  if (!block) throw new Error(`AGENTS.md has no sh block:\n${agents}`);
  return block.split('\n').map((line) => {
    const [command, why] = line.split(/ +# /);
    return { command: command!.trim(), why: why ?? '' };
  });
}

async function generate(runtime: string, extra: string[] = []) {
  const cwd = tempDir('caa-agents-');
  const r = await runCli(['agent-api', '--runtime', runtime, '--source', 'image', '--yes', '--no-install', ...extra], {
    cwd,
  });
  expect(r.code, r.out).toBe(0);
  return join(cwd, 'agent-api');
}

/** What AGENTS.md must list for this runtime, in order, from the runtime table and the tool's own rules. */
function expected(runtimeId: string) {
  const runtime = RUNTIMES.find((r) => r.id === runtimeId)!;
  const resolved = resolveSpec({ directory: 'agent-api', runtime: runtimeId, source: 'image' }, {}, '/');
  if (!resolved.ok) throw new Error(resolved.errors.join('\n'));
  const tool = appToolOf(resolved.spec, version);
  const c = commandsOf(runtime);
  return [
    ...(c.install ? [c.install] : []),
    ...(c.build ? [c.build] : []),
    c.test,
    c.start,
    dockerBuildCommand(resolved.spec.slug),
    `${tool} deploy --dry-run`,
    `${tool} deploy`,
    `${tool} status`,
    `${tool} logs --since 1h`,
    `${tool} delete`,
  ];
}

describe('AGENTS.md', () => {
  it.each(RUNTIMES.map((r) => r.id))('%s: names the runtime table commands; CLAUDE.md imports it', async (id) => {
    const dir = await generate(id, ['--no-git']);
    const agents = readFileSync(join(dir, 'AGENTS.md'), 'utf8');
    expect(commandsIn(agents).map((c) => c.command)).toEqual(expected(id));
    expect(readFileSync(join(dir, 'CLAUDE.md'), 'utf8')).toBe('@AGENTS.md\n');
    expect(agents.split('\n').length).toBeLessThan(60);
    for (const rule of ['GET /health', '`PORT`', 'No secrets', '`secrets:`', 'apprunner.deploy.yaml', 'Dockerfile'])
      expect(agents).toContain(rule);
  });

  it('is left out with --no-agents-md, and the choice is recorded', async () => {
    const dir = await generate('go', ['--no-git', '--no-agents-md']);
    expect(() => readFileSync(join(dir, 'AGENTS.md'))).toThrow();
    expect(() => readFileSync(join(dir, 'CLAUDE.md'))).toThrow();
    expect(JSON.parse(readFileSync(join(dir, '.yo-rc.json'), 'utf8'))['create-apprunner-app'].agentsMd).toBe(false);
  });

  it.each(['node', 'python', 'go'])('%s: every command it names works', async (id) => {
    const { recipe } = (await import(`./apps/recipes/${id}.ts`)) as { recipe: AppRecipe };
    const dir = await generate(id);
    if (id === 'node') useTarball(dir);
    const docker = fakeDockerBin();
    const base: Record<string, string | undefined> = { ...userEnv(), ...GIT_ENV, ...recipe.env?.() };
    const env = { ...base, ...deployEnv(b), PATH: `${docker.bin}:${base.PATH ?? process.env.PATH}` };
    // Until this version is on the npm registry, its registry form runs the packed tarball instead;
    // a Node.js app runs its own pinned copy (the tarball, through useTarball) exactly as written.
    const asRun = (command: string) =>
      command.startsWith(`${registryCommand(version)} `)
        ? command.replace(registryCommand(version), `node ${cliBin()}`)
        : command;
    const run = (command: string) =>
      execa('sh', ['-c', asRun(command)], {
        cwd: dir,
        env,
        extendEnv: false,
        reject: false,
        all: true,
        timeout: 600_000,
      });
    const ran: string[] = [];
    for (const { command, why } of commandsIn(readFileSync(join(dir, 'AGENTS.md'), 'utf8'))) {
      if (command.startsWith('docker build')) continue; // no engine here: test/images.test.ts builds each image
      if (why.startsWith('run it on')) {
        await probe(command, dir, env);
      } else {
        const r = await run(command.endsWith(' delete') ? `${command} --yes` : command);
        expect(r.exitCode, `${command}\n${r.all}`).toBe(0);
        if (command.endsWith(' deploy')) expect(b.standIn.inputsOf('CreateService').length).toBeGreaterThan(0);
        if (command.endsWith(' status')) expect(r.stdout).toContain('agent-api');
      }
      ran.push(command);
    }
    expect(ran.length).toBeGreaterThanOrEqual(7);
  });
});

/** Starts the app with AGENTS.md's own command and probes its health path, then stops it. */
async function probe(command: string, dir: string, env: Record<string, string | undefined>) {
  const port = await freePort();
  const app = execa('sh', ['-c', `exec ${command}`], {
    cwd: dir,
    env: { ...env, PORT: String(port) },
    extendEnv: false,
    reject: false,
    detached: true,
  });
  let exited = false;
  void app.finally(() => {
    exited = true;
  });
  try {
    await waitHealthy(`http://127.0.0.1:${port}/health`, () => exited);
    expect(await get(`http://127.0.0.1:${port}/health`)).toMatchObject({ status: 200, body: { status: 'ok' } });
  } finally {
    // The whole group: `npm start` stands between the shell and the server.
    if (app.pid) process.kill(-app.pid, 'SIGTERM');
    await app;
  }
}
