// The HTTP contract every generated app meets, written once and run against each running app (every
// runtime and framework variant) by test/apps.test.ts. It speaks both fetch and raw sockets (node:net),
// because the interesting cases (oversized header blocks, a request line that is not HTTP, clients that
// stall half-way through their headers) are ones fetch refuses to send.
//
// What it checks, by the numbers of the contract:
//  1. GET / and GET <health> answer 200 JSON; HEAD is allowed on both.
//  2. A known path with the wrong method is a JSON 405 with `Allow: GET, HEAD`.
//  3. An unknown path is a JSON 404.
//  5. Every answer the app writes says `X-Content-Type-Options: nosniff` and JSON; no `X-Powered-By`;
//     no `Server` naming a version (the protocol layer's own 400/431 are held to "no version" only:
//     Go's net/http and the JDK server write those before any app code runs).
//  6. A 20 KiB header block gets 431 (or 400) and a request line that is not HTTP gets 400, and the app
//     answers normally afterwards.
//  7. Ten clients that stall mid-headers do not stop GET <health> answering within 2 s, and the app cuts
//     them off (within `cutOffMs`).
//  9. A request carrying secrets in Authorization, Cookie and a `token` query value leaves none of them
//     in the app's output.
// Points 4 (a 500 from an unhandled error) and 8 (a bad PORT) need a failing handler or a fresh process:
// each app's own tests cover 4, and checkBadPort below covers 8 for any app that can be started.
import { connect } from 'node:net';

export interface ContractTarget {
  port: number;
  healthPath: string;
  /** Everything the app has written to stdout and stderr so far. */
  output: () => string;
  /** How long a stalled client may be kept open before the app must have closed it (default 25 s). */
  cutOffMs?: number;
  /** Why this server closes the connection, unanswered, on an oversized header block (see AppRecipe.contractGaps). */
  oversizedHeaderCloses?: string;
}

export interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

const SENTINEL = 'SENTINEL7f3c9a';
const VERSIONED = /\d/; // a bare product word has no digits: `gunicorn` passes, `gunicorn/23.0` does not

