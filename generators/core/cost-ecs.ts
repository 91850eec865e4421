// What the same app costs on Amazon ECS Express Mode: Fargate tasks around the clock (minSize of them),
// a share of the Application Load Balancer Express puts in front (shared by up to 25 services), and the
// load balancer's public IPv4 addresses. Prices: us-east-1, Linux/x86, as published on 2026-12-02 at
//   https://aws.amazon.com/fargate/pricing/            ($0.04048 per vCPU-hour, $0.004445 per GB-hour)
//   https://aws.amazon.com/elasticloadbalancing/pricing/ ($0.0225 per ALB-hour, $0.008 per LCU-hour)
//   https://aws.amazon.com/vpc/pricing/                 ($0.005 per public IPv4 address-hour)
// Left out: data transfer, CloudWatch Logs, NAT gateways, the short double-running of a canary deploy.
import type { DeployConfig } from './deploy-config.js';
import { HOURS_PER_MONTH, dollars } from './sizes.js';

export const ECS_PRICES = { vcpuHour: 0.04048, gbHour: 0.004445, albHour: 0.0225, lcuHour: 0.008, ipv4Hour: 0.005 } as const;
export const ECS_PRICES_DATE = '2026-12-02';

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

/** The ECS Express estimate for `cost`, and one line beside App Runner at the same size. */
export function renderEcsEstimate(config: DeployConfig, appRunner: { idle: number; busy: number }, a: EcsAssumptions = DEFAULT_ECS_ASSUMPTIONS): string {
  const { cpu, memory } = config.instance;
  const tasks = config.autoScaling.minSize;
  const e = ecsMonthly(config, a);
  const shared = a.sharing > 1 ? ` / ${a.sharing} services sharing it` : ', not shared';
  return [
    `On Amazon ECS Express Mode (us-east-1 prices of ${ECS_PRICES_DATE}; https://aws.amazon.com/fargate/pricing/,`,
    'https://aws.amazon.com/elasticloadbalancing/pricing/, https://aws.amazon.com/vpc/pricing/):',
    `  Fargate tasks, always on      ${tasks} × ${cpu} vCPU / ${memory} GB × ${HOURS_PER_MONTH} h   ${dollars(e.compute).padStart(9)}`,
    `  Load balancer                 ${HOURS_PER_MONTH} h + ${a.lcu} LCU${shared}   ${dollars(e.loadBalancer).padStart(9)}`,
    `  Public IPv4 (load balancer)   ${a.azs} addresses${shared}   ${dollars(e.ipv4).padStart(9)}`,
    `  Total                         ${dollars(e.total).padStart(9)}`,
    'Not counted: data transfer, CloudWatch Logs, NAT gateways, the short double-running of a canary deploy.',
    `Side by side at ${cpu} vCPU / ${memory} GB: App Runner ${dollars(appRunner.idle)} idle to ${dollars(appRunner.busy)} busy a month · `
      + `ECS Express ${dollars(e.total)} a month whatever the load.`,
  ].join('\n');
}
