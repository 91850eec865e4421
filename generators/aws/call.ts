// One AWS call, wrapped: whatever the SDK throws becomes an AwsCallError naming the operation and the
// resource. And how every thin client (apprunner.ts, ecs.ts, iam.ts, ...) loads its SDK package: on
// demand (never while scaffolding), bundled or not, with the bounded settings of client-config.ts.
import { type ClientSettings, clientSettings } from './client-config.js';
import { AwsCallError } from './errors.js';

export interface AwsOptions {
  region: string;
  profile?: string;
  /** Aborted by Ctrl-C: the call in flight ends as AwsCallError of kind 'cancelled'. */
  signal?: AbortSignal;
}

/** A resource tag as IAM, ECR and App Runner spell it (ECS spells it key/value). */
export interface Tag {
  Key?: string;
  Value?: string;
}

/** Runs one call; on failure throws AwsCallError naming it. */
export async function call<T>(operation: string, resource: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw new AwsCallError(operation, resource, error);
  }
}

/** Runs one call; `undefined` when `missing` says the failure means "not there" (each client's own rule). */
export async function callOrMissing<T>(
  operation: string,
  resource: string,
  run: () => Promise<T>,
  missing: (error: AwsCallError) => boolean,
): Promise<T | undefined> {
  try {
    return await call(operation, resource, run);
  } catch (error) {
    if (error instanceof AwsCallError && missing(error)) return undefined;
    throw error;
  }
}

/** Every item of every page of a paginated call, as one list. */
export async function listAll<T>(
  operation: string,
  resource: string,
  pages: () => AsyncIterable<object>,
  key: string,
): Promise<T[]> {
  return call(operation, resource, async () => {
    const all: T[] = [];
    for await (const page of pages()) all.push(...(((page as Record<string, unknown>)[key] as T[] | undefined) ?? []));
    return all;
  });
}

// Bundled, the SDK's CommonJS build arrives as a default export only; unbundled, as named exports.
export const interop = <T>(mod: T): T => (mod as { default?: T }).default ?? mod;

/** The settings every client is built with: the SDK's default credential chain, bounded time and tries. */
export function settingsOf({ region, profile }: AwsOptions): ClientSettings {
  // The SDK bundled in this package never changes under the user, so its notice that future SDK
  // releases will need Node 22 is noise on every run under Node 20.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  // The endpoints follow AWS_ENDPOINT_URL / AWS_ENDPOINT_URL_<SERVICE> by themselves (tests, stand-ins).
  return clientSettings(region, profile);
}
