import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const serverJs = fileURLToPath(new URL('../server.js', import.meta.url));

test('server logs JSON, serves, and exits 0 on SIGTERM', async () => {
  const child = spawn(process.execPath, [serverJs], {
    env: { ...process.env, PORT: '0' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines = [];
  const reader = createInterface({ input: child.stdout });
  // 'close' rather than 'exit': it waits until stdout has been read to the end.
  const closed = once(child, 'close');
  const listening = new Promise((resolve, reject) => {
    reader.on('line', (text) => {
      const line = JSON.parse(text); // every stdout line must be JSON
      lines.push(line);
      if (line.msg === 'listening') resolve(line.port);
    });
    closed.then(([code]) => reject(new Error(`server exited (${code}) before listening`)));
  });

  const port = await listening;
  const res = await fetch(`http://127.0.0.1:${port}/`);
  assert.equal(res.status, 200);
  await res.arrayBuffer();

  child.kill('SIGTERM');
  const [code] = await closed;
  assert.equal(code, 0);
  assert.ok(lines.some((l) => l.msg === 'shutting down' && l.signal === 'SIGTERM'));
});
