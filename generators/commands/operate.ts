// The entry the bin loads for status, logs, pause, resume and delete (only then: nothing here loads
// for scaffolding or --help). runOperate(command, extra) is what generators/cli/main.ts calls.
import { runDelete } from './delete.js';
import { runDoctor } from './doctor.js';
import { runList } from './list.js';
import { runLogs } from './logs.js';
import { runPause, runResume } from './pause.js';
import type { Flags, OperateCommand } from './run.js';
import { runStatus } from './status.js';
import { runSweep } from './sweep.js';

const COMMANDS: Record<OperateCommand, (flags: Flags) => Promise<number>> = {
  status: runStatus,
  logs: runLogs,
  pause: runPause,
  resume: runResume,
  delete: runDelete,
  doctor: runDoctor,
  list: runList,
  sweep: runSweep,
};

export const runOperate = (command: OperateCommand, flags: Flags) => COMMANDS[command](flags);
