// `create-apprunner-app cost`: the monthly estimate for the app in this folder, from its deploy config,
// on the platform it deploys to (the registry's cost model), with the other platform as one line.
// `--json` prints the same estimate as one object for scripts and agents.
import { resolve } from 'node:path';

import type { DeployConfig } from '../core/deploy-config.js';
import { dollars } from '../core/sizes.js';
import {
  comparisonLine,
  DEFAULT_TARGET,
  type Estimate,
  monthlyEstimate,
  othersOf,
  platformOf,
  PLATFORMS,
  type TargetId,
} from '../platforms/registry.js';
import { loadProject } from '../platforms/shared/config.js';
import { type Parsed, UsageError } from './args.js';

/** Every assumption flag of every platform (`cost` accepts them all, and says which apply). */
export const COST_ASSUMPTION_FLAGS = PLATFORMS.flatMap((p) =>
  p.cost.flags.map((f) => ({ ...f, platform: p.id as TargetId })),
);

export function runCost(parsed: Parsed, dir = process.cwd()): number {
  // A bad number is refused before the folder is read: the flag is wrong wherever it is run.
  const given = numbersOf(parsed);
  const project = loadProject(typeof parsed.extra.cwd === 'string' ? resolve(dir, parsed.extra.cwd) : dir, 'cost');
  const { config } = project;
  const target: TargetId = config.target ?? DEFAULT_TARGET;
  const assumptions = forPlatform(given, target);
  const e = monthlyEstimate(target, config, assumptions);
  if (parsed.extra.json === true) {
    process.stdout.write(`${JSON.stringify(jsonOf(project.config.service.name, config, e), null, 2)}\n`);
    return 0;
  }
  process.stdout.write(`${renderEstimate(project.config.service.name, config, e)}\n`);
  return 0;
}

type Given = { flag: (typeof COST_ASSUMPTION_FLAGS)[number]; value: number }[];

/** The assumption flags given, each checked to be a number in its range. */
function numbersOf(parsed: Parsed): Given {
  const out: Given = [];
  for (const f of COST_ASSUMPTION_FLAGS) {
    const raw = parsed.extra[f.flag];
    if (raw === undefined) continue;
    const n = Number(raw);
    const bad =
      typeof raw !== 'string' ||
      !/^\d+(\.\d+)?$/.test(raw) ||
      (f.max !== undefined && n > f.max) ||
      (f.min !== undefined && n < f.min);
    if (bad) {
      const range =
        f.max !== undefined ? ` from ${f.min ?? 0} to ${f.max}` : f.min !== undefined ? ` of at least ${f.min}` : '';
      throw new UsageError(
        `--${f.flag} ${String(raw)}: give a number${f.unit ? ` of ${f.unit}` : ''}${range} (${f.help}).`,
      );
    }
    out.push({ flag: f, value: n });
  }
  return out;
}

/** A flag of another platform is refused, naming the ones this app's platform takes. */
function forPlatform(given: Given, target: TargetId): Record<string, number> {
  const out: Record<string, number> = {};
  for (const { flag: f, value } of given) {
    if (f.platform !== target) {
      const own = platformOf(target)
        .cost.flags.map((x) => `--${x.flag}`)
        .join(', ');
      throw new UsageError(
        `--${f.flag} is an assumption of ${platformOf(f.platform).label}; this app deploys to ${platformOf(target).label}, ` +
          `whose estimate takes ${own}.`,
      );
    }
    out[f.key] = value;
  }
  return out;
}

export function renderEstimate(name: string, config: DeployConfig, e: Estimate): string {
  const p = platformOf(e.platform);
  const { cpu, memory } = config.instance;
  const n = config.autoScaling.minSize;
  const width = Math.max(...e.lines.map((l) => l.label.length)) + 2;
  const detailWidth = Math.max(...e.lines.map((l) => l.detail.length)) + 2;
  const row = (label: string, detail: string, amount: number) =>
    `  ${label.padEnd(width)}${detail.padEnd(detailWidth)}${dollars(amount).padStart(9)}`;
  const flags = p.cost.flags.map((f) => `--${f.flag}`).join(', ');
  const assumed = p.cost.flags
    .filter((f) => f.key in e.assumptions)
    .map((f) => `${f.help} ${e.assumptions[f.key]}`)
    .join('; ');
  return [
    `Monthly estimate for "${name}" on ${p.label} (target: ${e.platform}; ${cpu} vCPU / ${memory} GB, at least ${n} ${p.words.unit}${n > 1 ? 's' : ''}).`,
    `An estimate at us-east-1 prices of ${e.pricesDate} (other regions differ; see ${e.pricingUrls.join(', ')}):`,
    '',
    ...e.lines.map((l) => row(l.label, l.detail, l.monthly)),
    row('Total', '', e.total),
    '',
    `Not counted: ${e.notCounted.join(', ')}.`,
    `Assumed: ${assumed}. Change with ${flags}.`,
    '',
    'Ways to pay less:',
    ...e.advice.map((line) => `  - ${line}`),
    '',
    comparisonLine(e.platform, config),
  ].join('\n');
}

/** `cost --json`: the estimate, the assumptions behind it and the other platforms' totals at the same size. */
function jsonOf(name: string, config: DeployConfig, e: Estimate) {
  const cents = (n: number) => Math.round(n * 100) / 100;
  return {
    service: name,
    platform: e.platform,
    platformLabel: platformOf(e.platform).label,
    size: { cpu: config.instance.cpu, memory: config.instance.memory, minSize: config.autoScaling.minSize },
    currency: 'USD',
    region: e.region,
    pricesDate: e.pricesDate,
    pricingUrls: e.pricingUrls,
    lines: e.lines.map((l) => ({ ...l, monthly: cents(l.monthly) })),
    total: cents(e.total),
    range: { low: cents(e.range.low), high: cents(e.range.high) },
    assumptions: e.assumptions,
    notCounted: e.notCounted,
    advice: e.advice,
    comparison: othersOf(e.platform).map((p) => {
      const other = monthlyEstimate(p.id as TargetId, config);
      return {
        platform: p.id,
        total: cents(other.total),
        range: { low: cents(other.range.low), high: cents(other.range.high) },
        pricesDate: other.pricesDate,
      };
    }),
  };
}
