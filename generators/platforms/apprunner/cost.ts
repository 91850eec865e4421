// What an app costs on AWS App Runner, estimated from its deploy config. App Runner bills provisioned
// instances for memory around the clock and for vCPU only while they serve requests, so the estimate is
// a floor (memory of the always-on instances) plus active compute at an assumed number of busy hours.
// Prices: us-east-1, as published at https://aws.amazon.com/apprunner/pricing/ ($0.064 per vCPU-hour
// and $0.007 per GB-hour while active, $0.007 per GB-hour while idle, automatic deployments $1 per
// service a month, source builds $0.005 per build minute). App Runner bills per second.
import type { DeployConfig } from '../../core/deploy-config.js';
import { type Cpu, dollars, HOURS_PER_MONTH, MEMORY_BY_CPU } from '../../core/sizes.js';
import type { CostModel, Estimate, LineItem } from '../registry.js';

export const PRICES = {
  date: '2026-11',
  vcpuHour: 0.064,
  gbHour: 0.007,
  autoDeployMonth: 1,
  buildMinute: 0.005,
} as const;

export const PRICING_URLS = ['https://aws.amazon.com/apprunner/pricing/'] as const;

export interface Assumptions {
  /** Hours a month the service is busy (serving requests), per always-on instance. */
  busyHours: number;
  /** Source builds a month (code apps: every deploy builds). */
  builds: number;
  /** Minutes one build takes. */
  buildMinutes: number;
}

/** A working month of 22 days × 8 hours busy; about one build per working day of 3 minutes. */
export const DEFAULT_ASSUMPTIONS: Assumptions = { busyHours: 176, builds: 22, buildMinutes: 3 };

export interface MonthlyCost {
  /** Provisioned but idle all month: memory only. */
  idle: number;
  /** Active all month: vCPU and memory. */
  busy: number;
}

/** One instance of this size for a month, idle all month and busy all month. */
export function monthlyCost(cpu: string, memory: string): MonthlyCost {
  const mem = Number(memory) * PRICES.gbHour * HOURS_PER_MONTH;
  return { idle: mem, busy: mem + Number(cpu) * PRICES.vcpuHour * HOURS_PER_MONTH };
}

export function estimate(config: DeployConfig, given: Partial<Assumptions> = {}): Estimate {
  const a = { ...DEFAULT_ASSUMPTIONS, ...given };
  const { cpu, memory } = config.instance;
  const n = config.autoScaling.minSize;
  const busyHours = Math.min(a.busyHours, HOURS_PER_MONTH);
  const code = config.source.kind === 'code';
  const floor = n * memory * PRICES.gbHour * HOURS_PER_MONTH;
  const compute = n * cpu * PRICES.vcpuHour * busyHours;
  const autoDeploy = code && config.source.kind === 'code' && config.source.autoDeploy ? PRICES.autoDeployMonth : 0;
  const lines: LineItem[] = [
    {
      id: 'idle-floor',
      label: 'Provisioned memory (the idle floor)',
      detail: `${n} × ${memory} GB × ${HOURS_PER_MONTH} h × $${PRICES.gbHour}`,
      monthly: floor,
    },
    {
      id: 'active-compute',
      label: 'Active compute',
      detail: `${n} × ${cpu} vCPU × ${busyHours} busy h × $${PRICES.vcpuHour}`,
      monthly: compute,
    },
    {
      id: 'auto-deployments',
      label: 'Automatic deployments',
      detail: autoDeploy ? 'on: $1 a month' : 'off',
      monthly: autoDeploy,
    },
  ];
  if (code) {
    lines.push({
      id: 'source-builds',
      label: 'Source builds',
      detail: `${a.builds} builds × ${a.buildMinutes} min × $${PRICES.buildMinute}`,
      monthly: a.builds * a.buildMinutes * PRICES.buildMinute,
    });
  }
  const total = lines.reduce((sum, l) => sum + l.monthly, 0);
  const fixed = total - floor - compute;
  const one = monthlyCost(String(cpu), String(memory));
  return {
    platform: 'apprunner',
    region: 'us-east-1',
    pricesDate: PRICES.date,
    pricingUrls: [...PRICING_URLS],
    lines,
    total,
    // The instances alone, idle all month to busy all month: builds and automatic deployments come on top.
    range: { low: n * one.idle, high: n * one.busy },
    assumptions: code ? { ...a, busyHours } : { busyHours },
    notCounted: ['data transfer', 'CloudWatch Logs', 'ECR storage'],
    advice: advise(config, floor, busyHours, total, fixed),
  };
}

/** `total` is the estimate's total and `fixed` what does not depend on the size (builds, automatic
 * deployments), so a "costs about X instead of Y" line compares two full bills and Y is the Total shown. */
function advise(config: DeployConfig, floor: number, busyHours: number, total: number, fixed: number): string[] {
  const { cpu, memory } = config.instance;
  const n = config.autoScaling.minSize;
  const advice: string[] = [];
  const smallest = Number(MEMORY_BY_CPU[String(cpu) as Cpu]?.[0] ?? memory);
  if (smallest < memory) {
    const saving = n * (memory - smallest) * PRICES.gbHour * HOURS_PER_MONTH;
    advice.push(
      `${smallest} GB is the smallest memory App Runner offers with ${cpu} vCPU: if the app fits, it saves ${dollars(saving)} a month.`,
    );
  }
  if (cpu > 0.25) {
    const small = n * (0.5 * PRICES.gbHour * HOURS_PER_MONTH + 0.25 * PRICES.vcpuHour * busyHours) + fixed;
    advice.push(
      `For a dev or demo service, 0.25 vCPU / 0.5 GB costs about ${dollars(small)} a month instead of ${dollars(total)}.`,
    );
  }
  if (n > 1)
    advice.push(
      `minSize ${n} keeps ${n} instances provisioned around the clock; 1 is enough unless cold capacity hurts.`,
    );
  // A paused service bills nothing; nights (12 h) and weekends are ~60 % of a month.
  const pausedHours = 12 * 22 + 24 * 8;
  advice.push(
    `Pausing a dev service at night and on weekends (create-apprunner-app pause) saves about ${dollars((floor * pausedHours) / HOURS_PER_MONTH)} a month.`,
  );
  return advice;
}

/** App Runner's row of the cost registry: what the size prompt, the scaffold and `cost` show. */
export const APPRUNNER_COST: CostModel<Assumptions> = {
  pricesDate: PRICES.date,
  pricingUrls: PRICING_URLS,
  defaults: DEFAULT_ASSUMPTIONS,
  flags: [
    {
      flag: 'busy-hours',
      key: 'busyHours',
      arg: '<h>',
      help: 'hours a month the service is busy',
      unit: 'hours',
      max: HOURS_PER_MONTH,
    },
    { flag: 'builds', key: 'builds', arg: '<n>', help: 'source builds a month (code apps)' },
    { flag: 'build-minutes', key: 'buildMinutes', arg: '<min>', help: 'minutes one build takes (code apps)' },
  ],
  estimate,
  sizePrice: (cpu, memory) => {
    const c = monthlyCost(cpu, memory);
    return `about ${dollars(c.idle)} a month idle, ${dollars(c.busy)} busy`;
  },
  phrase: (e) =>
    `about ${dollars(e.total)} a month at ${e.assumptions.busyHours} busy hours ` +
    `(${dollars(e.lines[0]!.monthly)} of it the idle floor)`,
  range: (e) => `${dollars(e.range.low)} idle to ${dollars(e.range.high)} busy a month`,
};
