// The app id: a stable identity drawn once, when the app is scaffolded, and kept in the deploy config
// (`app: { id }`). Every resource deploy creates carries it as a tag, so that "is this ours?" is
// answered by proof rather than by a name (two apps can share a name; they never share an id).
//
// Form: `app-` + 12 characters of RFC 4648 base32 in lower case (a-z, 2-7), drawn from crypto random:
// 60 bits, so two apps of one account share an id with a chance of about n²/2⁶¹. Lower case letters and
// digits only, so the id (and any slice of it) fits every AWS name and tag value as it is: ECR repository
// names are lower case, IAM role names are compared without case, App Runner names allow [A-Za-z0-9-_].
import { randomBytes } from 'node:crypto';

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz234567';
const PREFIX = 'app-';
const LENGTH = 12;
const APP_ID = new RegExp(`^${PREFIX}[a-z2-7]{${LENGTH}}$`);

export type AppId = string & { readonly __appId: unique symbol };

/** A new app id from crypto random (each of the 12 characters takes 5 bits of one random byte). */
export function newAppId(): AppId {
  const bytes = randomBytes(LENGTH);
  let text = PREFIX;
  for (const byte of bytes) text += ALPHABET[byte & 31];
  return text as AppId;
}

export const isAppId = (value: unknown): value is AppId => typeof value === 'string' && APP_ID.test(value);

/** The id from a config value, or the reason it is not one (for the config checker's message). */
export function parseAppId(value: unknown): { id: AppId } | { error: string } {
  if (isAppId(value)) return { id: value };
  const shown = typeof value === 'string' ? `"${value}"` : (JSON.stringify(value) ?? String(value));
  return {
    error:
      `app.id ${shown} is not an app id (${PREFIX} and ${LENGTH} of a-z and 2-7, e.g. ${PREFIX}k3j5m2q7x9ab). ` +
      'It is written when the app is made and added by deploy to older configs; restore it from git rather than ' +
      'inventing one, or delete the line and deploy adds a new one (then deploy --adopt takes over what the old id owned).',
  };
}

/** The deploy config's `app:` section checked: absent is fine (deploy adds an id), anything else must be `{ id }`. */
export function checkAppSection(raw: unknown): { app?: { id: AppId }; errors: string[] } {
  if (raw === undefined || raw === null) return { errors: [] };
  if (typeof raw !== 'object' || Array.isArray(raw))
    return { errors: ['app must be a mapping holding id (app:\n  id: app-…).'] };
  const unknown = Object.keys(raw).filter((k) => k !== 'id');
  const parsed = parseAppId((raw as { id?: unknown }).id);
  const errors = [
    ...unknown.map((k) => `app.${k} is not a field of app (only id).`),
    ...('error' in parsed ? [parsed.error] : []),
  ];
  return 'id' in parsed && !errors.length ? { app: { id: parsed.id }, errors } : { errors };
}

/** The id's random part, cut to `length` characters: as unguessable as a hash of the id, and readable back to it. */
export const idSuffix = (id: AppId, length = 8): string => id.slice(PREFIX.length, PREFIX.length + length);

// One id per spec object: the scaffold asks for the deploy config more than once (file, cost line) and
// must get the same id each time; a new spec (a new app) gets a new one.
const drawn = new WeakMap<object, AppId>();
export function appIdOf(spec: object): AppId {
  let id = drawn.get(spec);
  if (!id) drawn.set(spec, (id = newAppId()));
  return id;
}
