// The pure heart of migrate: an App Runner service (facts.ts) → the ECS Express settings, one row per App
// Runner setting saying where it goes, or "not carried over: <the exact follow-up>". Nothing is read or sent
// here; read.ts gathers the facts and steps.ts acts on the result.
// App Runner: https://docs.aws.amazon.com/apprunner/latest/api/API_Service.html
// Express: https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_CreateExpressGatewayService.html
import type { MapOptions, SourceFacts } from './facts.js';
import { domainRows, networkRows } from './mapping-network.js';

export interface MappingRow {
  setting: string;
  appRunner: string;
  express: string;
  /** false: "not carried over", and `express` says what to do instead. */
  carried: boolean;
}

export type ImageChoice = { uri: string } | { build: true } | { stop: string };

export interface ExpressSettings {
  port: number;
  cpu: number;
  memory: number;
  environment: Record<string, string>;
  secrets: Record<string, string>;
  healthPath: string;
  minSize: number;
  maxSize: number;
  maxConcurrency: number;
  requestsPerTarget: number;
  network?: { subnets: string[]; securityGroups: string[] };
  taskRole: boolean;
}

export interface Mapping {
  rows: MappingRow[];
  warnings: string[];
  image: ImageChoice;
  settings: ExpressSettings;
}

/** App Runner's concurrency is requests in flight per instance; the load balancer counts requests per task per minute. */
export const SECONDS_PER_REQUEST = 1;
export const requestsPerMinute = (concurrency: number) => Math.round((concurrency * 60) / SECONDS_PER_REQUEST);

/** "1024", "1 vCPU", "0.25 vCPU" → vCPU; "2048", "2 GB" → GB (App Runner answers in either form). */
export function sizeOf(text: string | undefined, unit: 'vCPU' | 'GB', fallback: number): number {
  if (!text) return fallback;
  const n = Number(text.replace(/\s*(vCPU|GB)$/i, ''));
  if (!Number.isFinite(n) || n <= 0) return fallback;
  return new RegExp(unit, 'i').test(text) ? n : n / 1024;
}

export function mapService(facts: SourceFacts, o: MapOptions): Mapping {
  const rows: MappingRow[] = [];
  const warnings: string[] = [];
  const row = (setting: string, appRunner: string, express: string, carried = true) =>
    rows.push({ setting, appRunner, express, carried });
  const image = imageRows(facts, o, row);
  const { port, environment, secrets } = containerRows(facts, row);
  const cpu = sizeOf(facts.service.InstanceConfiguration?.Cpu, 'vCPU', 1);
  const memory = sizeOf(facts.service.InstanceConfiguration?.Memory, 'GB', 2);
  row(
    'CPU / memory',
    `${cpu} vCPU / ${memory} GB`,
    `cpu ${cpu * 1024} / memory ${memory * 1024} (the same Fargate size)`,
  );
  const taskRole = roleRows(facts, o, row, Object.keys(secrets).length);
  const healthPath = healthRows(facts, o, row);
  const scaling = scalingRows(facts, row);
  const network = networkRows(facts, row, warnings);
  domainRows(facts, row);
  extraRows(facts, row);
  return {
    rows,
    warnings,
    image,
    settings: { port, cpu, memory, environment, secrets, healthPath, ...scaling, network, taskRole },
  };
}

type Row = (setting: string, appRunner: string, express: string, carried?: boolean) => void;

