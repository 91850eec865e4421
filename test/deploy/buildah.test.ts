// The deploy's engine steps with buildah for real, where docker has no daemon: detection picks buildah,
// then the same build, login and push calls the deploy makes, against Debian's docker-registry (the
// Distribution registry) on localhost standing in for ECR. The pushed manifest must be linux/amd64.
// The registry speaks HTTPS, like ECR, with a certificate made for the test that the engine trusts
// through SSL_CERT_FILE (Go's system roots on Linux: https://pkg.go.dev/crypto/x509#SystemCertPool).
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { get as httpsGet } from 'node:https';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';

import { execa, type ResultPromise } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { buildImage, detectEngine, login, onPath, pushImage } from '../../generators/platforms/shared/engine.js';
import { runCli, tempDir } from '../helpers/cli.js';
import { freePort } from '../helpers/http.js';

const ROOT = join(import.meta.dirname, '..', '..');
const CI = process.env.CI === 'true';
const root = process.getuid?.() === 0;
let registry: ResultPromise | undefined;
let host = '';
let env: NodeJS.ProcessEnv = {};
let ca = '';

/** GET on the registry over HTTPS, trusting its test certificate. */
function getJson(path: string, accept = 'application/json'): Promise<unknown> {
  return new Promise((resolve, reject) => {
    httpsGet(`https://${host}${path}`, { ca, headers: { accept } }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => {
        body += c.toString();
      });
      res.on('end', () =>
        res.statusCode === 200
          ? resolve(JSON.parse(body || '{}'))
          : reject(new Error(`${path}: ${res.statusCode} ${body}`)),
      );
    }).on('error', reject);
  });
}

async function aptInstall(pkg: string, command: string) {
  if (onPath(command, process.env)) return;
  await execa('apt-get', ['-o', 'DPkg::Lock::Timeout=600', 'install', '-y', '-qq', pkg], {
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
}

beforeAll(async () => {
  if (!CI && !root) return;
  await aptInstall('docker-registry', 'docker-registry');
  // The Go app's build stage; this also installs buildah if it is missing.
  await execa('bash', [join(ROOT, '.ci', 'images.sh'), 'public.ecr.aws/docker/library/golang:1.27-trixie'], {
    stdio: 'inherit',
  });
  const work = tempDir('caa-registry-');
  host = `127.0.0.1:${await freePort()}`;
  await execa('openssl', [
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-days',
    '1',
    '-subj',
    '/CN=127.0.0.1',
    '-addext',
    'subjectAltName=IP:127.0.0.1',
    '-keyout',
    join(work, 'key.pem'),
    '-out',
    join(work, 'cert.pem'),
  ]);
  ca = readFileSync(join(work, 'cert.pem'), 'utf8');
  // The machine's own roots stay in (its HTTPS proxy's too), plus the registry's certificate.
  writeFileSync(join(work, 'roots.pem'), `${readFileSync('/etc/ssl/certs/ca-certificates.crt', 'utf8')}\n${ca}`);
  writeFileSync(
    join(work, 'config.yml'),
    [
      'version: 0.1',
      'storage:',
      '  filesystem:',
      `    rootdirectory: ${join(work, 'data')}`,
      'http:',
      `  addr: ${host}`,
      '  tls:',
      `    certificate: ${join(work, 'cert.pem')}`,
      `    key: ${join(work, 'key.pem')}`,
      '',
    ].join('\n'),
  );
  registry = execa('docker-registry', ['serve', join(work, 'config.yml')], { reject: false, all: true });
  for (let i = 0; i < 100 && (await getJson('/v2/').catch(() => undefined)) === undefined; i++) {
    await new Promise((r) => setTimeout(r, 100));
  }
  // A PATH with the docker client (no daemon here) and buildah: detection has to pass docker by.
  const bin = join(work, 'bin');
  mkdirSync(bin);
  for (const tool of ['docker', 'buildah']) {
    const found = onPath(tool, process.env);
    if (found) symlinkSync(found, join(bin, tool));
  }
  env = {
    PATH: bin,
    HOME: work,
    STORAGE_DRIVER: 'vfs',
    BUILDAH_ISOLATION: 'chroot',
    SSL_CERT_FILE: join(work, 'roots.pem'),
    REGISTRY_AUTH_FILE: join(work, 'auth.json'),
  };
}, 1_800_000);

afterAll(() => {
  registry?.kill();
});

describe('deploying with buildah', () => {
  it('detects buildah after docker, builds, logs in and pushes a linux/amd64 image to the registry', async (ctx) => {
    if (!CI && !root) ctx.skip(); // buildah needs root here; CI runs as root and must not skip
    const engine = await detectEngine(env);
    expect(engine.name).toBe('buildah');

    const cwd = tempDir('caa-buildah-');
    const created = await runCli(['go-api', '--runtime', 'go', '--yes', '--no-install', '--no-git'], { cwd });
    expect(created.code, created.out).toBe(0);
    const ref = `${host}/go-api:v1`;
    const output = new PassThrough();
    let log = '';
    output.on('data', (c: Buffer) => {
      log += c.toString();
    });
    const opts = { env, output };
    try {
      await buildImage(engine, join(cwd, 'go-api'), ref, opts);
      // The deploy logs in with user AWS and the ECR token on stdin; the local registry takes any.
      await login(engine, host, 'AWS', 'token-from-ecr', opts);
      expect(
        Object.keys((JSON.parse(readFileSync(env.REGISTRY_AUTH_FILE!, 'utf8')) as { auths: object }).auths),
      ).toContain(host);
      await pushImage(engine, ref, opts);
    } catch (error) {
      throw new Error(`${String(error)}\n${log}`, { cause: error });
    }

    const accept = 'application/vnd.oci.image.manifest.v1+json, application/vnd.docker.distribution.manifest.v2+json';
    const manifest = (await getJson('/v2/go-api/manifests/v1', accept)) as { config: { digest: string } };
    const config = (await getJson(`/v2/go-api/blobs/${manifest.config.digest}`)) as {
      os: string;
      architecture: string;
    };
    expect(`${config.os}/${config.architecture}`).toBe('linux/amd64');
    await execa('buildah', ['rmi', ref], { env, reject: false });
  }, 1_800_000);
});
