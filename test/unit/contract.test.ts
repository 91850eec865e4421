// The HTTP contract checker (test/apps/contract.ts) itself: it passes a small node:http server that
// keeps the contract, and names each broken point of one that does not, so a green apps.test.ts means
// the checks ran and could have failed.
import { createServer, type IncomingMessage, type Server, type ServerResponse, STATUS_CODES } from 'node:http';
import type { AddressInfo } from 'node:net';

import { afterEach, describe, expect, it } from 'vitest';

import { checkBadPort, checkContract } from '../apps/contract.js';

const HEALTH = '/healthz';
let server: Server | undefined;

afterEach(async () => {
  const running = server;
  server = undefined;
  if (!running) return;
  running.closeAllConnections();
  await new Promise((r) => running.close(r));
});

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
}

/** A server that keeps the contract when `good`, and breaks points 1/5 (nosniff), 2, 7 and 9 otherwise. */
async function start(good: boolean, log: string[]): Promise<number> {
  const handler = (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://x');
    if (good) res.setHeader('x-content-type-options', 'nosniff');
    res.on('finish', () =>
      log.push(
        JSON.stringify(
          good
            ? { msg: 'request', path: url.pathname, status: res.statusCode }
            : { msg: 'request', url: req.url, auth: req.headers.authorization, status: res.statusCode },
        ),
      ),
    );
    const known = url.pathname === '/' || url.pathname === HEALTH;
    if (!known) return send(res, 404, { error: 'not found' });
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      if (good) return send(res, 405, { error: 'method not allowed' }, { allow: 'GET, HEAD' });
      return send(res, 404, { error: 'not found' });
    }
    send(res, 200, url.pathname === '/' ? { hello: true } : { status: 'ok' });
  };
  const options = good
    ? { maxHeaderSize: 16 * 1024, headersTimeout: 1_500, requestTimeout: 3_000, connectionsCheckingInterval: 200 }
    : { maxHeaderSize: 16 * 1024 };
  server = createServer(options, handler);
  server.on('clientError', (err: NodeJS.ErrnoException, socket) => {
    const status = err.code === 'HPE_HEADER_OVERFLOW' ? 431 : 400;
    socket.end(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n`);
  });
  await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
  return (server.address() as AddressInfo).port;
}

describe('checkContract', () => {
  it('finds nothing wrong with a server that keeps the contract', async () => {
    const log: string[] = [];
    const port = await start(true, log);
    expect(await checkContract({ port, healthPath: HEALTH, output: () => log.join('\n'), cutOffMs: 5_000 })).toEqual(
      [],
    );
  });

  it('names each point a server breaks', async () => {
    const log: string[] = [];
    const port = await start(false, log);
    const failures = await checkContract({ port, healthPath: HEALTH, output: () => log.join('\n'), cutOffMs: 1_000 });
    expect(failures).toEqual([
      expect.stringMatching(/^1 routes: GET \/: no X-Content-Type-Options: nosniff/),
      expect.stringMatching(/^2 wrong method: /),
      expect.stringMatching(/^3 unknown path: .*nosniff/),
      expect.stringMatching(/^6 oversized headers: the app stopped serving .*nosniff/),
      expect.stringMatching(/^6 not HTTP: the app stopped serving .*nosniff/),
      expect.stringMatching(/^6 malformed headers: the app stopped serving .*nosniff/),
      expect.stringMatching(/^7 slow clients: stalled clients were still connected after 1 s/),
      expect.stringMatching(/^9 secrets not logged: a secret reached the log: .*SENTINEL/),
    ]);
  });
});

describe('checkBadPort', () => {
  it('passes an app that exits 1 with one JSON line naming PORT and the value', async () => {
    const start = async (port: string) => ({
      code: 1,
      output: `${JSON.stringify({ level: 'error', msg: 'PORT must be 1..65535', PORT: port })}\n`,
    });
    expect(await checkBadPort(start)).toEqual([]);
  });

  it('names a wrong exit code, a stack trace and a missing JSON line', async () => {
    const start = async (port: string) => ({
      code: port === 'abc' ? 0 : 1,
      output: `Traceback (most recent call last):\n  ValueError: invalid literal for int(): '${port}'\n`,
    });
    const failures = await checkBadPort(start);
    expect(failures).toContain('PORT=abc: exit 0, expected 1');
    expect(failures.filter((f) => f.includes('printed a stack'))).toHaveLength(5);
    expect(failures.filter((f) => f.includes('expected one JSON error line'))).toHaveLength(5);
  });
});
