// The entry the bin loads for status, logs, pause, resume, delete and migrate (only then: nothing here loads
// for scaffolding or --help). runOperate(command, extra) is what generators/cli/main.ts calls.
import { runDelete } from './delete.js';
import { runLogs } from './logs.js';
import { runMigrate } from './migrate.js';
import { runPause, runResume } from './pause.js';
import type { Flags, OperateCommand } from './run.js';
import { runStatus } from './status.js';

const COMMANDS: Record<OperateCommand | 'migrate', (flags: Flags) => Promise<number>> = {
  status: runStatus,
  logs: runLogs,
  pause: runPause,
  resume: runResume,
  delete: runDelete,
  migrate: runMigrate,
};

export const runOperate = (command: OperateCommand | 'migrate', flags: Flags) => COMMANDS[command](flags);
