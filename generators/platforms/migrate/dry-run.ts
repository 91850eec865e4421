// migrate --dry-run: after the mapping, every request a real run would send, nothing sent. The task role
// copy is printed here; everything of the Express service is the ECS Express dry-run printer's own.
import type { AppId } from '../../core/app-id.js';
import { ecsExpress } from '../ecs-express/index.js';
import type { Context } from '../shared/context.js';
import type { SourceFacts } from './facts.js';
import { taskRoleRequests } from './task-role.js';

export async function printMigrateDryRun(
  ctx: Context,
  facts: SourceFacts,
  id: AppId,
  written: string,
  pauseOld: boolean,
): Promise<void> {
  const out: string[] = [`migrate would write ${written}, then send:`, ''];
  const request = (operation: string, input: object, why?: string) =>
    out.push(`--- ${operation}${why ? `  # ${why}` : ''}`, JSON.stringify(input, null, 2), '');
  const taskRole = ctx.config.migratedFrom?.taskRole;
  if (taskRole && facts.instanceRole) {
    const r = taskRoleRequests(taskRole, facts.instanceRole, id, ctx.config.service.name);
    request('iam:GetRole', { RoleName: taskRole }, 'does the task role exist, with this app id?');
    request('iam:CreateRole', r.create, 'only if it does not exist');
    for (const p of r.inline) request('iam:PutRolePolicy', p, `copied from ${facts.instanceRole.name}`);
    for (const m of r.managed) request('iam:AttachRolePolicy', m, `attached to ${facts.instanceRole.name} too`);
  }
  ctx.io.stdout.write(`${out.join('\n')}\n`);
  ecsExpress.printDryRun(ctx, await ecsExpress.plan(ctx));
  if (pauseOld)
    ctx.io.stdout.write(
      `--- apprunner:PauseService  # --pause-old, once the Express deployment is SUCCESSFUL\n${JSON.stringify({ ServiceArn: facts.service.ServiceArn }, null, 2)}\n`,
    );
}
