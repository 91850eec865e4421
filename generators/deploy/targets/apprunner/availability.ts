// App Runner has taken no new customers since 2026-04-30. How AWS refuses an account that never used it
// is not documented (SubscriptionRequiredException, or an access-denied style error, have been seen), so
// the first App Runner call is read for both, before deploy creates anything.
import type { Context } from '../../shared/context.js';
import { DeployError, deniedAction, kindOf, type AwsCallError } from '../../shared/errors.js';

export function unavailableError(ctx: Context, error: AwsCallError, account: string): DeployError | undefined {
  const kind = kindOf(error);
  if (kind !== 'not-subscribed' && kind !== 'access-denied') return undefined;
  const refused = `AWS refused ${error.operation.replace(/^apprunner:/, '')} (${error.code}: ${error.awsMessage})`;
  const lead = kind === 'not-subscribed'
    ? `This AWS account (${account}) cannot use App Runner: ${refused}.`
    : `${refused}. Either your IAM identity lacks ${deniedAction(error)} (the README lists every permission deploy needs), `
      + `or this account (${account}) cannot use App Runner.`;
  const { config } = ctx;
  const port = config.source.kind === 'image' ? config.source.port : 8080;
  const ecs = config.source.kind === 'image'
    ? 'This app\'s Dockerfile works there as it is: push the image to ECR, then for example:'
    : 'It runs container images only: a source-code app needs a Dockerfile first (create-apprunner-app --source image writes one). Then:';
  return new DeployError([
    lead,
    'App Runner has taken no new customers since 2026-04-30. Accounts that already used it keep full use, new services included; other accounts cannot start.',
    `AWS's path for everyone else is Amazon ECS Express Mode. ${ecs}`,
    `  aws ecs create-express-gateway-service --service-name ${config.service.name} --region ${ctx.region} \\`,
    `    --primary-container image=<ECR image URI>,containerPort=${port} --health-check-path ${config.healthCheck.path} \\`,
    '    --execution-role-arn <task execution role ARN> --infrastructure-role-arn <infrastructure role ARN>',
    '  (aws ecs create-express-gateway-service help explains each option.)',
  ].join('\n'));
}