function imageRows(facts: SourceFacts, o: MapOptions, row: Row): ImageChoice {
  const source = facts.service.SourceConfiguration;
  const repo = source?.ImageRepository;
  if (repo?.ImageIdentifier) {
    const id = repo.ImageIdentifier;
    const byDigest = id.includes('@') ? id : facts.digest ? `${id.replace(/:[^:/]+$/, '')}@${facts.digest}` : undefined;
    const uri = byDigest ?? id;
    row(
      'Image',
      `${id} (${repo.ImageRepositoryType ?? 'ECR'})`,
      byDigest
        ? `primaryContainer.image ${uri} (the image the tag points at now, by digest)`
        : `primaryContainer.image ${uri} (by tag: ${facts.digestProblem ?? 'no digest known'})`,
    );
    return { uri };
  }
  const code = source?.CodeRepository;
  const url = code?.RepositoryUrl ?? 'a source code repository';
  const steps =
    `ECS Express runs container images only. Containerize the app (a Dockerfile), build and push the image to ` +
    `Amazon ECR, then run migrate inside an app folder with that Dockerfile, or create the app with ` +
    `create-apprunner-app and deploy it with --target ecs-express --image <uri>.`;
  if (o.dockerfile) {
    row('Source', `code: ${url}`, "primaryContainer.image built from this app's Dockerfile and pushed to ECR");
    return { build: true };
  }
  row('Source', `code: ${url}`, `not carried over: ${steps}`, false);
  return { stop: steps };
}

function containerRows(facts: SourceFacts, row: Row) {
  const repo = facts.service.SourceConfiguration?.ImageRepository?.ImageConfiguration;
  const code = facts.service.SourceConfiguration?.CodeRepository?.CodeConfiguration?.CodeConfigurationValues;
  const conf = repo ?? code;
  const port = Number(conf?.Port ?? 8080) || 8080;
  row('Port', String(conf?.Port ?? '8080 (default)'), `primaryContainer.containerPort ${port}`);
  const environment = { ...(conf?.RuntimeEnvironmentVariables ?? {}) };
  const secrets = { ...(conf?.RuntimeEnvironmentSecrets ?? {}) };
  const names = (m: Record<string, string>) => Object.keys(m).sort().join(', ') || 'none';
  row('Environment variables', names(environment), `primaryContainer.environment (${Object.keys(environment).length})`);
  row(
    'Secrets',
    names(secrets),
    Object.keys(secrets).length
      ? `primaryContainer.secrets (${Object.keys(secrets).length}, valueFrom the same ARNs)`
      : 'none',
  );
  const start = conf?.StartCommand;
  if (start)
    row(
      'Start command',
      start,
      "not carried over: the image's own CMD runs. If the image needs this command, put it in the Dockerfile's CMD (exec form) and push a new image",
      false,
    );
  return { port, environment, secrets };
}

function roleRows(facts: SourceFacts, o: MapOptions, row: Row, secretCount: number): boolean {
  const access = facts.service.SourceConfiguration?.AuthenticationConfiguration?.AccessRoleArn;
  row(
    'Access role',
    access ?? 'none (public image or code source)',
    `executionRoleArn: the role ${o.names.executionRole} (ECR pull and logs${secretCount ? `, read exactly these ${secretCount} secret(s)` : ''}; the old role is not used)`,
  );
  const instance = facts.instanceRole;
  if (!instance) {
    row('Instance role', facts.service.InstanceConfiguration?.InstanceRoleArn ?? 'none', 'no task role');
    return false;
  }
  row(
    'Instance role',
    instance.arn,
    `taskRoleArn: a NEW role ${o.names.taskRole} trusted by ecs-tasks.amazonaws.com with the same policies ` +
      `(${instance.inline.length} inline copied, ${instance.managed.length} managed attached); ${instance.name} stays as it is`,
  );
  return true;
}

