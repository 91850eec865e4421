// The deploy config as a file: the one reader (size, UTF-8, YAML, duplicate keys, aliases, all refused
// with the line) and the edits commands make to it (app id, target, domain, workshop), which keep every
// comment and the layout through the YAML library's Document API. The scaffold writes the file without
// this module (deploy-config.ts), so it never loads the library.
import { readFileSync, statSync } from 'node:fs';

import { Document, isMap, isScalar, parseDocument, Scalar, visit } from 'yaml';

import { type AppId } from './app-id.js';
import { APP_COMMENT, TARGET_COMMENT } from './deploy-config.js';
import { UsageError } from './errors.js';
import { DEPLOY_CONFIG_FILE } from './files.js';
import type { TargetId } from './options.js';
import type { Workshop } from './workshop.js';

/**
 * The deploy config text with `app.id` added as the last key (an older config's next deploy). The file's
 * own bytes stay as they are: the key is appended as text, and the YAML Document API checks that the
 * result reads back as the old mapping plus `app`; where it would not (a flow-style mapping, an
 * end-of-document marker), the Document API writes it, keeping every comment.
 */
export function withAppId(text: string, id: AppId): string {
  const doc = parseDocument(text);
  if (!isMap(doc.contents)) throw new Error('the deploy config is not a YAML mapping');
  if (doc.has('app')) {
    doc.setIn(['app', 'id'], id);
    return doc.toString({ lineWidth: 0 });
  }
  const comment = APP_COMMENT.split('\n')
    .map((line) => `#${line.startsWith(' ') ? '' : ' '}${line}`)
    .join('\n');
  const appended = `${text.endsWith('\n') || !text ? text : `${text}\n`}${comment}\napp:\n  id: ${id}\n`;
  const back = parseDocument(appended);
  if (!back.errors.length && JSON.stringify(back.toJS()) === JSON.stringify({ ...doc.toJS(), app: { id } }))
    return appended;
  const pair = doc.createPair('app', { id });
  (pair.key as { commentBefore?: string }).commentBefore = ` ${APP_COMMENT}`;
  doc.contents.items.push(pair as never);
  return doc.toString({ lineWidth: 0 });
}

/** The deploy config text with `target:` set, comments and layout kept (deploy --target records the choice). */
export function withTarget(text: string, target: TargetId): string {
  const doc = parseDocument(text);
  if (!isMap(doc.contents)) throw new Error('the deploy config is not a YAML mapping');
  const pair = doc.contents.items.find((p) => (p.key as { value?: unknown })?.value === 'target');
  if (pair) {
    doc.set('target', target);
    return doc.toString({ lineWidth: 0 });
  }
  // A new first key: the file's header comment stays the header, the key gets its own comment. The
  // parser hangs the header on the first key, with a blank line between it and that key's own comment.
  const first = doc.contents.items[0]?.key as { commentBefore?: string } | undefined;
  const blank = first?.commentBefore?.indexOf('\n\n') ?? -1;
  if (first?.commentBefore && blank >= 0 && !doc.commentBefore) {
    doc.commentBefore = first.commentBefore.slice(0, blank);
    first.commentBefore = first.commentBefore.slice(blank + 2);
  }
  const node = doc.createPair('target', target);
  (node.key as { commentBefore?: string }).commentBefore = ` ${TARGET_COMMENT}`;
  doc.contents.items.unshift(node as never);
  return doc.toString({ lineWidth: 0 });
}

const DOMAIN_COMMENT =
  ' The custom domain `create-apprunner-app domain add` put in front of the service (domain remove takes it\n' +
  ' away); deploy keeps it attached.';

/** The deploy config text with `domain:` set (a name) or removed (undefined), other comments and layout kept. */
export function withDomain(text: string, domain: string | undefined): string {
  const doc = parseDocument(text);
  if (!isMap(doc.contents)) throw new Error('the deploy config is not a YAML mapping');
  if (domain === undefined) {
    doc.delete('domain');
    return doc.toString({ lineWidth: 0 });
  }
  if (doc.has('domain')) {
    doc.set('domain', domain);
    return doc.toString({ lineWidth: 0 });
  }
  // Before app: (the file's last key by design), with its own comment.
  const pair = doc.createPair('domain', domain);
  (pair.key as { commentBefore?: string }).commentBefore = DOMAIN_COMMENT;
  const items = doc.contents.items;
  const at = items.findIndex((p) => (p.key as { value?: unknown })?.value === 'app');
  items.splice(at < 0 ? items.length : at, 0, pair as never);
  return doc.toString({ lineWidth: 0 });
}

/** The deploy config is a page of YAML; a bigger file is not one (and would only cost time to read). */
export const MAX_DEPLOY_CONFIG_BYTES = 1024 * 1024;
/** Aliases a hand-written config might use; far fewer than an alias bomb needs to blow up. */
const MAX_ALIASES = 100;

/**
 * The one reader of the deploy config, for every command: the file's bytes → its data, or a UsageError
 * (exit 2) naming the file, the problem and the line. Too big, not UTF-8 (said, never replaced by U+FFFD),
 * invalid YAML, duplicate keys and alias bombs are all refused here, before anything else reads a field.
 */
export function readDeployConfig(path: string): unknown {
  let bytes: Buffer;
  try {
    const size = statSync(path).size;
    if (size > MAX_DEPLOY_CONFIG_BYTES) throw new UsageError(tooBig(size));
    bytes = readFileSync(path);
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`${DEPLOY_CONFIG_FILE} could not be read: ${(error as Error).message}`);
  }
  if (bytes.length > MAX_DEPLOY_CONFIG_BYTES) throw new UsageError(tooBig(bytes.length));
  return parseDeployConfigBytes(bytes);
}

