// A deploy target: where the app runs. deploy.ts runs the shared steps (config, flags, credentials,
// ledger, Ctrl-C) and calls a target's steps in this order: plan (local checks, nothing sent), then
// either printDryRun, or apply (image, roles, create or update: returns once AWS accepted), wait (until
// the change has settled, unless --no-wait) and report (URL, health, logs, console). describe is the
// command a person runs to check on the service when deploy stops watching (Ctrl-C, --no-wait).
import type { TargetId } from '../core/options.js';
import type { Aws } from './shared/aws.js';
import type { Context } from './shared/context.js';
import { DeployError } from './shared/errors.js';

export interface Target<Plan = unknown, Applied = unknown> {
  readonly id: TargetId;
  /** "App Runner", "ECS Express Mode": for sentences. */
  readonly label: string;
  plan(ctx: Context): Promise<Plan>;
  printDryRun(ctx: Context, plan: Plan): void;
  apply(ctx: Context, aws: Aws, plan: Plan, account: string): Promise<Applied>;
  wait(ctx: Context, aws: Aws, applied: Applied): Promise<Applied>;
  report(ctx: Context, aws: Aws, applied: Applied): Promise<void>;
  describe(serviceArn: string, region: string): string;
  /** Closes what the target opened (its own SDK clients). */
  close?(): void;
}

/** Each target loads only when chosen, so an App Runner deploy never loads the ECS code (nor the reverse). */
export async function loadTarget(id: TargetId): Promise<Target> {
  if (id === 'ecs-express') return (await import('./targets/ecs-express/index.js')).createEcsExpressTarget() as Target;
  return (await import('./targets/apprunner/index.js')).createAppRunnerTarget() as Target;
}

/** The target will not take this account (App Runner's closed door): deploy offers `alternative` instead. */
export class TargetUnavailable extends DeployError {
  constructor(message: string, readonly alternative: TargetId, readonly command: string) {
    super(message, 1);
  }
}