/** Sends raw bytes, reads until the server closes (or the status line and a complete body arrived). */
export function rawRequest(port: number, data: string | Buffer, timeoutMs = 5_000): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no complete answer within ${timeoutMs} ms`));
    }, timeoutMs);
    const finish = () => {
      const parsed = parseResponse(Buffer.concat(chunks).toString('latin1'));
      if (!parsed) return false;
      clearTimeout(timer);
      socket.destroy();
      resolve(parsed);
      return true;
    };
    socket.on('connect', () => socket.write(data));
    socket.on('data', (chunk) => {
      chunks.push(chunk);
      finish();
    });
    socket.on('error', () => undefined); // a reset after the answer is normal for a rejected request
    socket.on('close', () => {
      if (finish()) return;
      clearTimeout(timer);
      reject(
        new Error(
          `connection closed without a complete answer: ${JSON.stringify(Buffer.concat(chunks).toString('latin1'))}`,
        ),
      );
    });
  });
}

/** A whole response from its raw text, or undefined while part of it is still missing. */
function parseResponse(text: string): RawResponse | undefined {
  const end = text.indexOf('\r\n\r\n');
  if (end < 0) return undefined;
  const [statusLine = '', ...lines] = text.slice(0, end).split('\r\n');
  const status = /^HTTP\/1\.[01] (\d{3})/.exec(statusLine);
  if (!status) return undefined;
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  const body = text.slice(end + 4);
  const length = headers['content-length'];
  if (length !== undefined && body.length < Number(length)) return undefined;
  if (length === undefined && headers['transfer-encoding']?.includes('chunked') && !body.endsWith('0\r\n\r\n'))
    return undefined;
  return { status: Number(status[1]), headers, body: length === undefined ? body : body.slice(0, Number(length)) };
}

/** Runs every check and returns what failed, one line each (an empty list: the app meets the contract). */
export async function checkContract(target: ContractTarget): Promise<string[]> {
  const failures: string[] = [];
  const checks: [string, (t: ContractTarget) => Promise<void>][] = [
    ['1 routes', checkRoutes],
    ['2 wrong method', checkWrongMethod],
    ['3 unknown path', checkNotFound],
    ['6 oversized headers', checkOversized],
    ['6 not HTTP', checkNotHttp],
    ['6 malformed headers', checkMalformed],
    ['7 slow clients', checkSlowClients],
    ['9 secrets not logged', checkSecrets],
  ];
  for (const [name, check] of checks) {
    try {
      await check(target);
    } catch (err) {
      failures.push(`${name}: ${(err as Error).message}`);
    }
  }
  return failures;
}

function fail(message: string): never {
  throw new Error(message);
}

/** Point 5 on an answer the app itself wrote. */
function checkHeaders(what: string, headers: Headers | Record<string, string>, json = true): void {
  const get = (name: string) => (headers instanceof Headers ? headers.get(name) : (headers[name] ?? null));
  if (get('x-content-type-options')?.toLowerCase() !== 'nosniff') fail(`${what}: no X-Content-Type-Options: nosniff`);
  if (json && !/^application\/json\b/i.test(get('content-type') ?? ''))
    fail(`${what}: Content-Type is ${get('content-type')}`);
  checkServerWord(what, get);
}

function checkServerWord(what: string, get: (name: string) => string | null): void {
  if (get('x-powered-by') !== null) fail(`${what}: X-Powered-By: ${get('x-powered-by')}`);
  const server = get('server');
  if (server !== null && VERSIONED.test(server)) fail(`${what}: Server names a version: ${server}`);
}

async function fetchJson(url: string, init: RequestInit = {}) {
  const res = await fetch(url, {
    ...init,
    headers: { connection: 'close', ...init.headers },
    signal: AbortSignal.timeout(5_000),
  });
  const text = await res.text();
  let body: unknown;
  try {
    body = text === '' ? undefined : JSON.parse(text);
  } catch {
    fail(`${init.method ?? 'GET'} ${url}: body is not JSON: ${text.slice(0, 200)}`);
  }
  checkHeaders(`${init.method ?? 'GET'} ${new URL(url).pathname}`, res.headers, init.method !== 'HEAD');
  return { status: res.status, headers: res.headers, body };
}

function expectAnswer(what: string, got: { status: number; body: unknown }, status: number, body?: unknown): void {
  if (got.status !== status) fail(`${what}: status ${got.status}, expected ${status}`);
  if (body !== undefined && JSON.stringify(got.body) !== JSON.stringify(body))
    fail(`${what}: body ${JSON.stringify(got.body)}, expected ${JSON.stringify(body)}`);
}

const base = (t: ContractTarget) => `http://127.0.0.1:${t.port}`;

async function checkRoutes(t: ContractTarget): Promise<void> {
  const root = await fetchJson(`${base(t)}/`);
  expectAnswer('GET /', root, 200);
  expectAnswer(`GET ${t.healthPath}`, await fetchJson(base(t) + t.healthPath), 200, { status: 'ok' });
  for (const path of ['/', t.healthPath]) {
    const head = await fetchJson(base(t) + path, { method: 'HEAD' });
    if (head.status !== 200) fail(`HEAD ${path}: status ${head.status}`);
    if (head.body !== undefined) fail(`HEAD ${path}: has a body`);
  }
}

async function checkWrongMethod(t: ContractTarget): Promise<void> {
  for (const [method, path] of [
    ['POST', '/'],
    ['DELETE', t.healthPath],
    ['PUT', t.healthPath],
  ] as const) {
    const got = await fetchJson(base(t) + path, { method });
    expectAnswer(`${method} ${path}`, got, 405, { error: 'method not allowed' });
    const allow = (got.headers.get('allow') ?? '').split(',').map((m) => m.trim().toUpperCase());
    if (allow.sort().join(', ') !== 'GET, HEAD') fail(`${method} ${path}: Allow is ${got.headers.get('allow')}`);
  }
}

