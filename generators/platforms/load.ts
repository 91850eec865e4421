// The only place that maps a platform id to its implementation: each platform's folder loads through a
// dynamic import when chosen, so an App Runner run never loads the ECS code (nor the reverse). Adding a
// platform is a folder under platforms/ and one row here (its ids, words and prices are rows of registry.ts).
import type { Platform } from './platform.js';
import { DEFAULT_TARGET, isTargetId, TARGET_IDS, type TargetId } from './registry.js';

/** Where an app goes when its deploy config names no target (the configs written before there were two). */
export const DEFAULT_PLATFORM: TargetId = DEFAULT_TARGET;

const LOADERS: Record<TargetId, () => Promise<Platform>> = {
  apprunner: async () => (await import('./apprunner/index.js')).appRunner as unknown as Platform,
  'ecs-express': async () => (await import('./ecs-express/index.js')).ecsExpress as unknown as Platform,
};

export const isPlatformId = isTargetId;

/** The ids this version knows, for messages ("apprunner, ecs-express"). */
export const platformIds = (): string => TARGET_IDS.join(', ');

export function loadPlatform(id: TargetId): Promise<Platform> {
  return LOADERS[id]();
}