function healthRows(facts: SourceFacts, o: MapOptions, row: Row): string {
  const hc = facts.service.HealthCheckConfiguration;
  const protocol = hc?.Protocol ?? 'TCP';
  if (protocol === 'HTTP') {
    const path = o.healthPath ?? hc?.Path ?? '/';
    row('Health check', `HTTP ${hc?.Path ?? '/'}`, `healthCheckPath ${path}${o.healthPath ? ' (--health-path)' : ''}`);
  } else if (o.healthPath) {
    row(
      'Health check',
      'TCP (the port accepts connections)',
      `healthCheckPath ${o.healthPath} over HTTP (--health-path)`,
    );
  } else {
    row(
      'Health check',
      'TCP (the port accepts connections)',
      'healthCheckPath / over HTTP: Express checks an HTTP path and needs a 200 from it. If / does not answer 200, ' +
        "pass --health-path <the app's health route>",
    );
  }
  row(
    'Health check timing',
    `every ${hc?.Interval ?? 5} s, timeout ${hc?.Timeout ?? 2} s, ${hc?.HealthyThreshold ?? 1}/${hc?.UnhealthyThreshold ?? 5}`,
    "not carried over: Express sets its load balancer's check timing itself (change it on the target group if you must)",
    false,
  );
  return protocol === 'HTTP' ? (o.healthPath ?? hc?.Path ?? '/') : (o.healthPath ?? '/');
}

function scalingRows(facts: SourceFacts, row: Row) {
  const a = facts.autoScaling;
  const minSize = a?.MinSize ?? 1;
  const maxSize = Math.min(a?.MaxSize ?? 25, 25);
  const maxConcurrency = a?.MaxConcurrency ?? 100;
  const name = a ? `${a.AutoScalingConfigurationName}:${a.AutoScalingConfigurationRevision}` : 'default';
  row(
    'Scaling size',
    `${minSize}-${a?.MaxSize ?? 25} instances (${name})`,
    `minTaskCount ${minSize}, maxTaskCount ${maxSize}`,
  );
  const perTarget = requestsPerMinute(maxConcurrency);
  row(
    'Scaling signal',
    `${maxConcurrency} concurrent requests per instance`,
    `autoScalingMetric REQUEST_COUNT_PER_TARGET, target ${perTarget}: the load balancer counts requests per task per minute, ` +
      `and ${maxConcurrency} requests in flight that take about ${SECONDS_PER_REQUEST} s each are ${perTarget} a minute. ` +
      `If a request takes T seconds on average, ${perTarget}/T is the equal value (set migratedFrom.requestsPerTarget and deploy)`,
  );
  return { minSize, maxSize, maxConcurrency, requestsPerTarget: perTarget };
}

function extraRows(facts: SourceFacts, row: Row): void {
  const s = facts.service;
  const tracing = s.ObservabilityConfiguration?.ObservabilityEnabled;
  row(
    'X-Ray tracing',
    tracing
      ? `on (${facts.observability?.ObservabilityConfigurationName ?? s.ObservabilityConfiguration?.ObservabilityConfigurationArn})`
      : 'off',
    tracing
      ? 'not carried over: Express runs one container and no X-Ray sidecar. Send traces with the AWS Distro for OpenTelemetry SDK in the app (OTLP to a collector you run), or bring a task definition with a collector sidecar'
      : 'nothing to carry',
    !tracing,
  );
  const auto = s.SourceConfiguration?.AutoDeploymentsEnabled;
  row(
    'Automatic deployments',
    auto ? 'on' : 'off',
    auto
      ? 'not carried over: Express deploys when asked. Run create-apprunner-app deploy from CI on each push (or the aws-actions/amazon-ecs-deploy-express-service action)'
      : 'nothing to carry',
    !auto,
  );
  row(
    'AWS WAF',
    'not read by migrate (WAF associations live in AWS WAF)',
    `not carried over: check with aws wafv2 get-web-acl-for-resource --resource-arn ${s.ServiceArn} --region ${facts.region}; ` +
      "if it names a web ACL, associate a regional web ACL with the Express service's load balancer " +
      '(aws wafv2 associate-web-acl; the load balancer is shared by up to 25 Express services)',
    false,
  );
  if (s.EncryptionConfiguration?.KmsKey)
    row(
      'Encryption key',
      s.EncryptionConfiguration.KmsKey,
      'not carried over: App Runner encrypted its copy of the source with it; ECR and CloudWatch Logs keep their own encryption settings',
      false,
    );
}
