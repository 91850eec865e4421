// App Runner has taken no new customers since 2026-04-30. How AWS refuses an account that never used it
// is not documented (SubscriptionRequiredException, or an access-denied style error, have been seen), so
// the first App Runner call is read for both, before deploy creates anything; the way out is the same
// app on the other target, one command away.
import { type AwsCallError, deniedAction, kindOf } from '../../aws/errors.js';
import { TargetUnavailable } from '../platform.js';
import { type Context, deployCommand } from '../shared/context.js';

export function unavailableError(ctx: Context, error: AwsCallError, account: string): TargetUnavailable | undefined {
  const kind = kindOf(error);
  if (kind !== 'not-subscribed' && kind !== 'access-denied') return undefined;
  const refused = `AWS refused ${error.operation.replace(/^apprunner:/, '')} (${error.code}: ${error.awsMessage})`;
  const lead =
    kind === 'not-subscribed'
      ? `This AWS account (${account}) cannot use App Runner: ${refused}.`
      : `${refused}. Either your IAM identity lacks ${deniedAction(error)} (the README lists every permission deploy needs), ` +
        `or this account (${account}) cannot use App Runner.`;
  const command = deployCommand(ctx, ['--target', 'ecs-express']);
  return new TargetUnavailable(
    [
      lead,
      'App Runner has taken no new customers since 2026-04-30. Accounts that already used it keep full use, new services included; other accounts cannot start.',
      "AWS's path for everyone else is Amazon ECS Express Mode, and this app (its Dockerfile) runs there as it is:",
      `  ${command}`,
    ].join('\n'),
    'ecs-express',
    command,
  );
}
