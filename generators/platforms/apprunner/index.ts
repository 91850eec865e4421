// The AWS App Runner platform: everything deploy, status, logs, pause/resume and delete do on App Runner,
// behind the one Platform interface. The first App Runner call of a deploy (ListServices) also tells
// whether this account may use App Runner at all, before anything is created; then the source (image or
// connection), the extras (scaling, roles, VPC, tracing), the service. operate.ts holds the live-service
// side; requests.ts and resources.ts every request body and name.
import { existsSync } from 'node:fs';
import { join } from 'node:path';

import { type AppRunner, createAppRunner } from '../../aws/apprunner.js';
import { type Clients, withService } from '../../aws/clients.js';
import { AwsCallError } from '../../aws/errors.js';
import { dollars } from '../../core/sizes.js';
import { claimService } from '../ownership/claim.js';
import { toolTags } from '../ownership/owner.js';
import type { Platform } from '../platform.js';
import type { ProjectChecks } from '../shared/config.js';
import type { Context } from '../shared/context.js';
import { Declined, usageError } from '../shared/errors.js';
import { type ImagePlan, planImage } from '../shared/image.js';
import { unavailableError } from './availability.js';
import { type CodePlan, connectCode, planCode } from './code.js';
import { monthlyCost } from './cost.js';
import { appRunnerDoctor } from './doctor.js';
import { appRunnerDomains, ensureDomain } from './domain.js';
import { printDryRun } from './dry-run.js';
import { resolveExtras } from './extras.js';
import { prepareImage } from './image.js';
import { describeLive, keptLogGroups, liveCost, pausedText, pauseOrResume, planRemoval, settle } from './operate.js';
import { recordRelease, releases } from './releases.js';
import { report } from './report.js';
import { autoScalingName } from './requests.js';
import { ACCESS_ROLE_NAME, instanceRoleName, observabilityName, vpcConnectorName } from './resources.js';
import { type Applied, applyService, preflight, settle as settleDeploy } from './service.js';
import { describeCommand } from './wait.js';

export type ArClients = Clients & { apprunner: AppRunner };

const LABEL = 'App Runner';

export const appRunner: Platform<ImagePlan | CodePlan, Applied, ArClients> = {
  id: 'apprunner',
  label: LABEL,
  shortLabel: LABEL,
  connect: (o) => withService(o, 'apprunner', createAppRunner),
  checkProject,

  async plan(ctx) {
    checkFlagsFit(ctx.config.source.kind, ctx.options);
    return ctx.config.source.kind === 'image' ? planImage(ctx, { refusal: imageRefusal }) : planCode(ctx);
  },
  printDryRun,
  apply,
  wait: (ctx, clients, applied) => settleDeploy(ctx, clients.apprunner, applied),
  async report(ctx, clients, applied) {
    await report(ctx, applied);
    if (applied.settled) await ensureDomain(ctx, clients.apprunner, applied.service);
    else if (ctx.config.domain)
      ctx.ui.info(`The domain ${ctx.config.domain} is associated by a deploy that waits for the service to run.`);
  },
  describe: describeCommand,
  imageRefusal,

  describeLive,
  keptLogGroups,
  settle,
  pausing: {
    pause: (live, ui) => pauseOrResume(live, ui, 'pause'),
    resume: (live, ui) => pauseOrResume(live, ui, 'resume'),
    done: pausedText,
  },
  noPause: () => '',
  releases,
  recordRelease,
  releaseSucceeded: new Set(['SUCCEEDED']),
  secretsAlsoIn: (config) => (config.source.kind === 'code' ? 'apprunner.yaml' : undefined),
  planRemoval,
  liveCost,
  domains: appRunnerDomains,
  logsOf: (clients) => clients.logs,

  resourceNames: (config) => ({
    service: config.service.name,
    instanceRole: instanceRoleName(config, config.service.region),
    accessRole: ACCESS_ROLE_NAME,
    autoScaling: autoScalingName(config),
    observability: observabilityName(config),
    vpcConnector: vpcConnectorName(config),
    ...(config.source.kind === 'image' ? { repository: config.source.ecrRepository } : {}),
  }),
  iac: { cloudformation: 'iac/cloudformation' },
  doctor: appRunnerDoctor,
  // What the README's deploy policy lists (the calls of a first deploy of an image app).
  deployActions: [
    'apprunner:ListServices',
    'apprunner:CreateService',
    'apprunner:UpdateService',
    'apprunner:DescribeService',
    'apprunner:ListOperations',
    'apprunner:TagResource',
    'ecr:CreateRepository',
    'ecr:GetAuthorizationToken',
    'ecr:PutImage',
    'iam:CreateRole',
    'iam:PassRole',
  ],
};

