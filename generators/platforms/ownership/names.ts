// Every per-app AWS resource name, in one place, each checked against its AWS limit. A name is the
// service name (readable) cut to fit, then what makes it unique: the first 8 characters of the app id's
// random part (lower case, never cut), and, for IAM roles, the region.
//
// Why these parts:
// - IAM is global and compares role names without case: `AppRunnerInstance-My_Api` and
//   `AppRunnerInstance-my_api` are one role, and the same app in two regions would share one role.
//   So role names carry the region and the id: one role per app per region, distinct after case folding.
// - Regional resources (ECR repositories, App Runner configurations and connectors, log groups) live in
//   a per-region namespace, so the region adds nothing there but length (an auto scaling configuration
//   has 32 characters); the id suffix makes My_Api and my-api (both `my-api` as an ECR name) distinct.
// - Truncation cuts only the readable part: the id suffix (and region) always survive, so two apps whose
//   long names share a prefix still differ.
// Log groups are not named here: App Runner and ECS Express name and create the app's log groups
// themselves (per service id / service revision), and deploy reads where they are.
// Shared account-wide roles (App Runner's ECR access role, ECS Express's infrastructure role) are not
// per app: their names are AWS's own and are kept in the platform folders.
import { type AppId, idSuffix } from '../../core/app-id.js';

export interface AppRef {
  id: AppId;
  /** The service name from the deploy config (App Runner: 4-40 of [A-Za-z0-9-_], starting alphanumeric). */
  name: string;
  region: string;
}

/** One AWS name rule: length, characters, where AWS documents it. */
interface Limit {
  min: number;
  max: number;
  pattern: RegExp;
  /** IAM: names differing only in case are the same name. */
  caseInsensitive?: boolean;
  doc: string;
}

