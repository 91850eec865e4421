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
  /** `fromConfig`: the platform did not report the size, so this is the deploy config's. */
  instance: { cpu: string; memory: string; fromConfig?: boolean };
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
  /** What could not be read (denied), each said in status instead of failing it whole. */
  unread?: string[];
  /** The custom domain `domain add` put in front of it (the deploy config's `domain:`), as it stands now. */
  domain?: { name: string; state: string; ready: boolean; dns?: string };
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

/** One deployment of the app, as `releases` lists it (newest first) and `rollback` picks from. */
export interface Release {
  /** The platform's own id of it: App Runner's operation id, the ECS service revision's id. */
  id: string;
  startedAt?: string;
  endedAt?: string;
  /** The platform's word for how it ended: SUCCEEDED, FAILED, SUCCESSFUL, ROLLBACK_SUCCESSFUL, IN_PROGRESS… */
  result: string;
  /** The image as deployed (a URI with :tag or @digest); undefined where neither the platform nor deploy recorded it. */
  image?: string;
  /** The digest the platform resolved the image to, where it says (ECS service revisions). */
  digest?: string;
  /** A code app's source (App Runner builds the branch head: it records no commit). */
  source?: string;
  /** The caller's ARN, as deploy recorded it. */
  by?: string;
}

/** pause and resume, where the platform has them. */
export interface Pausing<C extends Clients = Clients> {
  pause(live: Live<C>, ui: Ui): Promise<OperationResult>;
  resume(live: Live<C>, ui: Ui): Promise<OperationResult>;
  /** What a good pause or resume says (the bill before and after). */
  done(config: DeployConfig, verb: 'pause' | 'resume', next: string): string;
}

/** One DNS record a person creates where the domain is hosted (only its owner can). */
export interface DnsRecord {
  name: string;
  type: string;
  value: string;
  /** "validates the certificate", "points the name at the service". */
  purpose: string;
  /** The record that sends the name's traffic to the service (the one a DNS check looks for). */
  target?: boolean;
}

/** A custom domain as the platform has it now. */
export interface DomainView {
  name: string;
  /** The platform's own words: PENDING_CERTIFICATE_DNS_VALIDATION, ACTIVE, PENDING_VALIDATION, ISSUED, … */
  state: string;
  /** It serves the app (certificate valid and in place), DNS records aside. */
  ready: boolean;
  records: DnsRecord[];
  /** What DNS says of the name now (filled in by the commands, which look it up). */
  dns?: string;
  /** Sentences for a person: what was done, what is left, what was left alone. */
  notes: string[];
}

export interface DomainOptions {
  ui: Ui;
  /** Wait (bounded, Ctrl-C ends it) for the certificate where the platform needs it issued first. */
  wait: boolean;
  /** Print what would be sent; send no change. */
  dryRun: boolean;
  /** Called once AWS has accepted the domain, so the deploy config records it even if a wait is stopped. */
  accepted(): void;
}

/** `domain add/status/remove`: each platform's own way to put a domain of yours in front of the service. */
export interface Domains<C extends Clients = Clients> {
  /** The longest name the platform can serve. */
  readonly maxLength: number;
  add(live: Live<C>, name: string, o: DomainOptions): Promise<DomainView>;
  /**
   * undefined: the platform has nothing of this domain (never added, or removed by hand). With `finish`
   * (the domain status command, not status), it also does what add left for later (ECS Express: attach a
   * certificate ACM has issued meanwhile).
   */
  status(live: Live<C>, name: string, finish?: { ui: Ui; dryRun: boolean }): Promise<DomainView | undefined>;
  /** Undoes exactly what add did; 'gone' when there was nothing left of it. */
  remove(live: Live<C>, name: string, o: Omit<DomainOptions, 'wait' | 'accepted'>): Promise<'removed' | 'gone'>;
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
  /** The app's deployments, newest first, from the platform's own records plus deploy's release tags. */
  releases(live: Live<C>): Promise<Release[]>;
  /** After apply: records on the service who deployed which image (the platform does not). */
  recordRelease(ctx: Context, clients: C, applied: Applied, caller: string): Promise<void>;
  /** The results that mean a release went live (App Runner SUCCEEDED, ECS SUCCESSFUL). */
  readonly releaseSucceeded: ReadonlySet<string>;
  /**
   * Where the platform reads the app's secrets from a file in the repository instead of the deploy
   * config (App Runner code apps: apprunner.yaml's run.secrets): `secrets set` then asks for that file
   * to be updated and pushed before a deploy. undefined: the deploy config is enough.
   */
  secretsAlsoIn?(config: DeployConfig): string | undefined;
  /** Set when the platform has no platform log group: what `logs --service-log` says to use instead. */
  readonly platformLogInstead?: string;
  liveCost(config: DeployConfig, view: ServiceView): LiveCost;
  /** The log groups a deleted (or never-found) service left behind, newest first: logs still reads them. */
  keptLogGroups(live: Live<C>): Promise<LogGroups>;
  readonly domains: Domains<C>;
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
