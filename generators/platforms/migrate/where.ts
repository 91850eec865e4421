// Where the migrated app lives. Inside one of our apps (an apprunner.deploy.yaml in --cwd): that app, its
// id, and its deploy config updated in place. Anywhere else: a new folder (--dir, default ./<service name>)
// holding only a deploy config with a fresh app id. A folder an earlier run wrote for the same App Runner
// service is that run's (its id, so the rerun finds what it made); any other non-empty folder is refused.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

import { type AppId, newAppId } from '../../core/app-id.js';
import { DEPLOY_CONFIG_FILE, type DeployConfig, renderDeployConfig } from '../../core/deploy-config.js';
import { loadProject } from '../shared/config.js';
import { usageError } from '../shared/errors.js';
import { updateConfigText } from './config.js';

export interface Place {
  dir: string;
  inApp: boolean;
  /** The app's own config (in an app, or a folder an earlier run wrote). */
  config?: DeployConfig;
  id: AppId;
  /** true: the id is new and not on disk yet (written with the config). */
  fresh: boolean;
}

/** In an app? (Decided before any AWS call: outside one, --from is required.) */
export const isAppDir = (dir: string) => existsSync(join(dir, DEPLOY_CONFIG_FILE));

export function appPlace(dir: string): Place {
  const { config } = loadProject(dir, 'migrate');
  const id = config.app?.id;
  return { dir, inApp: true, config, id: id ?? newAppId(), fresh: !id };
}

/** The new folder for `serviceArn`, checked before anything is created. */
export function folderPlace(cwd: string, given: string | undefined, serviceName: string, serviceArn: string): Place {
  const dir = resolve(cwd, given ?? serviceName);
  if (!existsSync(dir)) return { dir, inApp: false, id: newAppId(), fresh: true };
  if (existsSync(join(dir, DEPLOY_CONFIG_FILE))) {
    const { config } = loadProject(dir, 'migrate');
    if (config.migratedFrom?.apprunnerService === serviceArn && config.app?.id)
      return { dir, inApp: false, config, id: config.app.id, fresh: false };
    throw usageError(
      `${dir} already holds an app (${DEPLOY_CONFIG_FILE}) that was not migrated from ${serviceArn}. ` +
        `Run migrate inside it (cd ${given ?? serviceName}) to move that app's own service, or pass --dir <new folder>.`,
    );
  }
  if (readdirSync(dir).length)
    throw usageError(`${dir} is not empty: migrate writes a new app folder there. Pass --dir <new folder>.`);
  return { dir, inApp: false, id: newAppId(), fresh: true };
}

/** Writes the deploy config: the app's own file updated in place, or the new folder's whole file. */
export function writeConfig(place: Place, config: DeployConfig): string {
  const file = join(place.dir, DEPLOY_CONFIG_FILE);
  if (place.inApp) {
    writeFileSync(file, updateConfigText(readFileSync(file, 'utf8'), config));
    return file;
  }
  mkdirSync(place.dir, { recursive: true });
  try {
    // A new folder's file is created exclusively: two runs at once cannot both write an id (and then
    // create a service the folder does not name); the second one stops here.
    writeFileSync(file, renderDeployConfig(config), { flag: place.fresh ? 'wx' : 'w' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    throw usageError(
      `${file} appeared while migrate ran (another migrate of the same service?). Nothing was created: run migrate again.`,
    );
  }
  return file;
}
