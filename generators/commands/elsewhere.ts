// The app's other deployments (an old name, another region, the other platform), found by its id
// (platforms/ownership/elsewhere.ts): status lists each with its bill, delete plans its removal too.
import { dollars } from '../core/sizes.js';
import { loadPlatform } from '../platforms/load.js';
import type { Deployment } from '../platforms/ownership/deployments.js';
import { deploymentsElsewhere, type Elsewhere } from '../platforms/ownership/elsewhere.js';
import type { Run } from './run.js';

export interface Found {
  elsewhere: Elsewhere[];
  unreachable: { region: string; reason: string }[];
}

export async function lookElsewhere(run: Run): Promise<Found> {
  try {
    return await lookAround(run);
  } catch (error) {
    if (run.signal.aborted) throw error;
    // Looking elsewhere is extra: its failure (a denied or unanswered call) is one line, not the command's end.
    return {
      elsewhere: [],
      unreachable: [{ region: run.region, reason: String((error as Error).message).split('\n')[0]! }],
    };
  }
}

async function lookAround(run: Run): Promise<Found> {
  const { live, config, region, platform } = run;
  return deploymentsElsewhere({
    config,
    region,
    platform: platform.id,
    account: (await live.clients.sts.callerIdentity()).account,
    roleNames: () => live.clients.iam.roleNames(),
    profile: live.profile,
    signal: run.signal,
    timing: live.timing,
  });
}

/** "go-api in us-east-1 on App Runner" */
export async function deploymentName(d: Deployment): Promise<string> {
  return `${d.name} in ${d.region} on ${(await loadPlatform(d.platform)).shortLabel}`;
}

/** status's lines: "also running: go-api in us-east-1 on App Runner, billing about $12.34 a month". */
export async function elsewhereLines(found: Found): Promise<string[]> {
  const lines = await Promise.all(
    found.elsewhere.map(
      async (e) =>
        `also running: ${await deploymentName(e.deployment)}` +
        `${e.monthly !== undefined ? `, billing about ${dollars(e.monthly)} a month` : ''}`,
    ),
  );
  const line = unreachableLine(found);
  return line ? [...lines, line] : lines;
}

/** One line for the regions that could not be read, so a missing permission is not mistaken for "nothing there". */
export function unreachableLine(found: Found): string | undefined {
  if (!found.unreachable.length) return undefined;
  const first = found.unreachable[0]!;
  const regions = found.unreachable.map((u) => u.region);
  return `could not look for other deployments in ${regions.length === 1 ? first.region : `${regions.length} regions (${regions.slice(0, 3).join(', ')}${regions.length > 3 ? ', …' : ''})`}: ${first.reason}`;
}
