// `create-apprunner-app list`: every service this tool created in the account, in the region or with
// --all-regions, on every platform, whoever deployed it: name, app id, platform, status, URL, created,
// age, monthly estimate (the platform's own cost model at the live size), owner and expiry. A service
// whose tags do not prove it is ours (ownership/account.ts) is never listed. Runs anywhere: no app needed.
import { humanDuration } from '../core/duration.js';
import { dollars } from '../core/sizes.js';
import { expired, EXPIRES_TAG, OWNER_TAG } from '../core/workshop.js';
import { loadPlatform } from '../platforms/load.js';
import type { OurService } from '../platforms/ownership/account.js';
import { type AccountRun, accountServices, anywhere, configOf, timingOf } from './account.js';
import { unreachableLine } from './elsewhere.js';
import type { Flags } from './run.js';

export interface Listed {
  name: string;
  appId: string;
  platform: string;
  region: string;
  status: string;
  url?: string;
  createdAt?: string;
  ageMinutes?: number;
  monthly?: number;
  owner?: string;
  expiresAt?: string;
  expired: boolean;
  arn: string;
}

export const runList = (flags: Flags) => anywhere('list', flags, list);

/** One row per service, read with the platform's own describeLive and cost model. */
export async function describeAll(run: AccountRun, services: OurService[], now = Date.now()): Promise<Listed[]> {
  const rows: Listed[] = [];
  for (const s of services) {
    const platform = await loadPlatform(s.platform);
    const config = configOf(s);
    const clients = await platform.connect({ region: s.region, profile: run.profile, signal: run.signal });
    let view;
    try {
      view = await platform.describeLive({
        clients,
        config,
        region: s.region,
        timing: timingOf(run),
        signal: run.signal,
      });
    } catch (error) {
      if (run.signal.aborted) throw error;
      view = undefined; // a denied read of one service: its row still shows what the finder saw
    } finally {
      clients.close();
    }
    const monthly = view ? platform.liveCost(config, view).json.monthly : undefined;
    rows.push({
      name: s.name,
      appId: s.appId,
      platform: s.platform,
      region: s.region,
      status: view?.state ?? s.status,
      ...(view?.url ? { url: view.url } : {}),
      ...(s.createdAt
        ? { createdAt: s.createdAt.toISOString(), ageMinutes: Math.floor((now - s.createdAt.getTime()) / 60_000) }
        : {}),
      ...(typeof monthly === 'number' ? { monthly } : {}),
      ...(s.tags[OWNER_TAG] ? { owner: s.tags[OWNER_TAG] } : {}),
      ...(s.tags[EXPIRES_TAG] ? { expiresAt: s.tags[EXPIRES_TAG] } : {}),
      expired: expired(s.tags[EXPIRES_TAG], now) !== undefined,
      arn: s.arn,
    });
  }
  return rows;
}

async function list(run: AccountRun): Promise<number> {
  const found = await accountServices(run);
  const rows = await describeAll(run, found.services);
  const where = run.regions.length === 1 ? run.region : `${run.regions.length} regions`;
  if (run.flags.json === true) {
    const out = { account: found.account, regions: run.regions, services: rows, unreachable: found.unreachable };
    run.io.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
    return 0;
  }
  const note = unreachableLine({ elsewhere: [], unreachable: found.unreachable });
  if (!rows.length) {
    run.ui.info(`No service made by create-apprunner-app in ${where} (account ${found.account}).`);
    if (note) run.ui.warn(note);
    return 0;
  }
  run.ui.info(render(rows, await labels(rows)));
  const total = rows.reduce((sum, r) => sum + (r.monthly ?? 0), 0);
  run.ui.info(
    `\n${rows.length} service${rows.length === 1 ? '' : 's'} in ${where} (account ${found.account}), about ${dollars(total)} a month together.` +
      (rows.some((r) => r.expired)
        ? ` Past their expiry: ${rows.filter((r) => r.expired).length} (remove them with ${run.tool('sweep --expired')}).`
        : ''),
  );
  if (note) run.ui.warn(note);
  return 0;
}

async function labels(rows: Listed[]): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const id of new Set(rows.map((r) => r.platform))) out[id] = (await loadPlatform(id as never)).shortLabel;
  return out;
}

function render(rows: Listed[], label: Record<string, string>): string {
  const head = [
    'NAME',
    'APP ID',
    'PLATFORM',
    'REGION',
    'STATUS',
    'URL',
    'CREATED',
    'AGE',
    '$/MONTH',
    'OWNER',
    'EXPIRES',
  ];
  const body = rows.map((r) => [
    r.name,
    r.appId,
    label[r.platform] ?? r.platform,
    r.region,
    r.status,
    r.url ?? '-',
    r.createdAt ? r.createdAt.slice(0, 16).replace('T', ' ') : '-',
    r.ageMinutes !== undefined ? humanDuration(r.ageMinutes * 60_000) : '-',
    r.monthly !== undefined ? dollars(r.monthly) : '-',
    r.owner ?? '-',
    r.expiresAt ? `${r.expiresAt.slice(0, 16).replace('T', ' ')}${r.expired ? ' (expired)' : ''}` : '-',
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  return [head, ...body]
    .map((cells) =>
      cells
        .map((c, i) => c.padEnd(widths[i]!))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}
