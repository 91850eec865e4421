// status degrades per field: a read the person's credentials may not make, or a field the platform
// leaves out, falls back to the deploy config's value and says so, instead of failing status whole or
// printing "undefined" or "?". Shared by every platform's describeLive.
import { AwsCallError, kindOf } from '../../aws/errors.js';
import type { DeployConfig } from '../../core/deploy-config.js';
import type { ServiceView } from '../platform.js';

/** A denied read → undefined (the caller falls back); any other failure stays one. */
export function unlessDenied(error: unknown): undefined {
  if (error instanceof AwsCallError && kindOf(error) === 'access-denied') return undefined;
  throw error;
}

/** `await read().catch(denied(unread, 'the last operation'))`: notes what could not be read. */
export const denied =
  (unread: string[], what: string) =>
  (error: unknown): undefined => {
    unlessDenied(error);
    unread.push(what);
    return undefined;
  };

const units = (v: string | undefined, per: number, unit: string) =>
  v && /^\d+$/.test(v) ? `${Number(v) / per} ${unit}` : v;

/** The live size in CPU units and MiB ("1024", "2048"), or the deploy config's when the platform gave none. */
export function sizeOf(cpu: string | undefined, memory: string | undefined, config: DeployConfig) {
  const live = { cpu: units(cpu, 1024, 'vCPU'), memory: units(memory, 1024, 'GB') };
  if (live.cpu && live.memory) return { cpu: live.cpu, memory: live.memory };
  return {
    cpu: live.cpu ?? `${config.instance.cpu} vCPU`,
    memory: live.memory ?? `${config.instance.memory} GB`,
    fromConfig: true,
  };
}

/** The live scaling bounds, or the deploy config's when either is missing (never "undefined-undefined"). */
export function scalingOf(
  live: { minSize?: number; maxSize?: number; maxConcurrency?: number } | undefined,
  config: DeployConfig,
  withConcurrency: boolean,
): NonNullable<ServiceView['scaling']> {
  const complete =
    live?.minSize !== undefined &&
    live.maxSize !== undefined &&
    (!withConcurrency || live.maxConcurrency !== undefined);
  if (complete) return withConcurrency ? live : { minSize: live.minSize, maxSize: live.maxSize };
  const { minSize, maxSize, maxConcurrency } = config.autoScaling;
  return { minSize, maxSize, ...(withConcurrency ? { maxConcurrency } : {}), fromConfig: true };
}
