// What an app costs on Amazon ECS Express Mode: Fargate tasks around the clock (minSize of them), a
// share of the Application Load Balancer Express puts in front (shared by up to 25 services), and the
// load balancer's public IPv4 addresses. There is no surcharge for ECS or for Express Mode, no pause and
// no scale to zero, so the month costs the same whatever the load. Prices: us-east-1, Linux/x86, as
// published at
//   https://aws.amazon.com/fargate/pricing/              ($0.04048 per vCPU-hour, $0.004445 per GB-hour)
//   https://aws.amazon.com/elasticloadbalancing/pricing/ ($0.0225 per ALB-hour, $0.008 per LCU-hour)
//   https://aws.amazon.com/vpc/pricing/                  ($0.005 per public IPv4 address-hour)
// Left out: data transfer, CloudWatch Logs, NAT gateways, the short double-running of a canary deploy.
import type { DeployConfig } from '../../core/deploy-config.js';
import { dollars, HOURS_PER_MONTH } from '../../core/sizes.js';
import type { CostModel, Estimate } from '../registry.js';

export const ECS_PRICES = {
  vcpuHour: 0.04048,
  gbHour: 0.004445,
  albHour: 0.0225,
  lcuHour: 0.008,
  ipv4Hour: 0.005,
} as const;
export const ECS_PRICES_DATE = '2026-12-02';
export const PRICING_URLS = [
  'https://aws.amazon.com/fargate/pricing/',
  'https://aws.amazon.com/elasticloadbalancing/pricing/',
  'https://aws.amazon.com/vpc/pricing/',
] as const;

export interface EcsAssumptions {
  /** Express services sharing the load balancer (1 = this app alone). */
  sharing: number;
  /** Average load balancer capacity units in use. */
  lcu: number;
  /** Availability zones, one public IPv4 address each for the load balancer. */
  azs: number;
}

export const DEFAULT_ECS_ASSUMPTIONS: EcsAssumptions = { sharing: 1, lcu: 1, azs: 2 };

export function ecsMonthly(config: DeployConfig, a: EcsAssumptions = DEFAULT_ECS_ASSUMPTIONS) {
  const { cpu, memory } = config.instance;
  const tasks = config.autoScaling.minSize;
  const compute = tasks * HOURS_PER_MONTH * (cpu * ECS_PRICES.vcpuHour + memory * ECS_PRICES.gbHour);
  const loadBalancer = (HOURS_PER_MONTH * (ECS_PRICES.albHour + a.lcu * ECS_PRICES.lcuHour)) / a.sharing;
  const ipv4 = (a.azs * HOURS_PER_MONTH * ECS_PRICES.ipv4Hour) / a.sharing;
  return { compute, loadBalancer, ipv4, total: compute + loadBalancer + ipv4 };
}

export function estimate(config: DeployConfig, given: Partial<EcsAssumptions> = {}): Estimate {
  const a = { ...DEFAULT_ECS_ASSUMPTIONS, ...given };
  const { cpu, memory } = config.instance;
  const tasks = config.autoScaling.minSize;
  const e = ecsMonthly(config, a);
  const shared = a.sharing > 1 ? ` / ${a.sharing} services sharing it` : ', not shared';
  return {
    platform: 'ecs-express',
    region: 'us-east-1',
    pricesDate: ECS_PRICES_DATE,
    pricingUrls: [...PRICING_URLS],
    lines: [
      {
        id: 'fargate-tasks',
        label: 'Fargate tasks, always on',
        detail: `${tasks} × ${cpu} vCPU / ${memory} GB × ${HOURS_PER_MONTH} h`,
        monthly: e.compute,
      },
      {
        id: 'load-balancer',
        label: 'Load balancer',
        detail: `${HOURS_PER_MONTH} h + ${a.lcu} LCU${shared}`,
        monthly: e.loadBalancer,
      },
      {
        id: 'public-ipv4',
        label: 'Public IPv4 (load balancer)',
        detail: `${a.azs} addresses${shared}`,
        monthly: e.ipv4,
      },
    ],
    total: e.total,
    range: { low: e.total, high: e.total },
    assumptions: { ...a },
    notCounted: ['data transfer', 'CloudWatch Logs', 'NAT gateways', 'the short double-running of a canary deploy'],
    advice: advise(config, a, e.loadBalancer + e.ipv4),
  };
}

/** Ways to pay less on Express: a smaller task, fewer tasks, a shared load balancer, and delete (no pause). */
function advise(config: DeployConfig, a: EcsAssumptions, fixed: number): string[] {
  const { cpu, memory } = config.instance;
  const tasks = config.autoScaling.minSize;
  const advice: string[] = [];
  if (cpu > 0.25) {
    const small = tasks * HOURS_PER_MONTH * (0.25 * ECS_PRICES.vcpuHour + 0.5 * ECS_PRICES.gbHour) + fixed;
    advice.push(
      `For a dev or demo service, 0.25 vCPU / 0.5 GB tasks (the load balancer stays the same) cost about ${dollars(small)} ` +
        `a month in all instead of ${dollars(ecsMonthly(config, a).total)}.`,
    );
  } else if (memory > 0.5) {
    advice.push(
      `0.5 GB is the smallest memory offered with 0.25 vCPU: if the app fits, it saves ` +
        `${dollars(tasks * (memory - 0.5) * ECS_PRICES.gbHour * HOURS_PER_MONTH)} a month.`,
    );
  }
  if (tasks > 1)
    advice.push(
      `minSize ${tasks} keeps ${tasks} tasks running around the clock; 1 is enough unless cold capacity hurts.`,
    );
  if (a.sharing < 25) {
    const shared = ecsMonthly(config, { ...a, sharing: 25 }).total;
    advice.push(
      `Express services in the same VPC share one load balancer (up to 25): with 25 of them this one costs about ${dollars(shared)} a month.`,
    );
  }
  advice.push(
    'Express Mode cannot pause or scale to zero: a service you do not need is stopped by deleting it (create-apprunner-app delete).',
  );
  return advice;
}

/** ECS Express Mode's row of the cost registry: what the size prompt, the scaffold and `cost` show. */
export const ECS_COST: CostModel<EcsAssumptions> = {
  pricesDate: ECS_PRICES_DATE,
  pricingUrls: PRICING_URLS,
  defaults: DEFAULT_ECS_ASSUMPTIONS,
  flags: [
    {
      flag: 'shared-by',
      key: 'sharing',
      arg: '<n>',
      help: 'Express services sharing the load balancer',
      max: 25,
      min: 1,
    },
    { flag: 'lcu', key: 'lcu', arg: '<n>', help: 'average load balancer capacity units in use' },
    {
      flag: 'azs',
      key: 'azs',
      arg: '<n>',
      help: 'availability zones of the load balancer (one public IPv4 address each)',
      min: 1,
    },
  ],
  estimate,
  sizePrice: (cpu, memory) => {
    const total = ecsMonthly({
      instance: { cpu: Number(cpu), memory: Number(memory) },
      autoScaling: { minSize: 1 },
    } as DeployConfig).total;
    return `about ${dollars(total)} a month whatever the load (load balancer included)`;
  },
  phrase: (e) =>
    `about ${dollars(e.total)} a month whatever the load (${dollars(e.lines[1]!.monthly + e.lines[2]!.monthly)} of it the load balancer)`,
  range: (e) => `${dollars(e.total)} a month whatever the load`,
};