export const LIMITS = {
  // RoleName: 1-64 of [\w+=,.@-]; "names are not distinguished by case".
  // https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateRole.html
  // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html#reference_iam-quotas-names
  role: {
    min: 1,
    max: 64,
    pattern: /^[\w+=,.@-]+$/,
    caseInsensitive: true,
    doc: 'https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateRole.html',
  },
  // repositoryName: 2-256, lower case, (?:[a-z0-9]+(?:[._-][a-z0-9]+)*/)*[a-z0-9]+(?:[._-][a-z0-9]+)*
  repository: {
    min: 2,
    max: 256,
    pattern: /^[a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*(\/[a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*)*$/,
    doc: 'https://docs.aws.amazon.com/AmazonECR/latest/APIReference/API_CreateRepository.html',
  },
  // AutoScalingConfigurationName: 4-32, [A-Za-z0-9][A-Za-z0-9\-_]{3,31}
  autoScaling: {
    min: 4,
    max: 32,
    pattern: /^[A-Za-z0-9][A-Za-z0-9_-]{3,31}$/,
    doc: 'https://docs.aws.amazon.com/apprunner/latest/api/API_CreateAutoScalingConfiguration.html',
  },
  // ObservabilityConfigurationName: 4-32, [A-Za-z0-9][A-Za-z0-9\-_]{3,31}
  observability: {
    min: 4,
    max: 32,
    pattern: /^[A-Za-z0-9][A-Za-z0-9_-]{3,31}$/,
    doc: 'https://docs.aws.amazon.com/apprunner/latest/api/API_CreateObservabilityConfiguration.html',
  },
  // VpcConnectorName: 4-40, [A-Za-z0-9][A-Za-z0-9\-_]{3,39}
  vpcConnector: {
    min: 4,
    max: 40,
    pattern: /^[A-Za-z0-9][A-Za-z0-9_-]{3,39}$/,
    doc: 'https://docs.aws.amazon.com/apprunner/latest/api/API_CreateVpcConnector.html',
  },
  // ServiceName: 4-40, [A-Za-z0-9][A-Za-z0-9-_]{3,39}
  appRunnerService: {
    min: 4,
    max: 40,
    pattern: /^[A-Za-z0-9][A-Za-z0-9_-]{3,39}$/,
    doc: 'https://docs.aws.amazon.com/apprunner/latest/api/API_CreateService.html',
  },
  // serviceName: up to 255 letters, numbers, underscores and hyphens.
  ecsService: {
    min: 1,
    max: 255,
    pattern: /^[A-Za-z0-9_-]+$/,
    doc: 'https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_CreateExpressGatewayService.html',
  },
} as const satisfies Record<string, Limit>;

export type NameKind = keyof typeof LIMITS;

/** Why `value` is not a valid `kind` name, or undefined. */
export function nameProblem(kind: NameKind, value: string): string | undefined {
  const l: Limit = LIMITS[kind];
  if (value.length < l.min || value.length > l.max)
    return `${kind} name ${value} has ${value.length} characters; AWS allows ${l.min}-${l.max} (${l.doc})`;
  if (!l.pattern.test(value)) return `${kind} name ${value} has characters AWS does not allow there (${l.doc})`;
  return undefined;
}

/** A name this module built: a broken one is this module's bug, so it fails loudly rather than at AWS. */
function checked(kind: NameKind, value: string): string {
  const problem = nameProblem(kind, value);
  if (problem) throw new Error(`create-apprunner-app built an invalid ${problem}`);
  return value;
}

/** `head` cut so that head + tail fits `max`; no separator left dangling at the cut. */
function fit(head: string, tail: string, max: number): string {
  const room = max - tail.length;
  return `${head.slice(0, room).replace(/[-_.]+$/, '')}${tail}`;
}

const tailOf = (app: AppRef, withRegion: boolean) => `-${withRegion ? `${app.region}-` : ''}${idSuffix(app.id)}`;

/** The names deploy gives this app's own resources (this version on). */
export function namesOf(app: AppRef) {
  const role = (prefix: string) => checked('role', fit(`${prefix}-${app.name}`, tailOf(app, true), LIMITS.role.max));
  const regional = (kind: NameKind, head = app.name) => checked(kind, fit(head, tailOf(app, false), LIMITS[kind].max));
  return {
    /** App Runner: the role the app runs as (secrets, tracing). */
    instanceRole: role('AppRunnerInstance'),
    /** ECS Express: the task execution role (pull the image, write logs, read the secrets). */
    executionRole: role('ecsTaskExecution'),
    /** ECS Express, made by migrate: the role the app's code runs as (the App Runner instance role's policies). */
    taskRole: role('ecsTask'),
    /** ECR wants lower case; `_` becomes `-` as in the app's slug. */
    repository: regional('repository', app.name.toLowerCase().replace(/_/g, '-')),
    autoScaling: regional('autoScaling'),
    observability: regional('observability'),
    vpcConnector: regional('vpcConnector'),
    /** The service keeps the name the person chose: it is theirs to see on the console. */
    appRunnerService: checked('appRunnerService', app.name),
    ecsService: checked('ecsService', app.name),
  };
}

export type AppNames = ReturnType<typeof namesOf>;

/**
 * The names earlier versions used (one service name, no id): existing deployments still have them. Deploy
 * does not create them any more; status and delete look for them, use them only as the owner rules allow
 * (owner.ts), and delete one only if it carries this app's id tag.
 */
export function legacyNamesOf(name: string) {
  const short = (suffix: string, max: number) =>
    `${name.slice(0, max - suffix.length - 1).replace(/[-_]+$/, '')}-${suffix}`;
  return {
    instanceRole: `AppRunnerInstance-${name}`,
    executionRole: `ecsTaskExecution-${name}`,
    taskRole: `ecsTask-${name}`,
    repository: name.toLowerCase().replace(/_/g, '-'),
    autoScaling: `${name.slice(0, 24).replace(/[-_]+$/, '')}-scaling`,
    observability: short('tracing', 32),
    vpcConnector: short('vpc', 40),
  };
}

/**
 * The name of the app's own role of `kind` in `region`. A config an older version wrote has no id until
 * the deploy that adds it (app-id-file.ts), so its dry run can only show the name the role had then.
 */
export function appRoleName(
  config: { app?: { id: AppId }; service: { name: string } },
  region: string,
  kind: 'instanceRole' | 'executionRole' | 'taskRole',
): string {
  const id = config.app?.id;
  return id ? namesOf({ id, name: config.service.name, region })[kind] : legacyNamesOf(config.service.name)[kind];
}

/** The name of the app's own App Runner configuration or connector of `kind` (the same rule for an id-less config). */
export function appResourceName(
  config: { app?: { id: AppId }; service: { name: string; region: string } },
  kind: 'autoScaling' | 'observability' | 'vpcConnector',
): string {
  const id = config.app?.id;
  return id
    ? namesOf({ id, name: config.service.name, region: config.service.region })[kind]
    : legacyNamesOf(config.service.name)[kind];
}
