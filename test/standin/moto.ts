// Starts moto's server (the Python AWS mock that ships with this machine's python3) for STS, IAM, ECR, ACM, ELBv2,
// so the real SDK clients can be pointed at it with `endpoint` and dummy credentials. moto has no App Runner:
// that is ./apprunner.ts.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';

export interface Moto {
  url: string;
  /** Forgets every resource (POST /moto-api/reset), cheaper than a restart between tests. */
  reset(): Promise<void>;
  close(): Promise<void>;
}

const START_TIMEOUT_MS = 30_000;

/** Asks the OS for a free port. Another process could take it before moto binds; unlikely on a test machine. */
async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve, reject) => probe.once('error', reject).listen(0, '127.0.0.1', resolve));
  const address = probe.address();
  await new Promise((resolve) => probe.close(resolve));
  if (!address || typeof address === 'string') throw new Error('could not get a free port');
  return address.port;
}

export interface MotoOptions {
  /**
   * Seconds an ACM certificate moto issues stays PENDING_VALIDATION: moto marks a requested certificate
   * ISSUED on the first read after this long (MOTO_ACM_VALIDATION_WAIT, default 60).
   */
  acmValidationWait?: number;
}

export async function startMoto({ acmValidationWait }: MotoOptions = {}): Promise<Moto> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn('python3', ['-m', 'moto.server', '-p', String(port), '-H', '127.0.0.1'], {
    stdio: ['ignore', 'ignore', 'pipe'],
    // Without this moto knows no AWS-managed policies, and attaching AWSAppRunnerServicePolicyForECRAccess
    // fails with NoSuchEntity. They load on the first IAM call (a few seconds), not at start.
    env: {
      ...process.env,
      MOTO_IAM_LOAD_MANAGED_POLICIES: 'true',
      ...(acmValidationWait !== undefined ? { MOTO_ACM_VALIDATION_WAIT: String(acmValidationWait) } : {}),
    },
  });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (s: string) => {
    // Keep only the tail: moto logs every request to stderr.
    stderr = (stderr + s).slice(-8_000);
  });
  let exited: string | undefined;
  child.on('exit', (code, signal) => (exited = `exited with ${signal ?? code}`));
  child.on('error', (err) => (exited = `failed to start: ${err.message}`));
  // If the test process dies without calling close(), don't leave moto running.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);

  async function close() {
    process.removeListener('exit', killOnExit);
    if (child.exitCode !== null || child.signalCode !== null) return;
    const gone = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    await gone;
    clearTimeout(timer);
  }

  const deadline = Date.now() + START_TIMEOUT_MS;
  for (;;) {
    if (exited) throw new Error(`moto server ${exited} before answering.\n${stderr}`);
    try {
      const res = await fetch(`${url}/moto-api/`, { signal: AbortSignal.timeout(1_000) });
      await res.arrayBuffer();
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await close();
      throw new Error(`moto server did not answer on ${url} within ${START_TIMEOUT_MS / 1000} s.\n${stderr}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }

  return {
    url,
    async reset() {
      const res = await fetch(`${url}/moto-api/reset`, { method: 'POST' });
      await res.arrayBuffer();
      if (!res.ok) throw new Error(`moto reset failed: HTTP ${res.status}`);
    },
    close,
  };
}
