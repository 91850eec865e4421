// One App Runner and one ECS Express stand-in per region behind a router each (every signed request goes
// to its region's stand-in), and the Tagging API stand-in answering from all of them, over one moto:
// the account-wide backends the ownership and workshop tests run the packed CLI against.
import { type Backends, deployEnv } from '../deploy/harness.js';
import { type AppRunnerStandIn, startAppRunnerStandIn } from '../standin/apprunner.js';
import { type EcsStandIn, startEcsExpressStandIn } from '../standin/ecs-express.js';
import type { Moto } from '../standin/moto.js';
import { startTaggingStandIn } from '../standin/tagging.js';
import { startRegionRouter } from '../standin/tagging-regions.js';

export interface Regional {
  apprunner: Record<string, AppRunnerStandIn>;
  ecs: Record<string, EcsStandIn>;
  /** The CLI's environment: credentials, moto and every endpoint. */
  env: Record<string, string | undefined>;
  close(): Promise<void>;
}

export async function startRegional(moto: Moto, regions: readonly string[]): Promise<Regional> {
  const byRegion = async <T>(start: (r: string) => Promise<T>) =>
    Object.fromEntries(await Promise.all(regions.map(async (r) => [r, await start(r)] as const)));
  const apprunner = await byRegion((region) => startAppRunnerStandIn({ region, operationDelayMs: 20 }));
  const ecs = await byRegion((region) => startEcsExpressStandIn({ region, deploymentPolls: 1, drainPolls: 1 }));
  const arRouter = await startRegionRouter(Object.fromEntries(regions.map((r) => [r, apprunner[r]!.url])));
  const ecsRouter = await startRegionRouter(Object.fromEntries(regions.map((r) => [r, ecs[r]!.url])));
  const tagging = await startTaggingStandIn({
    apprunner: Object.values(apprunner),
    ecs: Object.values(ecs),
    motoUrl: moto.url,
  });
  const b = { moto, standIn: { url: arRouter.url } } as unknown as Backends;
  return {
    apprunner,
    ecs,
    env: {
      ...deployEnv(b),
      AWS_ENDPOINT_URL_ECS: ecsRouter.url,
      AWS_ENDPOINT_URL_RESOURCE_GROUPS_TAGGING_API: tagging.url,
    },
    async close() {
      await Promise.all([
        tagging.close(),
        arRouter.close(),
        ecsRouter.close(),
        ...Object.values(apprunner).map((s) => s.close()),
        ...Object.values(ecs).map((s) => s.close()),
      ]);
    },
  };
}
