// The deploy config: one checked-in, human-editable YAML file holding everything CreateService needs.
// The generator writes it from the spec; deploy reads it back. Comments in the file say what each
// field maps to, so the file teaches.

import { DEFAULT_TARGET, platformOf } from '../platforms/registry.js';
import { type AppId, appIdOf, idSuffix } from './app-id.js';
import type { TargetId } from './options.js';
import type { Spec } from './spec.js';
import { slugOf } from './validate.js';
import type { Workshop } from './workshop.js';
import { toYaml, type YamlValue } from './yaml-out.js';

export { DEPLOY_CONFIG_FILE } from './files.js';
import { DEPLOY_CONFIG_FILE } from './files.js';

export interface DeployConfig {
  /** Where deploy puts the app; absent (configs written before there were two targets) = apprunner. */
  target?: TargetId;
  service: { name: string; region: string };
  source: { kind: 'code'; autoDeploy: boolean } | { kind: 'image'; ecrRepository: string; port: number };
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
  /** Written by `migrate`: the App Runner service this app was moved from, and what ECS Express keeps of it. */
  migratedFrom?: MigratedFrom;
  /** Workshop settings (core/workshop.ts): the owner and expiry tags deploy puts on what it creates. */
  workshop?: Workshop;
  /**
   * The app's identity (core/app-id.ts), drawn at scaffold time and tagged onto everything deploy creates
   * (`create-apprunner-app:app-id`). Absent only in configs written before there were ids: the next
   * deploy adds it (withAppId). The last key of the file: nobody needs to edit it.
   */
  app?: { id: AppId };
}

export interface MigratedFrom {
  /** The App Runner service's ARN (never deleted by migrate: the way back). */
  apprunnerService: string;
  /** The image it ran, by digest. */
  image?: string;
  /** The task role migrate made from the instance role (same policies, ECS trust); deploy keeps sending it. */
  taskRole?: string;
  /** App Runner's concurrency scaling as REQUEST_COUNT_PER_TARGET (requests per task per minute). */
  requestsPerTarget?: number;
}

/**
 * The app's ECR repository: ECR names are lowercase, so the slug of the service name, which My_Api and
 * my-api share; where the slug is not the name itself, the app id's short hash keeps it this app's
 * (my-api-k3j5m2q7). A config from before ids keeps the slug.
 */
export function repositoryFor(serviceName: string, id?: AppId): string {
  const slug = slugOf(serviceName);
  return slug === serviceName || !id ? slug : `${slug}-${idSuffix(id)}`;
}

/** The repository deploy pushes to: the config's, or for a code app built into an image (ECS), its own. */
export const repositoryOf = (config: DeployConfig): string =>
  config.source.kind === 'image' ? config.source.ecrRepository : repositoryFor(config.service.name, config.app?.id);

/** `appId` defaults to the one drawn for this spec (the same on every call for one scaffold). */
export function deployConfigOf(spec: Spec, appId: AppId = appIdOf(spec)): DeployConfig {
  return {
    target: spec.target,
    service: { name: spec.name, region: spec.region },
    source:
      spec.source === 'code'
        ? { kind: 'code', autoDeploy: false }
        : { kind: 'image', ecrRepository: repositoryFor(spec.name, appId), port: spec.port },
    instance: { cpu: Number(spec.cpu), memory: Number(spec.memory) },
    // App Runner's defaults, but on the app's own health route over HTTP instead of a bare TCP check.
    healthCheck: {
      protocol: 'HTTP',
      path: spec.healthPath,
      interval: 5,
      timeout: 2,
      healthyThreshold: 1,
      unhealthyThreshold: 5,
    },
    autoScaling: { ...spec.scaling },
    // A code app's variables live in its apprunner.yaml (run.env), which App Runner reads itself.
    environment: spec.source === 'image' ? Object.fromEntries(spec.env.map((e) => [e.name, e.value])) : {},
    ...(spec.secrets.length ? { secrets: Object.fromEntries(spec.secrets.map((e) => [e.name, e.valueFrom])) } : {}),
    ...(spec.network
      ? {
          network:
            'vpcConnectorArn' in spec.network
              ? { vpcConnectorArn: spec.network.vpcConnectorArn }
              : { vpcSubnets: spec.network.subnets, vpcSecurityGroups: spec.network.securityGroups },
        }
      : {}),
    ...(spec.domain ? { domain: spec.domain } : {}),
    ...(spec.tracing ? { observability: { tracing: true } } : {}),
    app: { id: appId },
  };
}

export const TARGET_COMMENT =
  'Where deploy puts the app: apprunner (AWS App Runner) or ecs-express (Amazon ECS Express Mode).\n' +
  ' Switch with `create-apprunner-app deploy --target <id>`, which records the choice here.';

export const APP_COMMENT =
  "This app's id: deploy tags everything it creates with it (create-apprunner-app:app-id) and touches\n" +
  " only what carries it. Keep it; do not copy it into another app (a copy would own this app's resources).";

export function renderDeployConfig(config: DeployConfig): string {
  const { header, comments } = deployConfigComments(config);
  return toYaml(config as unknown as { [key: string]: YamlValue }, comments, header);
}

/** The file's header and the comment above each key (by dotted path), in the platform's words. */
export function deployConfigComments(config: DeployConfig): { header: string; comments: Record<string, string> } {
  const { words } = platformOf(config.target ?? DEFAULT_TARGET);
  const header =
    ` ${DEPLOY_CONFIG_FILE}: how \`create-apprunner-app deploy\` creates and updates this service.\n` +
    `${words.configHeader}\n Edit it, then deploy again.`;
  const comments: Record<string, string> = {
    target: ` ${TARGET_COMMENT}`,
    ...words.configComments,
    app: ` ${APP_COMMENT}`,
  };
  if (config.source.kind === 'code') {
    comments.environment += '\n A code app reads run.env in apprunner.yaml instead: set its variables there.';
    comments.secrets += '\n A code app also lists them in apprunner.yaml (run.secrets): keep the two in step.';
  }
  return { header, comments };
}
