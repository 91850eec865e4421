// One key per resource, and the keys a running service refers to: how the removal planner tells whether
// anything still uses a role, repository, configuration, connector or log group. Pure: ARNs and image
// URIs in, keys out.
// ARN forms: https://docs.aws.amazon.com/service-authorization/latest/reference/list_awsapprunner.html,
// .../list_amazonelasticcontainerservice.html, .../list_amazonelasticcontainerregistry.html,
// .../list_amazoncloudwatchlogs.html, .../list_awsidentityandaccessmanagementiam.html
import type { TargetId } from '../../core/options.js';

export type ResourceKind =
  'service' | 'role' | 'repository' | 'autoScaling' | 'observability' | 'vpcConnector' | 'logGroup';

/** IAM is global and case-insensitive; everything else is per region and compared as written. */
export function keyOf(kind: ResourceKind, region: string, name: string, platform?: TargetId): string {
  if (kind === 'role') return `role:${name.toLowerCase()}`;
  if (kind === 'service') return `service:${platform ?? '?'}:${region}:${name}`;
  return `${kind}:${region}:${name}`;
}

export interface ParsedArn {
  kind: ResourceKind;
  region: string;
  name: string;
  platform?: TargetId;
}

const APPRUNNER_KINDS: Record<string, ResourceKind> = {
  service: 'service',
  autoscalingconfiguration: 'autoScaling',
  observabilityconfiguration: 'observability',
  vpcconnector: 'vpcConnector',
};

/** What an ARN names, for the kinds deploy creates; undefined for anything else. */
export function parseArn(arn: string): ParsedArn | undefined {
  const parts = arn.split(':');
  if (parts.length < 6 || parts[0] !== 'arn') return undefined;
  const [, , service, region = '', , ...rest] = parts;
  const resource = rest.join(':');
  const path = resource.split('/');
  if (service === 'iam' && path[0] === 'role') return { kind: 'role', region: '', name: path[path.length - 1]! };
  if (service === 'apprunner' && APPRUNNER_KINDS[path[0]!] && path[1]) {
    const kind = APPRUNNER_KINDS[path[0]!]!;
    return { kind, region, name: path[1], ...(kind === 'service' ? { platform: 'apprunner' as const } : {}) };
  }
  // ECS: service/<cluster>/<name> (the old form service/<name> has no cluster).
  if (service === 'ecs' && path[0] === 'service' && path.length >= 2)
    return { kind: 'service', region, name: path[path.length - 1]!, platform: 'ecs-express' };
  if (service === 'ecr' && path[0] === 'repository' && path[1])
    return { kind: 'repository', region, name: path.slice(1).join('/') };
  if (service === 'logs' && rest[0] === 'log-group' && rest[1]) return { kind: 'logGroup', region, name: rest[1] };
  return undefined;
}

export const keyOfArn = (arn: string): string | undefined => {
  const p = parseArn(arn);
  return p && keyOf(p.kind, p.region, p.name, p.platform);
};

// <account>.dkr.ecr.<region>.amazonaws.com[.cn]/<repository>[:tag|@digest]
export const PRIVATE_ECR = /^\d{12}\.dkr\.ecr(?:-fips)?\.([a-z0-9-]+)\.amazonaws\.com(?:\.cn)?\/([^:@]+)/;

/** The repository key of a private ECR image URI; undefined for any other registry. */
export function keyOfImage(uri: string): string | undefined {
  const m = PRIVATE_ECR.exec(uri);
  return m ? keyOf('repository', m[1]!, m[2]!) : undefined;
}

/** A running service and the keys of what it uses. */
export interface ServiceRef {
  platform: TargetId;
  region: string;
  name: string;
  key: string;
  uses: string[];
}

/** What a described App Runner service uses (the DescribeService shape, only the fields read here). */
export function appRunnerUses(service: {
  InstanceConfiguration?: { InstanceRoleArn?: string };
  SourceConfiguration?: {
    AuthenticationConfiguration?: { AccessRoleArn?: string };
    ImageRepository?: { ImageIdentifier?: string };
  };
  AutoScalingConfigurationSummary?: { AutoScalingConfigurationArn?: string };
  NetworkConfiguration?: { EgressConfiguration?: { VpcConnectorArn?: string } };
  ObservabilityConfiguration?: { ObservabilityConfigurationArn?: string };
}): string[] {
  const arns = [
    service.InstanceConfiguration?.InstanceRoleArn,
    service.SourceConfiguration?.AuthenticationConfiguration?.AccessRoleArn,
    service.AutoScalingConfigurationSummary?.AutoScalingConfigurationArn,
    service.NetworkConfiguration?.EgressConfiguration?.VpcConnectorArn,
    service.ObservabilityConfiguration?.ObservabilityConfigurationArn,
  ];
  const image = service.SourceConfiguration?.ImageRepository?.ImageIdentifier;
  return [...arns.map((a) => (a ? keyOfArn(a) : undefined)), image ? keyOfImage(image) : undefined].filter(
    (k): k is string => Boolean(k),
  );
}

/** What an ECS service uses: its roles (task definition or Express configuration), images and log groups. */
export function ecsUses(
  region: string,
  used: { roleArns: (string | undefined)[]; images: (string | undefined)[]; logGroups: (string | undefined)[] },
): string[] {
  return [
    ...used.roleArns.map((a) => (a ? keyOfArn(a) : undefined)),
    ...used.images.map((i) => (i ? keyOfImage(i) : undefined)),
    ...used.logGroups.map((g) => (g ? keyOf('logGroup', region, g) : undefined)),
  ].filter((k): k is string => Boolean(k));
}
