import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const serverJs = fileURLToPath(new URL('../server.js', import.meta.url));

// A port nobody listens on: PORT must be 1..65535, so the server cannot be given 0.
async function freePort() {
  const probe = createServer().listen(0, '127.0.0.1');
  await once(probe, 'listening');
  const { port } = probe.address();
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

function start(port) {
  const child = spawn(process.execPath, [serverJs], {
    env: { ...process.env, PORT: port },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines = [];
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  createInterface({ input: child.stdout }).on('line', (text) => lines.push(JSON.parse(text))); // every stdout line is JSON
  // 'close' rather than 'exit': it waits until stdout has been read to the end.
  const closed = once(child, 'close').then(([code]) => ({ code, lines, stderr }));
  return { child, lines, closed };
}

test('server logs JSON, serves, and exits 0 on SIGTERM', async () => {
  const port = await freePort();
  const { child, lines, closed } = start(String(port));
  for (let tries = 0; !lines.some((l) => l.msg === 'listening'); tries++) {
    assert.ok(tries < 100, 'the server did not start within 10 s');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const res = await fetch(`http://127.0.0.1:${port}/`);
  assert.equal(res.status, 200);
  await res.arrayBuffer();

  child.kill('SIGTERM');
  const { code } = await closed;
  assert.equal(code, 0);
  assert.ok(lines.some((l) => l.msg === 'shutting down' && l.signal === 'SIGTERM'));
});

test('a PORT that is not 1..65535 stops the server with one JSON line naming it', async () => {
  for (const bad of ['abc', '70000', '-1', '0', '8080x']) {
    const { code, lines, stderr } = await start(bad).closed;
    assert.equal(code, 1, `PORT=${bad}`);
    assert.equal(stderr, '');
    assert.deepEqual(lines.map((l) => [l.level, l.PORT]), [['error', bad]]);
  }
});
