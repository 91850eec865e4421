// The deploy that finds no app id in the deploy config (a config written before there were ids) adds one,
// keeping the file as it was otherwise, and says so in one line. It is also the one deploy that may take
// over a service an older version of the tool made for this config (adopt.ts: `migrating`).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { type AppId, newAppId } from '../../core/app-id.js';
import { DEPLOY_CONFIG_FILE, type DeployConfig } from '../../core/deploy-config.js';
import { withAppId } from '../../core/deploy-config-file.js';

export interface AppIdentity {
  id: AppId;
  /** true when this run wrote the id into the file. */
  migrating: boolean;
}

export function ensureAppId(dir: string, config: DeployConfig, say: (line: string) => void): AppIdentity {
  if (config.app?.id) return { id: config.app.id, migrating: false };
  const id = newAppId();
  const file = join(dir, DEPLOY_CONFIG_FILE);
  writeFileSync(file, withAppId(readFileSync(file, 'utf8'), id));
  config.app = { id };
  say(
    `${DEPLOY_CONFIG_FILE} had no app id (it was written by an older version): added app.id ${id}, ` +
      'which deploy tags everything with from now on. Commit it with the app.',
  );
  return { id, migrating: true };
}
