// The IAM calls the tool makes: the roles deploy creates or reuses (get, create, attach, inline policy),
// their tags, and their removal by delete. The only definition of IAM's "not found" is here.
import type {
  AttachRolePolicyCommandInput,
  CreateRoleCommandInput,
  PutRolePolicyCommandInput,
  Role,
} from '@aws-sdk/client-iam';

import { type AwsOptions, call, callOrMissing, interop, listAll, settingsOf, type Tag } from './call.js';
import type { AwsCallError } from './errors.js';

/** IAM's answer for a role (or policy) that is not there. */
export const isIamNotFound = (error: AwsCallError) => /^NoSuchEntity(Exception)?$/.test(error.code);

export interface Iam {
  getRole(name: string): Promise<Role | undefined>;
  /** The role with its tags (ListRoleTags), for deciding whether deploy made it. */
  roleWithTags(name: string): Promise<(Role & { tags: Tag[] }) | undefined>;
  createRole(input: CreateRoleCommandInput): Promise<Role>;
  /** The names of every role of the account (ListRoles, every page): how status and delete find this app's roles. */
  roleNames(): Promise<string[]>;
  attachedPolicies(roleName: string): Promise<string[]>;
  attachRolePolicy(input: AttachRolePolicyCommandInput): Promise<void>;
  putRolePolicy(input: PutRolePolicyCommandInput): Promise<void>;
  /** The inline policies' documents and the default versions of the attached customer-managed ones. */
  policyDocuments(roleName: string): Promise<string[]>;
  /** The names of the role's inline policies. */
  inlinePolicyNames(roleName: string): Promise<string[]>;
  /** Deletes one inline policy (a secret the config no longer lists is no longer granted). */
  deleteRolePolicy(roleName: string, policyName: string): Promise<void>;
  /** The role's inline policies by name, each with its document as IAM returns it (URL-encoded JSON). */
  inlinePolicies(roleName: string): Promise<{ name: string; document: string }[]>;
  /** Detaches managed policies, deletes inline ones, then the role (IAM refuses a role with policies). */
  deleteRole(name: string): Promise<void>;
  /** iam:SimulatePrincipalPolicy: the actions among `actions` the principal's policies do not allow (doctor). */
  deniedActions(principalArn: string, actions: string[]): Promise<string[]>;
  close(): void;
}

