// The Amazon ECS Express Mode platform: everything deploy, status, logs and delete do on ECS Express,
// behind the one Platform interface. plan.ts (local checks and refusals, image plan), service.ts (image
// push, roles, create or update, wait), deployments.ts (whose deployment is whose), report.ts,
// dry-run.ts, operate.ts (the live service); requests.ts holds every request body and name.
// Guide: https://docs.aws.amazon.com/AmazonECS/latest/developerguide/express-service-overview.html
import { type Clients, withService } from '../../aws/clients.js';
import { createEcs, type Ecs } from '../../aws/ecs.js';
import { repositoryOf } from '../../core/deploy-config.js';
import type { Platform } from '../platform.js';
import { ecsExpressDoctor } from './doctor.js';
import { printEcsDryRun } from './dry-run.js';
import { describeLive, liveCost, noPause, planRemoval, settle } from './operate.js';
import { type EcsPlan, imageRefusal, planEcs } from './plan.js';
import { reportEcs } from './report.js';
import { describeCommand, executionRoleName, INFRASTRUCTURE_ROLE_NAME } from './requests.js';
import { applyEcs, type EcsApplied, waitEcs } from './service.js';

export type EcsClients = Clients & { ecs: Ecs };

export const ecsExpress: Platform<EcsPlan, EcsApplied, EcsClients> = {
  id: 'ecs-express',
  label: 'Amazon ECS Express Mode',
  shortLabel: 'ECS Express Mode',
  connect: (o) => withService(o, 'ecs', createEcs),

  plan: planEcs,
  printDryRun: printEcsDryRun,
  apply: applyEcs,
  wait: waitEcs,
  report: reportEcs,
  describe: describeCommand,
  imageRefusal,

  describeLive,
  settle,
  noPause,
  planRemoval,
  platformLogInstead:
    "ECS Express Mode writes no separate platform log: the app's output is its only log group. " +
    'For deployments and their results, see status (its Last deployment line, and the console link for the service events).',
  liveCost,
  logsOf: (clients) => clients.logs,

  resourceNames: (config) => ({
    service: config.service.name,
    executionRole: executionRoleName(config, config.service.region),
    infrastructureRole: INFRASTRUCTURE_ROLE_NAME,
    repository: repositoryOf(config),
  }),
  iac: { cloudformation: 'iac/cloudformation-ecs' },
  doctor: ecsExpressDoctor,
  // The calls the README lists for an Express deploy.
  deployActions: [
    'ecs:CreateExpressGatewayService',
    'ecs:UpdateExpressGatewayService',
    'ecs:DescribeExpressGatewayService',
    'ecs:ListServiceDeployments',
    'ecs:DescribeServiceDeployments',
    'ecr:CreateRepository',
    'ecr:GetAuthorizationToken',
    'ecr:PutImage',
    'iam:CreateRole',
    'iam:PassRole',
  ],
};
