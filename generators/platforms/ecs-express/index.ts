// The Amazon ECS Express Mode platform: everything deploy, status, logs and delete do on ECS Express,
// behind the one Platform interface. plan.ts (local checks and refusals, image plan), service.ts (image
// push, roles, create or update, wait), deployments.ts (whose deployment is whose), report.ts,
// dry-run.ts, operate.ts (the live service); requests.ts holds every request body and name.
// Guide: https://docs.aws.amazon.com/AmazonECS/latest/developerguide/express-service-overview.html
import { type Acm, createAcm } from '../../aws/acm.js';
import { type AwsOptions, type Clients, withService } from '../../aws/clients.js';
import { createEcs, type Ecs } from '../../aws/ecs.js';
import { createElbv2, type Elbv2 } from '../../aws/elbv2.js';
import { repositoryOf } from '../../core/deploy-config.js';
import type { Platform } from '../platform.js';
import { ecsExpressDoctor } from './doctor.js';
import { ecsDomains } from './domain.js';
import { printEcsDryRun } from './dry-run.js';
import { describeLive, keptLogGroups, liveCost, noPause, planRemoval, settle } from './operate.js';
import { type EcsPlan, imageRefusal, planEcs } from './plan.js';
import { recordRelease, releases } from './releases.js';
import { reportEcs } from './report.js';
import { describeCommand, executionRoleName, INFRASTRUCTURE_ROLE_NAME } from './requests.js';
import { applyEcs, type EcsApplied, waitEcs } from './service.js';

/** ECS, plus ACM and ELBv2 for a custom domain (domain.ts). */
export type EcsClients = Clients & { ecs: Ecs; acm: Acm; elbv2: Elbv2 };

async function connect(o: AwsOptions): Promise<EcsClients> {
  const [base, acm, elbv2] = await Promise.all([withService(o, 'ecs', createEcs), createAcm(o), createElbv2(o)]);
  return {
    ...base,
    acm,
    elbv2,
    close: () => {
      base.close();
      acm.close();
      elbv2.close();
    },
  };
}

export const ecsExpress: Platform<EcsPlan, EcsApplied, EcsClients> = {
  id: 'ecs-express',
  label: 'Amazon ECS Express Mode',
  shortLabel: 'ECS Express Mode',
  connect,

  plan: planEcs,
  printDryRun: printEcsDryRun,
  apply: applyEcs,
  wait: waitEcs,
  report: reportEcs,
  describe: describeCommand,
  imageRefusal,

  describeLive,
  keptLogGroups,
  settle,
  noPause,
  releases,
  recordRelease,
  releaseSucceeded: new Set(['SUCCESSFUL']),
  planRemoval,
  platformLogInstead:
    "ECS Express Mode writes no separate platform log: the app's output is its only log group. " +
    'For deployments and their results, see status (its Last deployment line, and the console link for the service events).',
  liveCost,
  domains: ecsDomains,
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