/** App Runner builds a source-code app itself, from apprunner.yaml, and only for runtimes it has. */
function checkProject({ dir, config, runtime }: Parameters<ProjectChecks>[0]): ReturnType<ProjectChecks> {
  const errors: string[] = [];
  const warnings: string[] = [];
  if (config.source.kind !== 'code') return { errors, warnings };
  if (runtime && !runtime.sources.includes('code')) {
    errors.push(
      `source.kind is code, but ${runtime.label} apps cannot be built by App Runner from source: ` +
        `${runtime.imageOnlyReason}. Use kind: image (the app's Dockerfile, through Amazon ECR).`,
    );
  }
  if (!existsSync(join(dir, 'apprunner.yaml'))) {
    errors.push(
      'source.kind is code, but there is no apprunner.yaml beside it: App Runner builds a source-code service from that file.',
    );
  }
  if (Object.keys(config.environment).length) {
    warnings.push('environment is ignored for a source-code app: App Runner reads run.env in apprunner.yaml instead.');
  }
  return { errors, warnings };
}

function imageRefusal(registry: string): string {
  return `${LABEL} cannot pull from ${registry}: it pulls only from Amazon ECR (private) or ECR Public.`;
}

async function apply(ctx: Context, clients: ArClients, plan: ImagePlan | CodePlan, account: string): Promise<Applied> {
  const ar = clients.apprunner;
  let existing;
  try {
    existing = await ar.findService(ctx.config.service.name);
  } catch (error) {
    throw (error instanceof AwsCallError && unavailableError(ctx, error, account)) || error;
  }
  if (existing) {
    const arn = existing.ServiceArn!;
    await claimService(ctx, `The ${LABEL} service ${existing.ServiceName} in ${ctx.region}`, await ar.tagsOf(arn), () =>
      ar.tagResource(arn, toolTags(ctx.config)),
    );
  }
  existing = await preflight(ctx, ar, existing);
  if (!existing) await confirmCreate(ctx);
  const source =
    plan.kind === 'image' ? await prepareImage(ctx, clients, plan, account) : await connectCode(ctx, ar, plan);
  const arns = await resolveExtras(ctx, clients, account);
  return applyService(ctx, ar, existing, source, arns);
}

/** A flag for the other source kind would be silently ignored: refuse it instead. */
function checkFlagsFit(kind: 'code' | 'image', options: Context['options']): void {
  const misfits =
    kind === 'image'
      ? (['repositoryUrl', 'branch', 'connectionArn'] as const)
          .filter((k) => options[k] !== undefined)
          .map((k) => `--${k.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`)
      : options.image !== undefined
        ? ['--image']
        : [];
  if (misfits.length) {
    throw usageError(
      `${misfits.join(', ')} ${misfits.length > 1 ? 'are' : 'is'} for ${kind === 'image' ? 'source-code' : 'image'} apps, ` +
        `and this one is a${kind === 'image' ? 'n image' : ' source-code'} app (source.kind in apprunner.deploy.yaml).`,
    );
  }
}

async function confirmCreate(ctx: Context): Promise<void> {
  const { ui } = ctx;
  const { name } = ctx.config.service;
  if (!ui.canAsk) return ui.info(`${name} does not exist in ${ctx.region} yet: creating it.`);
  const cost = monthlyCost(String(ctx.config.instance.cpu), String(ctx.config.instance.memory));
  ui.info(
    `${name} does not exist in ${ctx.region} yet. At its size it costs about ${dollars(cost.idle)} a month idle, ${dollars(cost.busy)} busy.`,
  );
  const ok = await ui.confirm(`Create the App Runner service ${name}?`, true);
  if (!ok) throw new Declined('Cancelled: nothing was created.');
}
