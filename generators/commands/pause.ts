// `pause` and `resume`: the platform's pause (App Runner's PauseService/ResumeService), waited for like
// deploy waits, with what the change does to the bill. A platform without pause says so, names the
// bill that goes on, and names `delete`.
import { CliError } from '../core/errors.js';
import { type Flags, operate, type Run } from './run.js';

export const runPause = (flags: Flags) => operate('pause', flags, (run) => change(run, 'pause'));
export const runResume = (flags: Flags) => operate('resume', flags, (run) => change(run, 'resume'));

async function change(run: Run, verb: 'pause' | 'resume'): Promise<number> {
  const { platform, config, ui, live } = run;
  const pausing = platform.pausing;
  if (!pausing) {
    const bill = platform.noPause(config);
    throw new CliError(
      `${platform.shortLabel} has no ${verb}.${bill ? ` ${bill}` : ''} To stop paying for ${config.service.name}, remove it with:\n  ${run.tool('delete')}` +
        `${verb === 'resume' ? `\n(and deploy it again later with: ${run.tool('deploy')})` : ''}`,
      1,
    );
  }
  const name = config.service.name;
  const result = await (verb === 'pause' ? pausing.pause(live, ui) : pausing.resume(live, ui));
  if (result.outcome === 'ALREADY') {
    ui.info(`${name} is already ${result.state}: nothing to do.`);
    return 0;
  }
  const want = verb === 'pause' ? 'PAUSED' : 'RUNNING';
  if (result.state !== want || (result.outcome && result.outcome !== 'SUCCEEDED')) {
    throw new CliError(
      `${verb === 'pause' ? 'Pausing' : 'Resuming'} ${name} ended ${result.outcome ?? 'without a result'}; the service is ${result.state}. ` +
        `See why with:\n  ${run.tool('logs --service-log')}`,
      1,
    );
  }
  ui.info(pausing.done(config, verb, run.tool(verb === 'pause' ? 'resume' : 'pause')));
  return 0;
}
