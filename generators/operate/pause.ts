// `pause` and `resume`: App Runner's PauseService/ResumeService, waited for like deploy waits, with what
// the change does to the bill. A target without pause says so and names `delete`.
import { dollars, monthlyCost } from '../core/sizes.js';
import { CliError } from '../core/errors.js';
import { ecsMonthly } from '../core/cost-ecs.js';
import { operate, type Flags, type Run } from './run.js';

export const runPause = (flags: Flags) => operate('pause', flags, (run) => change(run, 'pause'));
export const runResume = (flags: Flags) => operate('resume', flags, (run) => change(run, 'resume'));

async function change(run: Run, verb: 'pause' | 'resume'): Promise<number> {
  const { target, config, ui } = run;
  const act = verb === 'pause' ? target.pause : target.resume;
  if (!act) {
    // The bill as deployed (the config's size and minimum tasks); status shows the live figure.
    const bill = target.id === 'ecs-express'
      ? ` Its ${config.autoScaling.minSize} task${config.autoScaling.minSize === 1 ? '' : 's'} and the load balancer bill around the clock, `
        + `about ${dollars(ecsMonthly(config).total)} a month whatever the load, until the service is deleted.`
      : '';
    throw new CliError(`${target.label} has no ${verb}.${bill} To stop paying for ${config.service.name}, remove it with:\n  ${run.tool('delete')}`
      + `${verb === 'resume' ? `\n(and deploy it again later with: ${run.tool('deploy')})` : ''}`, 1);
  }
  const name = config.service.name;
  const cost = monthlyCost(String(config.instance.cpu), String(config.instance.memory));
  const result = await act.call(target, ui);
  if (result.outcome === 'ALREADY') {
    ui.info(`${name} is already ${result.state}: nothing to do.`);
    return 0;
  }
  const want = verb === 'pause' ? 'PAUSED' : 'RUNNING';
  if (result.state !== want || (result.outcome && result.outcome !== 'SUCCEEDED')) {
    throw new CliError(`${verb === 'pause' ? 'Pausing' : 'Resuming'} ${name} ended ${result.outcome ?? 'without a result'}; the service is ${result.state}. `
      + `See why with:\n  ${run.tool('logs --service-log')}`, 1);
  }
  if (verb === 'pause') {
    ui.info(`Paused ${name}. App Runner bills no instances while it is paused (it cost about ${dollars(cost.idle)} a month idle, `
      + `${dollars(cost.busy)} busy); its URL answers with an error until you resume it:\n  ${run.tool('resume')}`);
  } else {
    ui.info(`Resumed ${name}: it is RUNNING again and billed again, about ${dollars(cost.idle)} a month idle, ${dollars(cost.busy)} busy. `
      + `Pause it again with:\n  ${run.tool('pause')}`);
  }
  return 0;
}
