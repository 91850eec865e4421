// What status, logs, pause/resume and delete need from a deploy target. App Runner fills it in
// (apprunner.ts); another target (ECS Express) implements the same interface, and the commands do not
// change. A target without pause leaves pause/resume out, and the commands say so and name `delete`.
import type { DeployConfig } from '../core/deploy-config.js';
import type { Ui } from '../deploy/shared/ui.js';
import type { OpsAws } from './aws-ops.js';

/** The live service, as status shows it. */
export interface ServiceView {
  name: string;
  /** The target's own state word: RUNNING, PAUSED, OPERATION_IN_PROGRESS, ACTIVE, … */
  state: string;
  url?: string;
  lastOperation?: { type: string; status: string; startedAt?: string; endedAt?: string };
  instance: { cpu: string; memory: string };
  scaling?: { minSize?: number; maxSize?: number; maxConcurrency?: number };
  /** Tasks of the current deployment (ECS), where the target reports them. */
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
  /** The app's own output (undefined: the target has not said where yet). */
  application?: string;
  /** The platform's build/deploy/health events (undefined: the target has no such log group). */
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
  /** SUCCEEDED, FAILED, … */
  outcome?: string;
}

export interface Target {
  readonly id: 'apprunner' | 'ecs-express';
  /** "App Runner" */
  readonly label: string;
  /** undefined = not deployed. */
  describe(): Promise<ServiceView | undefined>;
  /** Waits while an operation runs; returns the settled view (undefined once gone). */
  settle(ui: Ui): Promise<ServiceView | undefined>;
  pause?(ui: Ui): Promise<OperationResult>;
  resume?(ui: Ui): Promise<OperationResult>;
  /** Waits for an operation in progress first (never half-deletes), then lists what delete would remove. */
  planRemoval(options: { keepImage: boolean; ui: Ui }): Promise<RemovalPlan>;
  /** Set when the target has no platform log group: what `logs --service-log` says to use instead. */
  readonly platformLogInstead?: string;
  /** CloudWatch Logs, where every target's logs are. */
  readonly logs: Pick<OpsAws, 'logGroupExists' | 'filterLogEvents'>;
  close(): void;
}

export interface TargetOptions {
  config: DeployConfig;
  region: string;
  profile?: string;
  signal: AbortSignal;
  env: NodeJS.ProcessEnv;
}
