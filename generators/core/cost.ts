// The monthly bill, estimated from the deploy config. App Runner bills provisioned instances for
// memory around the clock and for vCPU only while they serve requests, so the estimate is a floor
// (memory of the always-on instances) plus active compute at an assumed number of busy hours.
import type { DeployConfig } from './deploy-config.js';
import { HOURS_PER_MONTH, MEMORY_BY_CPU, PRICES, dollars, type Cpu } from './sizes.js';

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

export interface Line { label: string; detail: string; dollars: number }
export interface Estimate { lines: Line[]; total: number; advice: string[] }

export function estimate(config: DeployConfig, a: Assumptions = DEFAULT_ASSUMPTIONS): Estimate {
  const { cpu, memory } = config.instance;
  const n = config.autoScaling.minSize;
  const busyHours = Math.min(a.busyHours, HOURS_PER_MONTH);
  const floor = n * memory * PRICES.gbHour * HOURS_PER_MONTH;
  const compute = n * cpu * PRICES.vcpuHour * busyHours;
  const autoDeploy = config.source.kind === 'code' && config.source.autoDeploy ? PRICES.autoDeployMonth : 0;
  const builds = config.source.kind === 'code' ? a.builds * a.buildMinutes * PRICES.buildMinute : 0;
  const lines: Line[] = [
    { label: 'Provisioned memory (the idle floor)', detail: `${n} × ${memory} GB × ${HOURS_PER_MONTH} h × $${PRICES.gbHour}`, dollars: floor },
    { label: 'Active compute', detail: `${n} × ${cpu} vCPU × ${busyHours} busy h × $${PRICES.vcpuHour}`, dollars: compute },
    { label: 'Automatic deployments', detail: autoDeploy ? 'on: $1 a month' : 'off', dollars: autoDeploy },
  ];
  if (config.source.kind === 'code') {
    lines.push({ label: 'Source builds', detail: `${a.builds} builds × ${a.buildMinutes} min × $${PRICES.buildMinute}`, dollars: builds });
  }
  const total = lines.reduce((sum, l) => sum + l.dollars, 0);
  return { lines, total, advice: advise(config, floor, busyHours, total, autoDeploy + builds) };
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
    advice.push(`${smallest} GB is the smallest memory App Runner offers with ${cpu} vCPU: if the app fits, it saves ${dollars(saving)} a month.`);
  }
  if (cpu > 0.25) {
    const small = n * (0.5 * PRICES.gbHour * HOURS_PER_MONTH + 0.25 * PRICES.vcpuHour * busyHours) + fixed;
    advice.push(`For a dev or demo service, 0.25 vCPU / 0.5 GB costs about ${dollars(small)} a month instead of ${dollars(total)}.`);
  }
  if (n > 1) advice.push(`minSize ${n} keeps ${n} instances provisioned around the clock; 1 is enough unless cold capacity hurts.`);
  // A paused service bills nothing; nights (12 h) and weekends are ~60 % of a month.
  const pausedHours = 12 * 22 + 24 * 8;
  advice.push(`Pausing a dev service at night and on weekends (aws apprunner pause-service) saves about ${dollars(floor * pausedHours / HOURS_PER_MONTH)} a month.`);
  return advice;
}

/** One line for the end of scaffolding. */
export function costLine(config: DeployConfig, toolCommand = 'create-apprunner-app'): string {
  const e = estimate(config);
  return `Estimated cost: about ${dollars(e.total)} a month at ${DEFAULT_ASSUMPTIONS.busyHours} busy hours `
    + `(${dollars(e.lines[0]!.dollars)} of it the idle floor; us-east-1 prices of ${PRICES.date}). Details: ${toolCommand} cost`;
}

export function renderEstimate(name: string, config: DeployConfig, a: Assumptions): string {
  const e = estimate(config, a);
  const width = Math.max(...e.lines.map((l) => l.label.length)) + 2;
  const detailWidth = Math.max(...e.lines.map((l) => l.detail.length)) + 2;
  const row = (label: string, detail: string, amount: number) => `  ${label.padEnd(width)}${detail.padEnd(detailWidth)}${dollars(amount).padStart(9)}`;
  return [
    `Monthly estimate for "${name}" (${config.instance.cpu} vCPU / ${config.instance.memory} GB, at least ${config.autoScaling.minSize} instance${config.autoScaling.minSize > 1 ? 's' : ''}).`,
    `An estimate at us-east-1 prices of ${PRICES.date} (other regions differ; see https://aws.amazon.com/apprunner/pricing/):`,
    '',
    ...e.lines.map((l) => row(l.label, l.detail, l.dollars)),
    row('Total', '', e.total),
    '',
    'Ways to pay less:',
    ...e.advice.map((line) => `  - ${line}`),
  ].join('\n');
}
