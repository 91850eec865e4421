// What an app needs of a role, for the role decider (role.ts): who must be able to assume it, the AWS
// managed policies deploy would attach (with the actions each stands for, checked one by one when the
// policy is not attached), and read access to exactly the configured secrets. The platform folders say
// which managed policies their roles get; this only assembles the need.
import type { RoleNeed } from './role.js';

export interface ManagedNeed {
  arn: string;
  /** The actions of that policy the app relies on (any role granting them is as good). */
  actions: string[];
}

/** Secrets as deploy/secrets resolves them: Secrets Manager ARNs and SSM parameter ARNs. */
export interface SecretResources {
  secrets: string[];
  parameters: string[];
}

export function roleNeed(principal: string, managed: ManagedNeed[], secrets?: SecretResources): RoleNeed {
  // A `-??????` pattern is how a policy names a secret without its random suffix; the role needs the secret itself.
  const secretArns = (secrets?.secrets ?? []).filter((a) => !a.endsWith('-??????'));
  return {
    principal,
    grants: [
      ...managed.map((m) => ({ actions: m.actions, resources: ['*'], managedPolicyArn: m.arn })),
      ...(secretArns.length ? [{ actions: ['secretsmanager:GetSecretValue'], resources: secretArns }] : []),
      ...(secrets?.parameters.length ? [{ actions: ['ssm:GetParameters'], resources: secrets.parameters }] : []),
    ],
  };
}