async function checkNotFound(t: ContractTarget): Promise<void> {
  for (const [method, path] of [
    ['GET', '/no-such-page'],
    ['POST', '/no/such/page'],
  ] as const) {
    expectAnswer(`${method} ${path}`, await fetchJson(base(t) + path, { method }), 404, { error: 'not found' });
  }
}

/** The app still answers its health check normally (after something that might have hurt it). */
async function stillServing(t: ContractTarget, after: string): Promise<void> {
  try {
    expectAnswer(`GET ${t.healthPath} after ${after}`, await fetchJson(base(t) + t.healthPath), 200, { status: 'ok' });
  } catch (err) {
    fail(`the app stopped serving after ${after}: ${(err as Error).message}`);
  }
}

function protocolReject(what: string, res: RawResponse, allowed: number[]): void {
  if (!allowed.includes(res.status)) fail(`${what}: status ${res.status}, expected ${allowed.join(' or ')}`);
  checkServerWord(what, (name) => res.headers[name] ?? null);
  if (/traceback|exception|\bat [\w.$]+\(/i.test(res.body))
    fail(`${what}: the body shows a stack: ${res.body.slice(0, 200)}`);
}

async function checkOversized(t: ContractTarget): Promise<void> {
  const before = t.output().length;
  const big = `X-Big: ${SENTINEL}${'a'.repeat(20 * 1024)}`;
  const request = `GET ${t.healthPath} HTTP/1.1\r\nHost: localhost\r\n${big}\r\nConnection: close\r\n\r\n`;
  const res = await rawRequest(t.port, request).catch((err: Error) => {
    // Only where the recipe names the gap: the connection closed with no byte of answer.
    if (t.oversizedHeaderCloses && err.message.endsWith('answer: ""')) return undefined;
    throw err;
  });
  if (res) protocolReject('a 20 KiB header', res, [431, 400]);
  await stillServing(t, 'a 20 KiB header');
  if (t.output().slice(before).includes(SENTINEL)) fail('a 20 KiB header: its value reached the log');
}

async function checkNotHttp(t: ContractTarget): Promise<void> {
  const before = t.output().length;
  protocolReject('an SSH greeting', await rawRequest(t.port, 'SSH-2.0-OpenSSH_9.6\r\n\r\n'), [400]);
  const tls = Buffer.from('160301020001000200fc0303', 'hex');
  protocolReject(
    'a TLS hello with a CRLF',
    await rawRequest(t.port, Buffer.concat([tls, Buffer.from(' x\r\n\r\n')])),
    [400],
  );
  await stillServing(t, 'requests that are not HTTP');
  if (/traceback|^\s+at /im.test(t.output().slice(before))) fail('a request that is not HTTP logged a stack trace');
}

/** Requests servers are known to choke on: framing that contradicts itself, a doubled Host. */
async function checkMalformed(t: ContractTarget): Promise<void> {
  const before = t.output().length;
  const secret = `Authorization: Bearer ${SENTINEL}m\r\nCookie: s=${SENTINEL}m`;
  const probes = [
    [
      'Content-Length with chunked',
      `POST / HTTP/1.1\r\nHost: x\r\n${secret}\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n0\r\n\r\n`,
    ],
    ['a doubled Host', `GET / HTTP/1.1\r\nHost: x\r\nHost: y\r\n${secret}\r\nConnection: close\r\n\r\n`],
  ] as const;
  for (const [what, request] of probes) {
    const res = await rawRequest(t.port, request);
    if (res.status >= 500) fail(`${what}: status ${res.status}`);
  }
  await stillServing(t, 'malformed headers');
  const logged = t.output().slice(before);
  if (logged.includes(SENTINEL)) fail(`malformed headers: a header value reached the log: ${logged.slice(0, 300)}`);
  if (/traceback|^\s+at /im.test(logged)) fail('malformed headers: logged a stack trace');
}

async function checkSlowClients(t: ContractTarget): Promise<void> {
  const sockets = await Promise.all(
    Array.from({ length: 10 }, () => {
      return new Promise<ReturnType<typeof connect>>((resolve, reject) => {
        const socket = connect(t.port, '127.0.0.1', () => {
          socket.write(`GET ${t.healthPath} HTTP/1.1\r\nHost: localhost\r\nX-Slow: `);
          resolve(socket);
        });
        socket.on('error', reject);
      });
    }),
  );
  const closed = sockets.map((s) => new Promise<void>((r) => s.once('close', () => r())));
  for (const s of sockets) {
    s.on('error', () => undefined);
    s.resume(); // read whatever the server answers (a 408, a 400), so its close is seen
  }
  try {
    await new Promise((r) => setTimeout(r, 300)); // the server has accepted them and is waiting
    const started = Date.now();
    const res = await fetch(base(t) + t.healthPath, { signal: AbortSignal.timeout(2_000) }).catch(() => undefined);
    if (!res) fail('GET health did not answer within 2 s with ten stalled clients open');
    if (res.status !== 200) fail(`GET health answered ${res.status} with ten stalled clients open`);
    await res.arrayBuffer();
    const limit = t.cutOffMs ?? 25_000;
    const cut = await Promise.race([
      Promise.all(closed).then(() => true),
      new Promise<false>((r) => setTimeout(() => r(false), Math.max(0, limit - (Date.now() - started)))),
    ]);
    if (!cut) fail(`stalled clients were still connected after ${limit / 1000} s`);
  } finally {
    for (const s of sockets) s.destroy();
  }
}

async function checkSecrets(t: ContractTarget): Promise<void> {
  const before = t.output().length;
  const query = `?token=${SENTINEL}q1&page=2&api_key=${SENTINEL}q2&Password=${SENTINEL}q3`;
  for (const path of [`/${query}`, `/no-such-page${query}`]) {
    const res = await fetch(base(t) + path, {
      headers: { authorization: `Bearer ${SENTINEL}a`, cookie: `s=${SENTINEL}c`, connection: 'close' },
      signal: AbortSignal.timeout(5_000),
    });
    await res.arrayBuffer();
  }
  // Request log lines may be written after the answer (when the server closes the body).
  await new Promise((r) => setTimeout(r, 500));
  const logged = t.output().slice(before);
  if (!/"status":\s*404/.test(logged)) fail(`no request log line for the probes: ${logged.slice(0, 300)}`);
  for (const line of logged.split('\n').filter((l) => l.includes(SENTINEL))) fail(`a secret reached the log: ${line}`);
}

/** Point 8: a PORT that is not an integer 1..65535 ends the app with exit 1 and one JSON line naming it. */
export interface Exited {
  code: number | undefined;
  output: string;
}

export async function checkBadPort(start: (port: string) => Promise<Exited>): Promise<string[]> {
  const failures: string[] = [];
  for (const port of ['abc', '70000', '-1', '0', '80x']) {
    const { code, output } = await start(port);
    const what = `PORT=${port}`;
    if (code !== 1) failures.push(`${what}: exit ${code}, expected 1`);
    if (/traceback|exception in thread|panicked|\n\s+at /i.test(output))
      failures.push(`${what}: printed a stack: ${output}`);
    const lines = output.split('\n').filter((l) => l.trim() !== '');
    const named = lines.filter((l) => {
      try {
        const record = JSON.parse(l) as Record<string, unknown>;
        return record.level === 'error' && l.includes('PORT') && l.includes(JSON.stringify(port).slice(1, -1));
      } catch {
        return false;
      }
    });
    if (named.length !== 1)
      failures.push(`${what}: expected one JSON error line naming PORT and the value, got: ${output}`);
  }
  return failures;
}
