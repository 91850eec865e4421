// The local half of an ECS Express deploy: refuse what has no meaning on this target (never drop it
// silently), then plan the image, port and environment. No AWS here.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { parse } from 'yaml';

import { DEPLOY_CONFIG_FILE, repositoryOf } from '../../core/deploy-config.js';
import type { Context } from '../shared/context.js';
import { usageError } from '../shared/errors.js';
import { type ImagePlan, planImage } from '../shared/image.js';

export interface EcsPlan {
  image: ImagePlan;
  port: number;
  environment: Record<string, string>;
}

/** Why deploy --image refuses an image from another registry for ECS Express Mode. */
export function imageRefusal(registry: string): string {
  return (
    `deploy gives ECS Express Mode images from Amazon ECR (private) or ECR Public only, not from ${registry}: ` +
    'the task execution role it creates pulls from ECR.'
  );
}

export async function planEcs(ctx: Context): Promise<EcsPlan> {
  refuseMisfits(ctx);
  const { config } = ctx;
  const code = config.source.kind === 'code' ? appRunnerRun(ctx.project.dir) : undefined;
  const repository = repositoryOf(config);
  const image = await planImage(ctx, { refusal: imageRefusal, repository, unique: true });
  const port = config.source.kind === 'image' ? config.source.port : (code?.port ?? 8080);
  return { image, port, environment: { ...code?.env, ...config.environment } };
}

function refuseMisfits(ctx: Context): void {
  const { config, options, ui } = ctx;
  const problems: string[] = [];
  const flags = (
    [
      ['repositoryUrl', '--repository-url'],
      ['branch', '--branch'],
      ['connectionArn', '--connection-arn'],
      ['replaceFailed', '--replace-failed'],
    ] as const
  )
    .filter(([key]) => options[key] !== undefined && options[key] !== false)
    .map(([, flag]) => flag);
  if (flags.length)
    problems.push(
      `${flags.join(', ')}: App Runner's source-code options; ECS Express Mode runs the image built from this app's Dockerfile.`,
    );
  if (config.domain) {
    problems.push(
      `domain: ${config.domain}: ECS Express Mode gives the service its own https URL and certificate (*.ecs.<region>.on.aws); ` +
        'deploy does not attach custom domains there. Remove domain: from the deploy config (point your DNS at the printed URL yourself), or deploy to App Runner.',
    );
  }
  if (config.observability?.tracing) {
    problems.push(
      "observability.tracing: App Runner's X-Ray sidecar does not exist on ECS Express Mode. Remove observability: from the deploy config, " +
        'or deploy to App Runner.',
    );
  }
  if (config.network && 'vpcConnectorArn' in config.network) {
    problems.push(
      "network.vpcConnectorArn: VPC connectors are App Runner's; an ECS Express service runs inside the VPC itself. " +
        'Give network.vpcSubnets and network.vpcSecurityGroups instead (they become its networkConfiguration).',
    );
  }
  if (config.healthCheck.protocol !== 'HTTP') {
    problems.push(
      "healthCheck.protocol: TCP: the ECS Express load balancer checks an HTTP path. Set protocol: HTTP and path: to the app's health route.",
    );
  }
  if (problems.length) {
    throw usageError(
      `These settings have no meaning on Amazon ECS Express Mode, so deploy stops before anything is sent:\n` +
        `${problems.map((p) => `  - ${p}`).join('\n')}\n(${DEPLOY_CONFIG_FILE} holds the settings.)`,
    );
  }
  if (config.autoScaling.maxConcurrency !== 100) {
    ui.warn(
      `autoScaling.maxConcurrency (${config.autoScaling.maxConcurrency}) is App Runner's; ECS Express scales between minSize and maxSize on average CPU (60 %).`,
    );
  }
  if (config.source.kind === 'code' && config.source.autoDeploy) {
    ui.warn(
      "source.autoDeploy is App Runner's; on ECS Express Mode a new version goes out when you run deploy (or from CI).",
    );
  }
}

/** A source-code app keeps its port and variables in apprunner.yaml (run.network.port, run.env); the image gets the same. */
function appRunnerRun(dir: string): { port?: number; env: Record<string, string> } {
  const file = join(dir, 'apprunner.yaml');
  if (!existsSync(file)) return { env: {} };
  let doc: { run?: { network?: { port?: unknown }; env?: { name?: unknown; value?: unknown }[] } };
  try {
    doc = parse(readFileSync(file, 'utf8')) ?? {};
  } catch (error) {
    throw usageError(
      `apprunner.yaml is not valid YAML (${(error as Error).message.split('\n')[0]}); deploy reads the app's port and variables from it.`,
    );
  }
  const port = Number(doc.run?.network?.port);
  const env: Record<string, string> = {};
  for (const e of Array.isArray(doc.run?.env) ? doc.run.env : [])
    if (typeof e?.name === 'string') env[e.name] = String(e.value ?? '');
  return { port: Number.isInteger(port) && port > 0 ? port : undefined, env };
}
