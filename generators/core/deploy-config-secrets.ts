// `secrets set` and `secrets unset` edit the deploy config's `secrets:` mapping in place: the YAML Document
// API changes that one entry and keeps every comment, blank line and the order of the other keys. A new
// `secrets:` gets the platform's own comment and goes before `app:` (the last key by design).
import { isMap, parseDocument, Scalar } from 'yaml';

import { DEFAULT_TARGET, platformOf } from '../platforms/registry.js';
import type { TargetId } from './options.js';
import { needsQuotes } from './yaml-out.js';

// As renderDeployConfig quotes: plain only where every YAML reader reads the same string.
const scalar = (value: string) => {
  const node = new Scalar(value);
  if (needsQuotes(value)) node.type = Scalar.QUOTE_DOUBLE;
  return node;
};

function mapping(text: string) {
  const doc = parseDocument(text);
  if (doc.errors.length) throw doc.errors[0];
  if (!isMap(doc.contents)) throw new Error('the deploy config is not a YAML mapping');
  return { doc, root: doc.contents };
}

/** The config text with `secrets.<name>` set to `valueFrom` (added or replaced). */
export function withSecret(text: string, name: string, valueFrom: string, target?: TargetId): string {
  const { doc, root } = mapping(text);
  const secrets = doc.get('secrets', true);
  if (isMap(secrets)) {
    const pair = secrets.items.find((p) => (p.key as { value?: unknown })?.value === name);
    if (pair) pair.value = scalar(valueFrom);
    else secrets.items.push(doc.createPair(scalar(name), scalar(valueFrom)) as never);
    return doc.toString({ lineWidth: 0 });
  }
  const map = doc.createNode({});
  map.items.push(doc.createPair(scalar(name), scalar(valueFrom)) as never);
  const pair = doc.createPair('secrets', map);
  const comment = platformOf(target ?? DEFAULT_TARGET).words.configComments.secrets;
  if (comment) (pair.key as { commentBefore?: string }).commentBefore = comment;
  if (secrets !== undefined) {
    // `secrets:` with no entries (null): replaced where it stands.
    const at = root.items.findIndex((p) => (p.key as { value?: unknown })?.value === 'secrets');
    const key = root.items[at]!.key as { commentBefore?: string };
    (pair.key as { commentBefore?: string }).commentBefore = key.commentBefore ?? comment;
    root.items.splice(at, 1, pair as never);
    return doc.toString({ lineWidth: 0 });
  }
  const app = root.items.findIndex((p) => (p.key as { value?: unknown })?.value === 'app');
  root.items.splice(app < 0 ? root.items.length : app, 0, pair as never);
  return doc.toString({ lineWidth: 0 });
}

/** The config text without `secrets.<name>`; `secrets:` itself goes when it empties. */
export function withoutSecret(text: string, name: string): string {
  const { doc } = mapping(text);
  const secrets = doc.get('secrets', true);
  if (!isMap(secrets)) return text;
  const at = secrets.items.findIndex((p) => (p.key as { value?: unknown })?.value === name);
  if (at < 0) return text;
  secrets.items.splice(at, 1);
  if (!secrets.items.length) doc.delete('secrets');
  return doc.toString({ lineWidth: 0 });
}
