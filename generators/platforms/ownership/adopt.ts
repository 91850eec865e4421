// May deploy update the service the config names? Only one that carries this app's id. A same-named
// service without it is refused (exit 1, naming the owner tags found) unless the person takes it over
// explicitly with --adopt (confirmed on a terminal). One exception keeps old apps working: the deploy
// that gives an older config its id (withAppId) takes over a service an older version of this tool made
// (`created-by` and no id): that config has been deploying to it all along. It says so in one line.
import type { AppId } from '../../core/app-id.js';
import { type AnyTags, APP_ID_KEY, type Ownership, ownership, ownerText } from './owner.js';

export type ServiceVerdict =
  | { act: 'update' }
  /** Tag it with this app's id, then update it; `why` is the line deploy prints. */
  | { act: 'adopt'; why: string }
  | { act: 'refuse'; message: string };

export interface AdoptContext {
  /** --adopt was given (and, on a terminal, confirmed). */
  adopt: boolean;
  /** This deploy is the one that added the app id to the config. */
  migrating: boolean;
  /** For messages: "the App Runner service my-api in eu-west-1". */
  label: string;
  configFile: string;
}

export function serviceVerdict(tags: AnyTags | undefined, id: AppId, ctx: AdoptContext): ServiceVerdict {
  const o = ownership(tags, id);
  if (o.kind === 'ours') return { act: 'update' };
  if (ctx.adopt)
    return {
      act: 'adopt',
      why: `Taking over ${ctx.label} (--adopt): it carried ${ownerText(o)}; it now also carries ${APP_ID_KEY}=${id}.`,
    };
  if (o.kind === 'legacy' && ctx.migrating) {
    return {
      act: 'adopt',
      why: `${ctx.label} was made by an older version of this tool for this config: it now carries the app's id (${APP_ID_KEY}=${id}).`,
    };
  }
  return { act: 'refuse', message: refusal(o, id, ctx) };
}

function refusal(o: Exclude<Ownership, { kind: 'ours' }>, id: AppId, ctx: AdoptContext): string {
  return (
    `${ctx.label} already exists and is not this app's: it carries ${ownerText(o)}, not ${APP_ID_KEY}=${id}. ` +
    "Deploy changes only what carries this app's id, so nothing was changed.\n" +
    `  - If it is this app's (made by hand, or the id in ${ctx.configFile} was lost), take it over: deploy --adopt\n` +
    `    (it asks on a terminal; --adopt --yes without one). Deploy then replaces its image, roles, size and health check.\n` +
    `  - Otherwise give this app its own service.name in ${ctx.configFile} and deploy again.`
  );
}
