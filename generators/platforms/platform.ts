// A platform: where the app runs (App Runner, ECS Express Mode). Everything the commands need from one
// is this interface, and each platform is one folder (platforms/<id>/) that fills it in; load.ts maps an
// id to its folder. The commands (generators/commands/) never ask which platform it is.
//
// deploy runs: plan (local checks, nothing sent), then either printDryRun, or connect, apply (image,
// roles, create or update: returns once AWS accepted), wait (until the change has settled, unless
// --no-wait) and report (URL, health, logs, console). describe is the command a person runs to check on
// the service when deploy stops watching (Ctrl-C, --no-wait). status, logs, pause/resume and delete
// read the live service through describeLive/settle, change it through pause/planRemoval.
import type { AwsOptions, Clients } from '../aws/clients.js';
import type { Logs } from '../aws/logs.js';
import type { DeployConfig } from '../core/deploy-config.js';
import type { TargetId } from '../core/options.js';
import type { PlatformDoctor } from '../doctor/platform-checks.js';
import type { ProjectChecks } from './shared/config.js';
import type { Context } from './shared/context.js';
import { DeployError } from './shared/errors.js';
import type { Timing } from './shared/settings.js';
import type { Ui } from './shared/ui.js';

/** What an in-app command (status, logs, pause, delete) works on: the live service of this app. */
export interface Live<C extends Clients = Clients> {
  clients: C;
  config: DeployConfig;
  region: string;
  timing: Timing;
  signal: AbortSignal;
  /** The credentials profile, for the clients of other regions (delete and status look there too). */
  profile?: string;
  /** delete: the keys (ownership/refs.ts keyOf) of the app's other services this run removes too. */
  removing?: string[];
}

/** The live service, as status shows it. */
export interface ServiceView {
  name: string;
  /** The platform's own state word: RUNNING, PAUSED, OPERATION_IN_PROGRESS, ACTIVE, … */
  state: string;
  url?: string;
  lastOperation?: { type: string; status: string; startedAt?: string; endedAt?: string };
  instance: { cpu: string; memory: string };
  /** `fromConfig`: the live setting could not be read (denied), so these are the deploy config's. */
  scaling?: { minSize?: number; maxSize?: number; maxConcurrency?: number; fromConfig?: boolean };
  /** Tasks of the current deployment (ECS), where the platform reports them. */
  tasks?: { running?: number; pending?: number; requested?: number };
  /** The image or the source revision the service runs. */
  source: string;
  logGroups: LogGroups;
  consoleUrl: string;
  /** Whether instances are billed now (false when paused). */
  billing: boolean;
  /** Whether the URL should answer now (status probes it only then). */
  serving: boolean;
}

export interface LogGroups {
  /** The app's own output (undefined: the platform has not said where yet). */
  application?: string;
  /** The platform's build/deploy/health events (undefined: the platform has no such log group). */
  platform?: string;
}

/** One thing delete will remove, and how. */
export interface Removal {
  /** "the App Runner service go-api", "the IAM role AppRunnerInstance-go-api". */
  label: string;
  remove(): Promise<'removed' | 'gone'>;
  /** Later removals wait for this one (a configuration cannot go while the service uses it). */
  blocking?: boolean;
}

export interface RemovalPlan {
  removals: Removal[];
  /** What stays, each with the reason ("shared by every App Runner service that pulls from ECR"). */
  kept: string[];
  /** What this app's config implies but is not there: gone already, or never created. */
  absent: string[];
}

export interface OperationResult {
  /** The state afterwards. */
  state: string;
  /** SUCCEEDED, FAILED, … ('ALREADY': nothing to do). */
  outcome?: string;
}

/** status's cost line: the figure at the service's live size, for --json and for a person. */
export interface LiveCost {
  json: Record<string, unknown>;
  text: string;
}

/** pause and resume, where the platform has them. */
export interface Pausing<C extends Clients = Clients> {
  pause(live: Live<C>, ui: Ui): Promise<OperationResult>;
  resume(live: Live<C>, ui: Ui): Promise<OperationResult>;
  /** What a good pause or resume says (the bill before and after). */
  done(config: DeployConfig, verb: 'pause' | 'resume', next: string): string;
}

export interface Platform<Plan = unknown, Applied = unknown, C extends Clients = Clients> {
  readonly id: TargetId;
  /** "App Runner", "Amazon ECS Express Mode": for sentences. */
  readonly label: string;
  /** "App Runner", "ECS Express Mode": where the name comes again and again (status lines). */
  readonly shortLabel: string;
  /** The AWS clients this platform talks through, one thin module per service (generators/aws/). */
  connect(o: AwsOptions): Promise<C>;
  /** What the platform refuses in the deploy config beyond the common format (checked before anything else). */
  readonly checkProject?: ProjectChecks;

  plan(ctx: Context): Promise<Plan>;
  printDryRun(ctx: Context, plan: Plan): void;
  apply(ctx: Context, clients: C, plan: Plan, account: string): Promise<Applied>;
  wait(ctx: Context, clients: C, applied: Applied): Promise<Applied>;
  report(ctx: Context, clients: C, applied: Applied): Promise<void>;
  describe(serviceArn: string, region: string): string;
  /** Why deploy --image refuses an image from `registry` ("Docker Hub") on this platform. */
  imageRefusal(registry: string): string;

  /** undefined = not deployed. */
  describeLive(live: Live<C>): Promise<ServiceView | undefined>;
  /** Waits while an operation runs; returns the settled view (undefined once gone). */
  settle(live: Live<C>, ui: Ui): Promise<ServiceView | undefined>;
  /** undefined: the platform cannot pause; `noPause` says what to do instead. */
  readonly pausing?: Pausing<C>;
  /** Without pausing: the bill that goes on, as one sentence ("" when there is nothing to add). */
  noPause(config: DeployConfig): string;
  /** Waits for an operation in progress first (never half-deletes), then lists what delete would remove. */
  planRemoval(live: Live<C>, options: { keepImage: boolean; ui: Ui }): Promise<RemovalPlan>;
  /** Set when the platform has no platform log group: what `logs --service-log` says to use instead. */
  readonly platformLogInstead?: string;
  liveCost(config: DeployConfig, view: ServiceView): LiveCost;
  /** CloudWatch Logs, where every platform's logs are. */
  logsOf(clients: C): Logs;

  /** The names deploy gives this app's resources on the platform, for delete, status and tests. */
  resourceNames(config: DeployConfig): Record<string, string>;
  /** The IaC templates (templates/<path>) that describe the same deployment. */
  readonly iac: { cloudformation: string };
  /** doctor's checks of this platform in a region (platforms/<id>/doctor.ts). */
  readonly doctor: PlatformDoctor;
  /** The IAM actions a deploy calls on this platform, for doctor's iam:SimulatePrincipalPolicy. */
  readonly deployActions: readonly string[];
}

/** The platform will not take this account (App Runner's closed door): deploy offers `alternative` instead. */
export class TargetUnavailable extends DeployError {
  constructor(
    message: string,
    readonly alternative: TargetId,
    readonly command: string,
  ) {
    super(message, 1);
  }
}
