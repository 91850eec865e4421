// The task role: a NEW role with the App Runner instance role's policies (inline ones copied, managed ones
// attached) and trust in ecs-tasks.amazonaws.com. The instance role itself is only read: its trust stays
// App Runner's, so the App Runner service keeps working as the way back. A rerun finds the role by its app
// id tag and brings its policies in step again; a same-named role that is not this app's is refused.
// https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-iam-roles.html
import type { Iam } from '../../aws/iam.js';
import type { AppId } from '../../core/app-id.js';
import { ownership, ownerText, ownTags, TOOL } from '../ownership/owner.js';
import { DeployError, type Ledger } from '../shared/errors.js';
import type { RoleCopy } from './facts.js';

export const TASK_PRINCIPAL = 'ecs-tasks.amazonaws.com';

export const taskTrust = () =>
  JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: { Service: TASK_PRINCIPAL }, Action: 'sts:AssumeRole' }],
  });

/** IAM returns policy documents URL-encoded; PutRolePolicy takes the JSON itself. */
export function plainDocument(text: string): string {
  try {
    JSON.parse(text);
    return text;
  } catch {
    return decodeURIComponent(text);
  }
}

/** Every request the copy sends, for --dry-run and for the real run alike. */
export function taskRoleRequests(name: string, from: RoleCopy, id: AppId, serviceName: string) {
  return {
    create: {
      RoleName: name,
      Description: `The app ${serviceName} runs as this role on ECS Express Mode (policies copied from ${from.name} by ${TOOL} migrate).`,
      AssumeRolePolicyDocument: taskTrust(),
      Tags: ownTags(id).pascal,
    },
    inline: from.inline.map((p) => ({ RoleName: name, PolicyName: p.name, PolicyDocument: plainDocument(p.document) })),
    managed: from.managed.map((arn) => ({ RoleName: name, PolicyArn: arn })),
  };
}

export async function ensureTaskRole(
  iam: Iam,
  out: { info(t: string): void; ledger: Ledger },
  o: { name: string; from: RoleCopy; id: AppId; serviceName: string },
): Promise<string> {
  const requests = taskRoleRequests(o.name, o.from, o.id, o.serviceName);
  const existing = await iam.roleWithTags(o.name);
  let arn: string;
  if (existing) {
    const owner = ownership(existing.tags, o.id);
    if (owner.kind !== 'ours')
      throw new DeployError(
        `The IAM role ${o.name} exists but is not this app's (${ownerText(owner)}), so migrate does not change it. ` +
          'Delete or rename it if nothing uses it, then run migrate again.',
      );
    arn = existing.Arn!;
    out.info(`Reusing the task role ${o.name}; bringing its policies in step with ${o.from.name}.`);
  } else {
    arn = (await iam.createRole(requests.create)).Arn!;
    out.ledger.note(`The IAM role ${o.name} (the task role) was created and is kept.`);
    out.info(`Created the task role ${o.name} (trusted by ${TASK_PRINCIPAL}).`);
  }
  const attached = existing ? await iam.attachedPolicies(o.name) : [];
  for (const p of requests.inline) await iam.putRolePolicy(p);
  for (const m of requests.managed) if (!attached.includes(m.PolicyArn)) await iam.attachRolePolicy(m);
  if (requests.inline.length || requests.managed.length)
    out.info(
      `The task role has ${o.from.name}'s ${requests.inline.length} inline and ${requests.managed.length} managed polic(ies); ${o.from.name} was not changed.`,
    );
  return arn;
}
