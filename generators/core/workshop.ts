// Workshop settings of an app: who it belongs to (`owner`) and when it may be swept (`expires-at`). Both
// are tags on everything deploy creates (ownership/owner.ts toolTags), kept in the deploy config under
// `workshop:` so every later deploy tags the same, and read back by list, sweep, status and doctor.
// The owner can also end the service name (`--name-suffix owner`), so thirty `my-api`s in one shared
// account do not fight over one name.
import { readDuration } from './duration.js';
import { UsageError } from './errors.js';

export const OWNER_TAG = 'owner';
export const EXPIRES_TAG = 'expires-at';

export interface Workshop {
  owner?: string;
  /** ISO 8601, UTC (2026-12-04T18:00:00.000Z). */
  expiresAt?: string;
}

// An owner ends up in tag values of every service (ECS's pattern is the narrowest: letters, digits,
// spaces and _.:/=+-@) and, with --name-suffix, in the service name: letters, digits, - and _ only.
const OWNER = /^[A-Za-z0-9][A-Za-z0-9_-]{0,31}$/;

/** Why `owner` cannot be one, or undefined. */
export function ownerProblem(owner: string): string | undefined {
  if (OWNER.test(owner)) return undefined;
  return (
    `--owner ${JSON.stringify(owner)}: an owner is 1-32 letters, digits, - and _, starting with a letter or digit ` +
    '(it becomes a tag on every resource and can end the service name).'
  );
}

/**
 * The owner STS's caller names, made into a valid owner: an IAM user's name, or an assumed role's session
 * name (what SSO and most workshop accounts set to the person: `alice@example.com` → `alice`).
 * undefined for the root user or anything without a person's name in it.
 */
export function ownerFromCaller(arn: string): string | undefined {
  const user = /^arn:[^:]+:iam::\d+:user\/(?:.*\/)?([^/]+)$/.exec(arn)?.[1];
  const session = /^arn:[^:]+:sts::\d+:assumed-role\/[^/]+\/(.+)$/.exec(arn)?.[1];
  const raw = user ?? session;
  if (!raw) return undefined;
  const cleaned = raw
    .split('@')[0]!
    .replace(/[^A-Za-z0-9_-]+/g, '-')
    .replace(/^[-_]+|[-_]+$/g, '')
    .slice(0, 32)
    .replace(/[-_]+$/, '');
  return cleaned && OWNER.test(cleaned) ? cleaned : undefined;
}

/** `name-owner`, or why that name is not one the platform takes (its own rule, from `problem`). */
export function suffixedName(
  name: string,
  owner: string,
  problem: (name: string) => string | undefined,
): { name: string } | { error: string } {
  const suffix = `-${owner}`;
  const next = name.toLowerCase().endsWith(suffix.toLowerCase()) ? name : `${name}${suffix}`;
  const bad = problem(next);
  return bad
    ? { error: `--name-suffix owner makes the service name ${next}, which is refused: ${bad}.` }
    : { name: next };
}

/** Whether the expiry has passed, and by how long (ms), at `now`. */
export function expired(expiresAt: string | undefined, now = Date.now()): number | undefined {
  if (!expiresAt) return undefined;
  const at = Date.parse(expiresAt);
  return Number.isFinite(at) && at <= now ? now - at : undefined;
}

/** An expires-at value we wrote (ISO, UTC); anything else is not an expiry. */
export const isExpiry = (value: string) =>
  /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?Z$/.test(value) && Number.isFinite(Date.parse(value));

/** The deploy config's `workshop:` section, checked: one sentence per bad field. */
export function checkWorkshop(raw: unknown, errors: string[]): Workshop | undefined {
  if (raw === undefined || raw === null) return undefined;
  if (!isPlain(raw)) {
    errors.push('workshop must be a mapping (owner:, expiresAt:).');
    return undefined;
  }
  const out: Workshop = {};
  if (raw.owner !== undefined) {
    if (typeof raw.owner !== 'string' || ownerProblem(raw.owner))
      errors.push('workshop.owner: 1-32 letters, digits, - and _, starting with a letter or digit.');
    else out.owner = raw.owner;
  }
  if (raw.expiresAt !== undefined) {
    if (typeof raw.expiresAt !== 'string' || !isExpiry(raw.expiresAt))
      errors.push(
        'workshop.expiresAt: an ISO 8601 UTC time such as 2026-12-04T18:00:00Z (deploy --expires-in 8h writes it).',
      );
    else out.expiresAt = raw.expiresAt;
  }
  return out;
}

const isPlain = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** What the deploy command line asked for (deploy-flags.ts checks the values). */
export interface WorkshopFlags {
  owner?: string;
  expiresInMs?: number;
  /** Only `owner` is a suffix there is. */
  nameSuffix?: 'owner';
}

/** The flags' values, checked: a UsageError names the bad one and its format. */
export function workshopFlagsOf(extra: Record<string, string | boolean>): WorkshopFlags | undefined {
  const out: WorkshopFlags = {};
  if (typeof extra.owner === 'string') {
    const bad = ownerProblem(extra.owner);
    if (bad) throw new UsageError(bad);
    out.owner = extra.owner;
  }
  if (typeof extra['expires-in'] === 'string') {
    const d = readDuration('--expires-in', extra['expires-in']);
    if ('error' in d) throw new UsageError(d.error);
    out.expiresInMs = d.ms;
  }
  if (typeof extra['name-suffix'] === 'string') {
    if (extra['name-suffix'] !== 'owner')
      throw new UsageError(
        `--name-suffix ${JSON.stringify(extra['name-suffix'])}: the only suffix is owner (--name-suffix owner).`,
      );
    out.nameSuffix = 'owner';
  }
  return Object.keys(out).length ? out : undefined;
}
