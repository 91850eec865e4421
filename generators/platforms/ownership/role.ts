// The role decider: may deploy use this role, and may it change it?
// - A role carrying this app's id is ours: deploy keeps its policies as the app needs them.
// - Any other role (another app's, a hand-made one, one an older version made) is used only if it already
//   allows everything the app needs: trusted by the right service principal, and every needed action on
//   every needed resource allowed by its attached or inline policies and not denied. Deploy never
//   attaches, puts or deletes a policy on it: a role shared with another service stays as that service
//   needs it. When it falls short, deploy stops and says what is missing.
// The policy reading is deliberately conservative: a statement with a Condition, NotAction or
// NotPrincipal never counts as allowing, and any Deny that might match counts as denying.
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html
import type { AppId } from '../../core/app-id.js';
import { type AnyTags, type Ownership, ownership, ownerText } from './owner.js';

export interface RoleFacts {
  name: string;
  tags: AnyTags;
  /** The trust policy (URL-encoded, as IAM returns it, or plain JSON). */
  trustPolicy?: string;
  attachedPolicyArns: string[];
  /** The policy documents that apply: inline ones and the default versions of attached customer-managed ones. */
  documents: string[];
}

/** What the app needs of a role: who assumes it, and each grant, with the managed policy that gives it whole. */
export interface RoleNeed {
  principal: string;
  grants: { actions: string[]; resources: string[]; managedPolicyArn?: string }[];
}

export type RoleDecision =
  { use: true; ours: boolean; ownership: Ownership } | { use: false; ownership: Ownership; missing: string[] };

interface Statement {
  Effect?: string;
  Action?: string | string[];
  NotAction?: unknown;
  Resource?: string | string[];
  NotResource?: unknown;
  Principal?: unknown;
  NotPrincipal?: unknown;
  Condition?: unknown;
}

export function decideRole(role: RoleFacts, id: AppId, need: RoleNeed): RoleDecision {
  const owner = ownership(role.tags, id);
  if (owner.kind === 'ours') return { use: true, ours: true, ownership: owner };
  const missing: string[] = [];
  if (!trusts(role.trustPolicy, need.principal)) missing.push(`trust: it does not let ${need.principal} assume it`);
  const statements = role.documents.flatMap(statementsOf);
  for (const grant of need.grants) {
    if (grant.managedPolicyArn && role.attachedPolicyArns.includes(grant.managedPolicyArn)) {
      if (!grant.actions.some((a) => grant.resources.some((r) => denied(statements, a, r)))) continue;
    }
    for (const action of grant.actions) {
      for (const resource of grant.resources) {
        if (!allowed(statements, action, resource)) missing.push(`${action} on ${resource}`);
      }
    }
  }
  return missing.length ? { use: false, ownership: owner, missing } : { use: true, ours: false, ownership: owner };
}

/** The message when deploy may not use a role, naming who owns it and what it lacks. */
export function roleRefusal(role: string, decision: Extract<RoleDecision, { use: false }>): string {
  return (
    `The IAM role ${role} exists but is not this app's (${ownerText(decision.ownership)}), and it does not allow ` +
    `what the app needs:\n${decision.missing.map((m) => `  - ${m}`).join('\n')}\n` +
    'Deploy does not change the policies of a role it does not own. Give the role those permissions yourself, ' +
    'or delete it if nothing uses it, then deploy again.'
  );
}

function parse(text: string | undefined): { Statement?: Statement | Statement[] } | undefined {
  if (!text) return undefined;
  for (const candidate of [text, safeDecode(text)]) {
    try {
      return JSON.parse(candidate) as { Statement?: Statement | Statement[] };
    } catch {
      // IAM returns documents URL-encoded; try the decoded form.
    }
  }
  return undefined;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

const list = <T>(v: T | T[] | undefined): T[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
const statementsOf = (doc: string) => list(parse(doc)?.Statement);

/** IAM wildcards: `*` any run of characters, `?` one character. Actions compare without case. */
function matches(pattern: string, value: string, ignoreCase: boolean): boolean {
  const re = new RegExp(
    `^${pattern
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.')}$`,
    ignoreCase ? 'i' : '',
  );
  return re.test(value);
}

function allowed(statements: Statement[], action: string, resource: string): boolean {
  const grants = statements.some(
    (s) =>
      s.Effect === 'Allow' &&
      !s.Condition &&
      s.NotAction === undefined &&
      s.NotResource === undefined &&
      list(s.Action).some((a) => matches(a, action, true)) &&
      list(s.Resource).some((r) => matches(r, resource, false)),
  );
  return grants && !denied(statements, action, resource);
}

function denied(statements: Statement[], action: string, resource: string): boolean {
  return statements.some(
    (s) =>
      s.Effect === 'Deny' &&
      (s.NotAction !== undefined ||
        s.NotResource !== undefined ||
        (list(s.Action).some((a) => matches(a, action, true)) &&
          list(s.Resource).some((r) => matches(r, resource, false)))),
  );
}

function trusts(policy: string | undefined, principal: string): boolean {
  return list(parse(policy)?.Statement).some((s) => {
    if (s.Effect !== 'Allow' || s.Condition || s.NotPrincipal !== undefined) return false;
    if (!list(s.Action).some((a) => matches(a, 'sts:AssumeRole', true))) return false;
    const p = s.Principal as { Service?: string | string[] } | undefined;
    return list(p?.Service).includes(principal);
  });
}