export async function createIam(o: AwsOptions): Promise<Iam> {
  const iam = interop(await import('./sdk/iam.js'));
  const client = new iam.IAMClient(settingsOf(o));
  const opts = { abortSignal: o.signal };
  const getRole = (name: string) =>
    callOrMissing(
      'iam:GetRole',
      `role ${name}`,
      async () => (await client.send(new iam.GetRoleCommand({ RoleName: name }), opts)).Role,
      isIamNotFound,
    );
  const attachedPolicies = async (roleName: string) =>
    (
      await listAll<{ PolicyArn?: string }>(
        'iam:ListAttachedRolePolicies',
        `role ${roleName}`,
        () => iam.paginateListAttachedRolePolicies({ client }, { RoleName: roleName }),
        'AttachedPolicies',
      )
    ).map((p) => p.PolicyArn ?? '');
  return {
    getRole,
    deniedActions: (principalArn, actions) =>
      call('iam:SimulatePrincipalPolicy', principalArn, async () => {
        const results = await listAllPages(iam, client, principalArn, actions, opts);
        return results.filter((r) => r.EvalDecision !== 'allowed').map((r) => r.EvalActionName ?? '');
      }),
    async roleWithTags(name) {
      const role = await getRole(name);
      if (!role) return undefined;
      const tags = await call(
        'iam:ListRoleTags',
        `role ${name}`,
        async () => (await client.send(new iam.ListRoleTagsCommand({ RoleName: name }), opts)).Tags ?? [],
      );
      return { ...role, tags: tags.map((t) => ({ Key: t.Key, Value: t.Value })) };
    },
    roleNames: async () =>
      (
        await listAll<{ RoleName?: string }>(
          'iam:ListRoles',
          "the account's roles",
          () => iam.paginateListRoles({ client }, {}),
          'Roles',
        )
      ).map((r) => r.RoleName ?? ''),
    createRole: async (input) =>
      (
        await call('iam:CreateRole', `role ${input.RoleName}`, () =>
          client.send(new iam.CreateRoleCommand(input), opts),
        )
      ).Role!,
    attachedPolicies,
    attachRolePolicy: async (input) => {
      await call('iam:AttachRolePolicy', `role ${input.RoleName}`, () =>
        client.send(new iam.AttachRolePolicyCommand(input), opts),
      );
    },
    putRolePolicy: async (input) => {
      await call('iam:PutRolePolicy', `role ${input.RoleName}`, () =>
        client.send(new iam.PutRolePolicyCommand(input), opts),
      );
    },
    async policyDocuments(name) {
      const resource = `role ${name}`;
      const inline = await listAll<string>(
        'iam:ListRolePolicies',
        resource,
        () => iam.paginateListRolePolicies({ client }, { RoleName: name }),
        'PolicyNames',
      );
      const docs: string[] = [];
      for (const policy of inline) {
        const got = await call('iam:GetRolePolicy', resource, () =>
          client.send(new iam.GetRolePolicyCommand({ RoleName: name, PolicyName: policy }), opts),
        );
        if (got.PolicyDocument) docs.push(got.PolicyDocument);
      }
      // AWS managed policies (arn:<partition>:iam::aws:policy/...) are judged by their ARN (ownership/role.ts).
      for (const arn of (await attachedPolicies(name)).filter((a) => !/^arn:[^:]+:iam::aws:policy\//.test(a))) {
        const policy = await call('iam:GetPolicy', `policy ${arn}`, () =>
          client.send(new iam.GetPolicyCommand({ PolicyArn: arn }), opts),
        );
        const version = policy.Policy?.DefaultVersionId;
        if (!version) continue;
        const got = await call('iam:GetPolicyVersion', `policy ${arn}`, () =>
          client.send(new iam.GetPolicyVersionCommand({ PolicyArn: arn, VersionId: version }), opts),
        );
        if (got.PolicyVersion?.Document) docs.push(got.PolicyVersion.Document);
      }
      return docs;
    },
    inlinePolicyNames: (name) =>
      listAll<string>(
        'iam:ListRolePolicies',
        `role ${name}`,
        () => iam.paginateListRolePolicies({ client }, { RoleName: name }),
        'PolicyNames',
      ),
    deleteRolePolicy: async (name, policy) => {
      await call('iam:DeleteRolePolicy', `role ${name}`, () =>
        client.send(new iam.DeleteRolePolicyCommand({ RoleName: name, PolicyName: policy }), opts),
      );
    },
    async inlinePolicies(name) {
      const resource = `role ${name}`;
      const names = await listAll<string>(
        'iam:ListRolePolicies',
        resource,
        () => iam.paginateListRolePolicies({ client }, { RoleName: name }),
        'PolicyNames',
      );
      const out: { name: string; document: string }[] = [];
      for (const policy of names) {
        const got = await call('iam:GetRolePolicy', resource, () =>
          client.send(new iam.GetRolePolicyCommand({ RoleName: name, PolicyName: policy }), opts),
        );
        out.push({ name: policy, document: got.PolicyDocument ?? '' });
      }
      return out;
    },
    async deleteRole(name) {
      const resource = `role ${name}`;
      for (const policy of await attachedPolicies(name)) {
        await call('iam:DetachRolePolicy', resource, () =>
          client.send(new iam.DetachRolePolicyCommand({ RoleName: name, PolicyArn: policy }), opts),
        );
      }
      const inline = await listAll<string>(
        'iam:ListRolePolicies',
        resource,
        () => iam.paginateListRolePolicies({ client }, { RoleName: name }),
        'PolicyNames',
      );
      for (const policy of inline) {
        await call('iam:DeleteRolePolicy', resource, () =>
          client.send(new iam.DeleteRolePolicyCommand({ RoleName: name, PolicyName: policy }), opts),
        );
      }
      await call('iam:DeleteRole', resource, () => client.send(new iam.DeleteRoleCommand({ RoleName: name }), opts));
    },
    close: () => client.destroy(),
  };
}

async function listAllPages(
  iam: typeof import('./sdk/iam.js'),
  client: import('@aws-sdk/client-iam').IAMClient,
  PolicySourceArn: string,
  ActionNames: string[],
  opts: { abortSignal?: AbortSignal },
) {
  const out: import('@aws-sdk/client-iam').EvaluationResult[] = [];
  let Marker: string | undefined;
  do {
    const page = await client.send(
      new iam.SimulatePrincipalPolicyCommand({ PolicySourceArn, ActionNames, Marker }),
      opts,
    );
    out.push(...(page.EvaluationResults ?? []));
    Marker = page.IsTruncated ? page.Marker : undefined;
  } while (Marker);
  return out;
}
