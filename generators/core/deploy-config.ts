// The deploy config: one checked-in, human-editable YAML file holding everything CreateService needs.
// The generator writes it from the spec; deploy reads it back. Comments in the file say what each
// field maps to, so the file teaches.
import { Document, Scalar, isMap, isScalar, parseDocument, visit } from 'yaml';
import type { TargetId } from './options.js';
import type { Spec } from './spec.js';

export { DEPLOY_CONFIG_FILE } from './files.js';
import { DEPLOY_CONFIG_FILE } from './files.js';

export interface DeployConfig {
  /** Where deploy puts the app; absent (configs written before there were two targets) = apprunner. */
  target?: TargetId;
  service: { name: string; region: string };
  source:
    | { kind: 'code'; autoDeploy: boolean }
    | { kind: 'image'; ecrRepository: string; port: number };
  instance: { cpu: number; memory: number };
  healthCheck: {
    protocol: 'HTTP' | 'TCP';
    path: string;
    interval: number;
    timeout: number;
    healthyThreshold: number;
    unhealthyThreshold: number;
  };
  autoScaling: { minSize: number; maxSize: number; maxConcurrency: number };
  environment: Record<string, string>;
  /** Variable name → Secrets Manager ARN, SSM parameter ARN or same-region parameter name. */
  secrets?: Record<string, string>;
  network?: { vpcConnectorArn: string } | { vpcSubnets: string[]; vpcSecurityGroups: string[] };
  domain?: string;
  observability?: { tracing: boolean };
}

export function deployConfigOf(spec: Spec): DeployConfig {
  return {
    target: spec.target,
    service: { name: spec.name, region: spec.region },
    source: spec.source === 'code'
      ? { kind: 'code', autoDeploy: false }
      : { kind: 'image', ecrRepository: spec.slug, port: spec.port },
    instance: { cpu: Number(spec.cpu), memory: Number(spec.memory) },
    // App Runner's defaults, but on the app's own health route over HTTP instead of a bare TCP check.
    healthCheck: { protocol: 'HTTP', path: spec.healthPath, interval: 5, timeout: 2, healthyThreshold: 1, unhealthyThreshold: 5 },
    autoScaling: { ...spec.scaling },
    // A code app's variables live in its apprunner.yaml (run.env), which App Runner reads itself.
    environment: spec.source === 'image' ? Object.fromEntries(spec.env.map((e) => [e.name, e.value])) : {},
    ...(spec.secrets.length ? { secrets: Object.fromEntries(spec.secrets.map((e) => [e.name, e.valueFrom])) } : {}),
    ...(spec.network ? {
      network: 'vpcConnectorArn' in spec.network ? { vpcConnectorArn: spec.network.vpcConnectorArn }
        : { vpcSubnets: spec.network.subnets, vpcSecurityGroups: spec.network.securityGroups },
    } : {}),
    ...(spec.domain ? { domain: spec.domain } : {}),
    ...(spec.tracing ? { observability: { tracing: true } } : {}),
  };
}

const API = 'https://docs.aws.amazon.com/apprunner/latest/api';
const TARGET_COMMENT = 'Where deploy puts the app: apprunner (AWS App Runner) or ecs-express (Amazon ECS Express Mode).\n'
  + ' Switch with `create-apprunner-app deploy --target <id>`, which records the choice here.';

/** The deploy config text with `target:` set, comments and layout kept (deploy --target records the choice). */
export function withTarget(text: string, target: TargetId): string {
  const doc = parseDocument(text);
  if (!isMap(doc.contents)) throw new Error('the deploy config is not a YAML mapping');
  const pair = doc.contents.items.find((p) => (p.key as { value?: unknown })?.value === 'target');
  if (pair) {
    doc.set('target', target);
    return doc.toString({ lineWidth: 0 });
  }
  // A new first key: the file's header comment stays the header, the key gets its own comment. The
  // parser hangs the header on the first key, with a blank line between it and that key's own comment.
  const first = doc.contents.items[0]?.key as { commentBefore?: string } | undefined;
  const blank = first?.commentBefore?.indexOf('\n\n') ?? -1;
  if (first?.commentBefore && blank >= 0 && !doc.commentBefore) {
    doc.commentBefore = first.commentBefore.slice(0, blank);
    first.commentBefore = first.commentBefore.slice(blank + 2);
  }
  const node = doc.createPair('target', target);
  (node.key as { commentBefore?: string }).commentBefore = ` ${TARGET_COMMENT}`;
  doc.contents.items.unshift(node as never);
  return doc.toString({ lineWidth: 0 });
}
const COMMENTS: Record<string, string> = {
  target: ` ${TARGET_COMMENT}`,
  service: ' ServiceName (4-40 letters, digits, - and _) and the region it lives in.',
  source: ' kind: code = App Runner builds this repository with apprunner.yaml (CodeRepository);\n'
    + ' kind: image = a container image in Amazon ECR (ImageRepository).',
  'source.autoDeploy': ' AutoDeploymentsEnabled: redeploy on every push (App Runner bills $1 a month for it).',
  'source.ecrRepository': ' The private ECR repository deploy pushes the image to (created if missing).',
  'source.port': ' ImageConfiguration.Port: the port the container listens on.',
  instance: ` InstanceConfiguration: cpu in vCPU (0.25, 0.5, 1, 2, 4), memory in GB, as a pair App Runner offers:\n`
    + ' 0.25 → 0.5|1 · 0.5 → 1 · 1 → 2|3|4 · 2 → 4|6 · 4 → 8|10|12.',
  healthCheck: ` HealthCheckConfiguration (${API}/API_HealthCheckConfiguration.html):\n`
    + ' interval and timeout in seconds (1-20), thresholds 1-20.',
  autoScaling: ` AutoScalingConfiguration (${API}/API_CreateAutoScalingConfiguration.html):\n`
    + ' instances from minSize (1-25) to maxSize, one more per maxConcurrency (1-200) requests in flight.\n'
    + ' Non-default values make deploy create or reuse a named configuration.',
  environment: ' Plain environment variables for the running app (never secrets: PORT is set by App Runner).',
  secrets: ' Variables read at start from Secrets Manager or SSM Parameter Store (RuntimeEnvironmentSecrets).\n'
    + ' Deploy gives the service an instance role that may read exactly these and nothing more.',
  network: ` NetworkConfiguration.EgressConfiguration (${API}/API_EgressConfiguration.html): outbound traffic goes\n`
    + ' into your VPC through this connector (deploy creates one from vpcSubnets + vpcSecurityGroups).',
  domain: ' A custom domain deploy associates (AssociateCustomDomain); it prints the DNS records to create.',
  observability: ' X-Ray tracing through an observability configuration.',
};

