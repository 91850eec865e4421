// The Amazon ECS Express Mode target: what deploy sends to ECS, in the order it runs. plan.ts (local
// checks, image plan), service.ts (image push, roles, create or update, wait), report.ts, dry-run.ts;
// requests.ts holds every request body. Guide: https://docs.aws.amazon.com/AmazonECS/latest/developerguide/express-service-overview.html
import type { Target } from '../../target.js';
import type { Ecs } from './ecs.js';
import { printEcsDryRun } from './dry-run.js';
import { planEcs, type EcsPlan } from './plan.js';
import { reportEcs } from './report.js';
import { describeCommand } from './requests.js';
import { applyEcs, waitEcs, type EcsApplied } from './service.js';

export function createEcsExpressTarget(): Target<EcsPlan, EcsApplied> {
  let ecs: Ecs | undefined;
  return {
    id: 'ecs-express',
    label: 'Amazon ECS Express Mode',
    plan: planEcs,
    printDryRun: printEcsDryRun,
    async apply(ctx, aws, plan, account) {
      const { createEcs } = await import('./ecs-sdk.js');
      ecs = await createEcs({ region: ctx.region, profile: ctx.options.profile, signal: ctx.signal });
      return applyEcs(ctx, aws, ecs, plan, account);
    },
    wait: (ctx, _aws, applied) => waitEcs(ctx, ecs!, applied),
    report: (ctx, _aws, applied) => reportEcs(ctx, applied),
    describe: describeCommand,
    close: () => ecs?.close(),
  };
}
