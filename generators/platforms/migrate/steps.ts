// The acting half of migrate, through the ECS Express platform's own steps (plan, apply, wait, report):
// no second ECS layer. A rerun finds the Express service this app made (its app id tag) and waits for it
// instead of rolling out again; a same-named service that is not this app's is refused.
import { waitUntilIdle } from '../ecs-express/deployments.js';
import { type EcsClients, ecsExpress } from '../ecs-express/index.js';
import { CLUSTER, describeCommand, serviceArnOf } from '../ecs-express/requests.js';
import type { EcsApplied } from '../ecs-express/service.js';
import { isOurs, notOursText } from '../ownership/owner.js';
import type { Context } from '../shared/context.js';
import { DeployError } from '../shared/errors.js';

export async function createExpress(ctx: Context, clients: EcsClients, account: string): Promise<EcsApplied> {
  const name = ctx.config.service.name;
  const arn = serviceArnOf(ctx.region, account, name);
  const found = await clients.ecs.describeExpress(arn);
  const live = found && found.status?.statusCode !== 'INACTIVE' ? found : undefined;
  const plan = await ecsExpress.plan(ctx);
  if (!live) {
    const accepted = await ecsExpress.apply(ctx, clients, plan, account);
    return ecsExpress.wait(ctx, clients, accepted);
  }
  if (!isOurs(live.tags, ctx.config))
    throw new DeployError(
      `An ECS Express service named ${name} already exists in ${ctx.region} and is ${notOursText(live.tags, ctx.config)}, ` +
        `so migrate leaves it alone. Delete it, or migrate into another region with --region.\n  ${describeCommand(arn, ctx.region)}`,
    );
  ctx.ui.info(
    `The ECS Express service ${name} is already there, made by an earlier migrate of this app: not creating another.`,
  );
  const serviceArn = live.serviceArn ?? arn;
  await waitUntilIdle(clients.ecs, serviceArn, {
    ui: ctx.ui,
    label: `Waiting for the deployment of ${name}`,
    timing: ctx.timing,
    signal: ctx.signal,
    timedOut: (d) =>
      new DeployError(`Stopped waiting: the deployment of ${name} is still ${d.status}. Run migrate again later.`),
  });
  const service = await clients.ecs.describeExpress(serviceArn);
  const newest = (await clients.ecs.deployments(CLUSTER, serviceArn))[0];
  if (newest && newest.status !== 'SUCCESSFUL')
    throw new DeployError(
      `The newest deployment of ${name} ended ${newest.status}${newest.statusReason ? ` (${newest.statusReason})` : ''}; ` +
        `the App Runner service is left as it was. Look at it with:\n  ${describeCommand(serviceArn, ctx.region)}`,
    );
  return { action: 'update', serviceArn, mine: { since: new Date(0) }, service, settled: true };
}
