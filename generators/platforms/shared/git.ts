// What git knows locally, read without touching the network: the origin URL as App Runner wants it
// (https), the current branch, whether that branch is pushed, and the commit for an image tag.
import { relative } from 'node:path';

import { execa } from 'execa';

export type Provider = 'GITHUB' | 'BITBUCKET';

const PROVIDERS: Record<string, Provider> = { 'github.com': 'GITHUB', 'bitbucket.org': 'BITBUCKET' };

/** git@github.com:me/app.git, ssh://git@github.com/me/app, https://user@github.com/me/app.git → https://github.com/me/app */
export function httpsUrlOf(remote: string): string | undefined {
  const text = remote.trim();
  const scp = /^[\w.-]+@([\w.-]+):(?!\/)(.+)$/.exec(text);
  let host: string;
  let path: string;
  if (scp) {
    host = scp[1]!;
    path = scp[2]!;
  } else {
    let url: URL;
    try {
      url = new URL(text);
    } catch {
      return undefined;
    }
    if (!['https:', 'http:', 'ssh:', 'git:'].includes(url.protocol)) return undefined;
    host = url.hostname;
    path = url.pathname;
  }
  path = path
    .replace(/^\/+/, '')
    .replace(/\/+$/, '')
    .replace(/\.git$/, '');
  if (!host || !/^[^/]+\/[^/]+/.test(path)) return undefined;
  return `https://${host.toLowerCase()}/${path}`;
}

export function providerOf(httpsUrl: string): Provider | undefined {
  try {
    return PROVIDERS[new URL(httpsUrl).hostname.toLowerCase()];
  } catch {
    return undefined;
  }
}

async function git(dir: string, args: string[]): Promise<string | undefined> {
  const r = await execa('git', args, { cwd: dir, reject: false, stdin: 'ignore' });
  return r.exitCode === 0 ? String(r.stdout).trim() : undefined;
}

export interface GitFacts {
  /** The repository's top folder; undefined outside a repository (or without git). */
  root?: string;
  originUrl?: string;
  /** undefined on a detached HEAD. */
  branch?: string;
  head?: string;
  dirty: boolean;
}

export async function gitFacts(dir: string): Promise<GitFacts> {
  const root = await git(dir, ['rev-parse', '--show-toplevel']);
  if (!root) return { dirty: false };
  const [originUrl, branch, head, status] = await Promise.all([
    git(dir, ['remote', 'get-url', 'origin']),
    git(dir, ['symbolic-ref', '--quiet', '--short', 'HEAD']),
    git(dir, ['rev-parse', '--short=12', 'HEAD']),
    git(dir, ['status', '--porcelain']),
  ]);
  return {
    root,
    originUrl: originUrl || undefined,
    branch: branch || undefined,
    head: head || undefined,
    dirty: Boolean(status),
  };
}

/** The app's folder inside the repository ("services/api"), or undefined at the root. */
export function sourceDirectoryOf(root: string, appDir: string): string | undefined {
  const rel = relative(root, appDir).split('\\').join('/');
  return rel === '' ? undefined : rel;
}

export type PushState = 'pushed' | 'no-remote-branch' | 'ahead';

/** Checks the local remote-tracking ref only (as of the last fetch or push): no network. */
export async function pushState(dir: string, branch: string): Promise<PushState> {
  const ref = `refs/remotes/origin/${branch}`;
  if (!(await git(dir, ['rev-parse', '--verify', '--quiet', ref]))) return 'no-remote-branch';
  const contained = await execa('git', ['merge-base', '--is-ancestor', 'HEAD', ref], {
    cwd: dir,
    reject: false,
    stdin: 'ignore',
  });
  return contained.exitCode === 0 ? 'pushed' : 'ahead';
}

/** Whether `path` exists in the pushed branch (App Runner builds what is there, not what is here). */
export async function pushedFileExists(dir: string, branch: string, path: string): Promise<boolean> {
  return (
    (
      await execa('git', ['cat-file', '-e', `refs/remotes/origin/${branch}:${path}`], {
        cwd: dir,
        reject: false,
        stdin: 'ignore',
      })
    ).exitCode === 0
  );
}

/**
 * The image tag: the commit when the tree is clean (the same commit gets the same tag), else the commit
 * plus a UTC timestamp, so uncommitted work never overwrites the image of a real commit. With `nonce`
 * (a few random characters, new for every deploy) the tag is unique to this deploy, even for two
 * deploys within the same second: for platforms that roll out only on a new tag (ECS: the same tag
 * pushed again is no change, and two deploys of one app must not overwrite each other's image).
 */
export function imageTag(facts: Pick<GitFacts, 'head' | 'dirty'>, now: Date, nonce?: string): string {
  const stamp = now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
  const base = !facts.head
    ? `build-${stamp}`
    : facts.dirty
      ? `${facts.head}-dirty-${stamp}`
      : nonce
        ? `${facts.head}-${stamp}`
        : facts.head;
  return nonce ? `${base}-${nonce}` : base;
}
