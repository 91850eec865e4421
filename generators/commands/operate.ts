// The entry the bin loads for status, logs, pause, resume, delete and migrate (only then: nothing here loads
// for scaffolding or --help). runOperate(command, extra) is what generators/cli/main.ts calls.
import { runDelete } from './delete.js';
import { runDoctor } from './doctor.js';
import { runDomain } from './domain.js';
import { runList } from './list.js';
import { runLogs } from './logs.js';
import { runMigrate } from './migrate.js';
import { runPause, runResume } from './pause.js';
import { runReleases } from './releases.js';
import { runRollback } from './rollback.js';
import type { Flags, OperateCommand } from './run.js';
import { runSecrets } from './secrets.js';
import { runStatus } from './status.js';
import { runSweep } from './sweep.js';

const COMMANDS: Record<OperateCommand, (flags: Flags, words: string[]) => Promise<number>> = {
  status: runStatus,
  logs: runLogs,
  pause: runPause,
  resume: runResume,
  delete: runDelete,
  secrets: runSecrets,
  releases: runReleases,
  rollback: runRollback,
  domain: runDomain,
  migrate: runMigrate,
  doctor: runDoctor,
  list: runList,
  sweep: runSweep,
};

export const runOperate = (command: OperateCommand, flags: Flags, words: string[] = []) =>
  COMMANDS[command](flags, words);
