// Whose is this resource? Decided by its tags alone, never by its name:
// - ours:    it carries this app's id tag;
// - legacy:  `created-by=create-apprunner-app` but no app id at all (made by a version before ids):
//            usable only by an explicit adoption (or the deploy that gives an old config its id);
// - foreign: anything else (another app's id, another team's tags, no tags), with the tags that say
//            who owns it, for the message.
//
// Tag keys: `created-by` stays as it was (people filter on it); the id goes under
// `create-apprunner-app:app-id`. The tool's name as a prefix keeps the key from meeting anyone else's,
// `aws:` is reserved for AWS (a key starting with it is refused), and 27 characters is well under the
// 128 every service allows; the value (16 characters) under 256. `:` is allowed in keys by App Runner,
// ECS, ECR, IAM and CloudWatch Logs alike.
// https://docs.aws.amazon.com/tag-editor/latest/userguide/tagging.html#tag-conventions
import type { AppId } from '../../core/app-id.js';
import { EXPIRES_TAG, OWNER_TAG, type Workshop } from '../../core/workshop.js';

export const TOOL = 'create-apprunner-app';
export const CREATED_BY_KEY = 'created-by';
export const APP_ID_KEY = `${TOOL}:app-id`;

/** Tags as any AWS API writes them: App Runner/IAM/ECR `{Key, Value}`, ECS `{key, value}`, Logs and the Tagging API maps. */
export type AnyTags =
  | readonly { Key?: string; Value?: string }[]
  | readonly { key?: string; value?: string }[]
  | Readonly<Record<string, string | undefined>>;

export function tagMap(tags: AnyTags | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (!tags) return out;
  if (!Array.isArray(tags)) {
    for (const [k, v] of Object.entries(tags)) out[k] = v ?? '';
    return out;
  }
  for (const t of tags as readonly Record<string, string | undefined>[]) {
    const key = t.Key ?? t.key;
    if (key !== undefined) out[key] = t.Value ?? t.value ?? '';
  }
  return out;
}

/** The tags deploy puts on everything it creates, in each API's shape. */
export function ownTags(id: AppId) {
  return {
    /** App Runner, IAM, ECR. */
    pascal: [
      { Key: CREATED_BY_KEY, Value: TOOL },
      { Key: APP_ID_KEY, Value: id },
    ],
    /** ECS. */
    camel: [
      { key: CREATED_BY_KEY, value: TOOL },
      { key: APP_ID_KEY, value: id },
    ],
    /** CloudWatch Logs (CreateLogGroup's tags). */
    map: { [CREATED_BY_KEY]: TOOL, [APP_ID_KEY]: id },
  };
}

/**
 * The tags for something deploy creates for the app in `config` (Key/Value form): created-by and the app
 * id. A config without an id yet (a dry run of an older config) gets created-by alone; deploy adds the id
 * to the config before it creates anything.
 */
export const toolTags = (config: { app?: { id: AppId }; workshop?: Workshop }) => [
  ...(config.app?.id ? ownTags(config.app.id).pascal : [{ Key: CREATED_BY_KEY, Value: TOOL }]),
  ...workshopTags(config.workshop),
];

/** The workshop's owner and expiry tags (deploy --owner, --expires-in), when the config has them. */
export const workshopTags = (w: Workshop | undefined) => [
  ...(w?.owner ? [{ Key: OWNER_TAG, Value: w.owner }] : []),
  ...(w?.expiresAt ? [{ Key: EXPIRES_TAG, Value: w.expiresAt }] : []),
];

/** The same for ECS, which spells tags key/value. */
export const toolTagsEcs = (config: { app?: { id: AppId }; workshop?: Workshop }) =>
  toolTags(config).map((t) => ({ key: t.Key, value: t.Value }));

export type Ownership = { kind: 'ours' } | { kind: 'legacy' } | { kind: 'foreign'; owner: Record<string, string> };

// Keys that usually say who owns something: ours, CloudFormation's and Terraform's, and the common ones.
const OWNER_KEY =
  /^(created-by|create-apprunner-app:|aws:cloudformation:stack-name$|owner|team|project|app|application|managed-by|createdby|contact)/i;

export function ownership(tags: AnyTags | undefined, id: AppId): Ownership {
  const map = tagMap(tags);
  if (map[APP_ID_KEY] === id) return { kind: 'ours' };
  if (map[APP_ID_KEY] === undefined && map[CREATED_BY_KEY] === TOOL) return { kind: 'legacy' };
  const owner = Object.fromEntries(Object.entries(map).filter(([k]) => OWNER_KEY.test(k)));
  return { kind: 'foreign', owner };
}

/** For messages: `team=payments, created-by=terraform`, or a sentence when nothing says who owns it. */
export function ownerText(o: Ownership): string {
  if (o.kind === 'ours') return 'this app';
  if (o.kind === 'legacy') return `${CREATED_BY_KEY}=${TOOL} without an app id (made by an older version of ${TOOL})`;
  const pairs = Object.entries(o.owner).map(([k, v]) => `${k}=${v}`);
  if (o.owner[APP_ID_KEY]) return `another app's id: ${pairs.join(', ')}`;
  return pairs.length ? pairs.join(', ') : `no tag that names an owner (no ${APP_ID_KEY} tag)`;
}

/**
 * Whether delete may take it: it carries this app's id; or, for a deploy config an older version wrote
 * (no id yet), deploy's created-by tag without any id, as that version tagged what it made.
 */
export function isOurs(tags: AnyTags | undefined, config: { app?: { id: AppId } }): boolean {
  const id = config.app?.id;
  if (id) return ownership(tags, id).kind === 'ours';
  const map = tagMap(tags);
  return map[CREATED_BY_KEY] === TOOL && map[APP_ID_KEY] === undefined;
}

/** For delete's refusals and "kept" lines: whose it is instead, as one clause. */
export function notOursText(tags: AnyTags | undefined, config: { app?: { id: AppId } }): string {
  if (!config.app?.id) return `not created by ${TOOL} (it has no ${CREATED_BY_KEY}=${TOOL} tag)`;
  const o = ownership(tags, config.app.id);
  if (o.kind === 'legacy')
    return `made by an older version of ${TOOL} (no ${APP_ID_KEY} tag), so nothing proves it is this app's`;
  if (o.kind !== 'foreign') return "this app's";
  const pairs = Object.entries(o.owner)
    .map(([k, v]) => `${k}=${v}`)
    .join(', ');
  if (o.owner[APP_ID_KEY]) return `another app's (${pairs})`;
  return pairs
    ? `not this app's (it carries ${pairs}, no ${APP_ID_KEY} tag)`
    : `not this app's (it has no ${APP_ID_KEY} tag)`;
}
