// What a deploy was asked to do (flags or the scaffold-time hook) and the knobs read from the
// environment. No AWS here: this file is safe to import from anywhere.

import type { TargetId } from '../../core/options.js';

export interface DeployOptions {
  /** Where to deploy (deploy --target); recorded in the deploy config once AWS accepts. Else the config's target:. */
  target?: TargetId;
  /** Overrides the deploy config's service.region. */
  region?: string;
  /** An AWS config/credentials profile; else the SDK's default chain. */
  profile?: string;
  /** Never prompt: take the default answer (create yes, replace a failed service no, wait for a running operation no). */
  yes?: boolean;
  /** Print the requests and commands, send nothing. */
  dryRun?: boolean;
  /** false = return once AWS has accepted the request (--no-wait). */
  wait?: boolean;
  /** Deploy this image instead of building one: private ECR or ECR Public. */
  image?: string;
  repositoryUrl?: string;
  branch?: string;
  connectionArn?: string;
  /** Delete a CREATE_FAILED service of the same name and create it again. */
  replaceFailed?: boolean;
  /** Take over a same-named service that does not carry this app's id (platforms/ownership/claim.ts). */
  adopt?: boolean;
  /** --owner, --expires-in, --name-suffix (commands/workshop.ts): recorded in the deploy config first. */
  workshop?: { owner?: string; expiresInMs?: number; nameSuffix?: 'owner' };
  /** Where output goes and whether a person is there; defaults to this process's streams. */
  io?: Io;
  /** The region the person's AWS settings name (AWS_REGION, the profile's region) and where it came from. */
  ambientRegion?: { region: string; from: string };
}

export interface Io {
  stdout: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  stderr: NodeJS.WritableStream;
  /** A person can answer questions (stdin and stdout are terminals, not CI). */
  interactive: boolean;
  env: NodeJS.ProcessEnv;
}

export function processIo(): Io {
  const ci = process.env.CI;
  const isCi = ci !== undefined && ci !== '' && ci !== '0' && ci.toLowerCase() !== 'false';
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    interactive: Boolean(process.stdin.isTTY && process.stdout.isTTY) && !isCi,
    env: process.env,
  };
}

export interface Timing {
  /** Between two status polls. */
  pollMs: number;
  /** How long one App Runner operation (or a connection handshake) may take before deploy stops waiting. */
  timeoutMs: number;
}

const positive = (raw: string | undefined, fallback: number) => {
  const n = Number(raw);
  return raw !== undefined && raw !== '' && Number.isFinite(n) && n > 0 ? n : fallback;
};

/** CREATE_APPRUNNER_APP_POLL_MS (default 5 s) and CREATE_APPRUNNER_APP_TIMEOUT_MS (default 20 min). */
export function timingFrom(env: NodeJS.ProcessEnv): Timing {
  return {
    pollMs: positive(env.CREATE_APPRUNNER_APP_POLL_MS, 5_000),
    // A first deploy of a source-code service (build + provision) commonly takes 5-10 minutes.
    timeoutMs: positive(env.CREATE_APPRUNNER_APP_TIMEOUT_MS, 20 * 60_000),
  };
}
