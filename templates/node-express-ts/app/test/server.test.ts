import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { connect, createServer, type AddressInfo } from 'node:net';
import { createInterface } from 'node:readline';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

// The compiled server next to this compiled test (dist/test → dist/src).
const serverJs = fileURLToPath(new URL('../src/server.js', import.meta.url));

async function freePort(): Promise<number> {
  const probe = createServer().listen(0, '127.0.0.1');
  await once(probe, 'listening');
  const { port } = probe.address() as AddressInfo;
  probe.close();
  return port;
}

function start(port: string) {
  const child = spawn(process.execPath, [serverJs], {
    env: { ...process.env, PORT: port },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: Record<string, unknown>[] = [];
  const reader = createInterface({ input: child.stdout! });
  // 'close' rather than 'exit': it waits until stdout has been read to the end.
  const closed = once(child, 'close') as Promise<[number | null]>;
  const listening = new Promise<number>((resolve, reject) => {
    reader.on('line', (text) => {
      const line = JSON.parse(text) as Record<string, unknown>; // every stdout line must be JSON
      lines.push(line);
      if (line.msg === 'listening') resolve(line.port as number);
    });
    void closed.then(([code]) => reject(new Error(`server exited (${code}) before listening`)));
  });
  return { child, lines, closed, listening };
}

test('server logs JSON, serves, and exits 0 on SIGTERM', async () => {
  const { child, lines, closed, listening } = start(String(await freePort()));
  const port = await listening;
  const res = await fetch(`http://127.0.0.1:${port}/`);
  assert.equal(res.status, 200);
  await res.arrayBuffer();

  // An oversized header block gets a JSON 431 (nothing of it logged) and the server keeps serving.
  const big = await rawRequest(port, `GET / HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`);
  assert.match(big, /^HTTP\/1\.1 431 /);
  assert.match(big, /X-Content-Type-Options: nosniff/);
  assert.match(await rawRequest(port, 'NOT HTTP AT ALL\r\n\r\n'), /^HTTP\/1\.1 400 /);
  assert.equal((await fetch(`http://127.0.0.1:${port}/`)).status, 200);
  assert.doesNotMatch(JSON.stringify(lines), /aaaa/);

  child.kill('SIGTERM');
  const [code] = await closed;
  assert.equal(code, 0);
  assert.ok(lines.some((l) => l.msg === 'shutting down' && l.signal === 'SIGTERM'));
});

test('a PORT that is not a port number stops the start with one JSON line naming it', async () => {
  const { lines, closed, listening } = start('80a"');
  listening.catch(() => {});
  const [code] = await closed;
  assert.equal(code, 1);
  assert.deepEqual(
    lines.map((l) => [l.level, l.PORT]),
    [['error', '80a"']],
  );
});

async function rawRequest(port: number, text: string): Promise<string> {
  const socket = connect(port, '127.0.0.1');
  await once(socket, 'connect');
  socket.write(text);
  let answer = '';
  socket.setEncoding('utf8').on('data', (chunk: string) => (answer += chunk));
  await once(socket, 'close');
  return answer;
}