export function renderDeployConfig(config: DeployConfig): string {
  const doc = new Document(config);
  doc.commentBefore = ` ${DEPLOY_CONFIG_FILE}: how \`create-apprunner-app deploy\` creates and updates this service.\n`
    + ` Every field maps onto App Runner's CreateService input (${API}/API_CreateService.html).\n`
    + (config.target === 'ecs-express'
      ? ' With target: ecs-express, deploy sends them as ECS\'s CreateExpressGatewayService instead (same sizes, as Fargate\n'
        + ' task sizes): https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_CreateExpressGatewayService.html\n'
      : '')
    + ' Edit it, then deploy again.';
  const comments = { ...COMMENTS };
  if (config.source.kind === 'code') {
    comments.environment += '\n A code app reads run.env in apprunner.yaml instead: set its variables there.';
    comments.secrets += '\n A code app also lists them in apprunner.yaml (run.secrets): keep the two in step.';
  }
  for (const [path, comment] of Object.entries(comments)) {
    const key = keyNode(doc, path);
    if (key) key.commentBefore = comment;
  }
  quoteUnlessPlain(doc);
  return doc.toString({ lineWidth: 0 });
}

// Plain (unquoted) only where every YAML reader agrees it is this string: no YAML 1.1 booleans or nulls
// (`yes`, `off`, `n`), nothing that starts like a number, date or sexagesimal (`0x1F`, `2001-12-14`, `1:30`).
const PLAIN_SAFE = /^[A-Za-z/][A-Za-z0-9._/-]*$/;
const YAML_11_WORDS = /^(y|yes|n|no|true|false|on|off|null)$/i;

/** Double-quotes every string (keys too: an environment variable named ON is a boolean to YAML 1.1) a reader could misread. */
function quoteUnlessPlain(doc: Document): void {
  visit(doc, {
    Scalar(_, node) {
      if (typeof node.value === 'string' && (!PLAIN_SAFE.test(node.value) || YAML_11_WORDS.test(node.value))) {
        node.type = Scalar.QUOTE_DOUBLE;
      }
    },
  });
}

// A comment reads best above the key, so it is put on the key node rather than the value.
function keyNode(doc: Document, path: string): { commentBefore?: string } | undefined {
  const parts = path.split('.');
  const last = parts.pop()!;
  const parent = parts.length ? doc.getIn(parts, true) : doc.contents;
  if (!isMap(parent)) return undefined;
  const pair = parent.items.find((p) => (p.key as { value?: unknown })?.value === last);
  return pair?.key as { commentBefore?: string } | undefined;
}

export function parseDeployConfig(text: string): unknown {
  const doc = parseDocument(text, { keepSourceTokens: true });
  if (doc.errors.length) throw doc.errors[0];
  const data = doc.toJS() as unknown;
  // A variable's value must reach the app exactly as written: YAML would read `1.10` as 1.1, `01234` as
  // 1234, `0x1F` as 31 and a 20-digit number as a rounded float. A plain (unquoted) value that YAML reads
  // as anything but text is therefore taken from the file's own characters.
  const env = doc.get('environment', true);
  if (isMap(env) && data && typeof data === 'object' && isPlainObject((data as Record<string, unknown>).environment)) {
    const out = (data as { environment: Record<string, unknown> }).environment;
    for (const pair of env.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : undefined;
      const node = pair.value;
      if (key === undefined || !isScalar(node) || typeof node.value === 'string' || node.value === null) continue;
      if (node.type === Scalar.PLAIN && node.srcToken && 'source' in node.srcToken) out[key] = node.srcToken.source;
    }
  }
  return data;
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
