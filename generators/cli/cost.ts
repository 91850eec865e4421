// `create-apprunner-app cost`: the monthly estimate for the app in this folder, from its deploy config.
import { DEFAULT_ASSUMPTIONS, renderEstimate, type Assumptions } from '../core/cost.js';
import { renderEcsEstimate } from '../core/cost-ecs.js';
import { monthlyCost } from '../core/sizes.js';
import { loadProject } from '../deploy/shared/config.js';
import { UsageError, type Parsed } from './args.js';

const FLAGS: Record<string, keyof Assumptions> = { 'busy-hours': 'busyHours', builds: 'builds', 'build-minutes': 'buildMinutes' };

export function runCost(parsed: Parsed, dir = process.cwd()): number {
  const assumptions = { ...DEFAULT_ASSUMPTIONS };
  for (const [flag, key] of Object.entries(FLAGS)) {
    const raw = parsed.extra[flag];
    if (raw === undefined) continue;
    const n = Number(raw);
    if (typeof raw !== 'string' || !/^\d+(\.\d+)?$/.test(raw) || (flag === 'busy-hours' && n > 730)) {
      throw new UsageError(`--${flag} ${String(raw)}: give a number${flag === 'busy-hours' ? ' of hours from 0 to 730 (a month)' : ''}.`);
    }
    assumptions[key] = n;
  }
  const project = loadProject(parsed.given.directory ?? dir, 'cost');
  process.stdout.write(`${renderEstimate(project.config.service.name, project.config, assumptions)}\n`
    + `\nAssumed: ${assumptions.busyHours} busy hours a month`
    + (project.config.source.kind === 'code' ? `, ${assumptions.builds} builds of ${assumptions.buildMinutes} min` : '')
    + '. Change with --busy-hours, --builds, --build-minutes.\n');
  const { config } = project;
  const appRunner = monthlyCost(String(config.instance.cpu), String(config.instance.memory));
  const scaled = { idle: appRunner.idle * config.autoScaling.minSize, busy: appRunner.busy * config.autoScaling.minSize };
  process.stdout.write(`\n${config.target === 'ecs-express' ? 'This app deploys to ECS Express Mode (target: ecs-express). ' : ''}`
    + `${renderEcsEstimate(config, scaled)}\n`);
  return 0;
}