const tooBig = (size: number) =>
  `${DEPLOY_CONFIG_FILE} is ${(size / 1024 / 1024).toFixed(1)} MB: a deploy config is at most 1 MB. ` +
  'Keep large values out of it (read them at run time, or store them in Secrets Manager or SSM and list them under secrets:).';

/** Bytes → data, with every failure a UsageError (the pure half of readDeployConfig). */
export function parseDeployConfigBytes(bytes: Uint8Array): unknown {
  const text = decodeUtf8(bytes);
  try {
    return parseDeployConfig(text.startsWith('\uFEFF') ? text.slice(1) : text);
  } catch (error) {
    const e = error as Error & { linePos?: { line: number; col: number }[] };
    const where = e.linePos?.[0] ? ` (line ${e.linePos[0].line}, column ${e.linePos[0].col})` : '';
    const said = /alias count/i.test(e.message)
      ? `it uses aliases (*name) more than ${MAX_ALIASES} times, which no deploy config needs`
      : e.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
    throw new UsageError(
      `${DEPLOY_CONFIG_FILE} is not valid YAML${where}: ${said}. Fix it (or write it again with create-apprunner-app), then run the command again.`,
    );
  }
}

/** Strict UTF-8: the first line that is not valid UTF-8 is named instead of being read with U+FFFD in it. */
function decodeUtf8(bytes: Uint8Array): string {
  const strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  try {
    return strict.decode(bytes);
  } catch {
    // A newline byte never occurs inside a multi-byte UTF-8 character, so the file can be checked line by line.
    let line = 1;
    for (let startAt = 0; startAt <= bytes.length; line++) {
      const end = bytes.indexOf(0x0a, startAt);
      const stop = end < 0 ? bytes.length : end;
      try {
        strict.decode(bytes.subarray(startAt, stop));
      } catch {
        break;
      }
      startAt = stop + 1;
    }
    throw new UsageError(
      `${DEPLOY_CONFIG_FILE} is not UTF-8 text (line ${line} holds bytes that are not UTF-8, as in a file saved as Latin-1 ` +
        'or Windows-1252). Save it as UTF-8, then run the command again: its values are sent to AWS exactly as written.',
    );
  }
}

/** YAML text → data (throws the parser's own errors; readDeployConfig words them). */
export function parseDeployConfig(text: string): unknown {
  // The parser's own duplicate-key check compares every key with every other (400k variables took
  // minutes); a set per mapping does the same in one pass.
  const doc = parseDocument(text, { keepSourceTokens: true, uniqueKeys: false });
  if (doc.errors.length) throw doc.errors[0];
  const duplicate = firstDuplicateKey(doc);
  if (duplicate) {
    const line = text.slice(0, duplicate.offset).split('\n').length;
    throw Object.assign(
      new Error(`the key "${duplicate.key}" appears twice in one mapping (map keys must be unique)`),
      { linePos: [{ line, col: duplicate.offset - text.lastIndexOf('\n', duplicate.offset - 1) }] },
    );
  }
  const data = doc.toJS({ maxAliasCount: MAX_ALIASES }) as unknown;
  // A variable's value must reach the app exactly as written: YAML would read `1.10` as 1.1, `01234` as
  // 1234, `0x1F` as 31 and a 20-digit number as a rounded float. A plain (unquoted) value that YAML reads
  // as anything but text is therefore taken from the file's own characters.
  const env = doc.get('environment', true);
  if (isMap(env) && data && typeof data === 'object' && isPlainObject((data as Record<string, unknown>).environment)) {
    const out = (data as { environment: Record<string, unknown> }).environment;
    for (const pair of env.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : undefined;
      const node = pair.value;
      if (key === undefined || !isScalar(node) || typeof node.value === 'string' || node.value === null) continue;
      if (node.type === Scalar.PLAIN && node.srcToken && 'source' in node.srcToken) out[key] = node.srcToken.source;
    }
  }
  return data;
}

function firstDuplicateKey(doc: Document): { key: string; offset: number } | undefined {
  let found: { key: string; offset: number } | undefined;
  visit(doc, {
    Map(_, map) {
      const seen = new Set<string>();
      for (const pair of map.items) {
        const key = isScalar(pair.key) ? `${typeof pair.key.value}:${String(pair.key.value)}` : String(pair.key);
        if (seen.has(key)) {
          found = {
            key: isScalar(pair.key) ? String(pair.key.value) : String(pair.key),
            offset: (pair.key as { range?: number[] })?.range?.[0] ?? 0,
          };
          return visit.BREAK;
        }
        seen.add(key);
      }
      return undefined;
    },
  });
  return found;
}

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** The deploy config text with `workshop:` (and, for a suffix, `service.name`) set; comments and layout kept. */
export function withWorkshop(text: string, w: Workshop, name?: string): string {
  const doc = parseDocument(text);
  if (!isMap(doc.contents)) throw new Error('the deploy config is not a YAML mapping');
  if (w.owner !== undefined) doc.setIn(['workshop', 'owner'], w.owner);
  if (w.expiresAt !== undefined) doc.setIn(['workshop', 'expiresAt'], w.expiresAt);
  if (name !== undefined) doc.setIn(['service', 'name'], name);
  return doc.toString({ lineWidth: 0 });
}
