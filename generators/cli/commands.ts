// The one table of commands: each entry's name, summary line, flags (with their help), whether it runs
// inside an app, and how it is loaded. The parser (args.ts), the help (help.ts), "did you mean" and
// the bin (main.ts) all read it, so a new command is one entry here and nothing else. Loading stays
// lazy: an entry's run() imports its module only when that command runs.
import { PLATFORMS } from '../platforms/registry.js';
import type { Parsed } from './args.js';

export interface Flag {
  type: 'string' | 'boolean';
  short?: string;
  /** The value's placeholder in help (`<dir>`), for string flags. */
  arg?: string;
  help: string;
}
export type FlagTable = Record<string, Flag>;

export interface CommandSpec {
  /** One line for the overview (`create-apprunner-app --help`). */
  summary: string;
  /** What follows the tool's name in the usage line. */
  usage: string;
  /** The paragraph `<command> --help` opens with. */
  about: string;
  /** Runs inside an app (takes --cwd, --region, --profile). */
  inApp: boolean;
  flags: FlagTable;
  run(parsed: Parsed): Promise<number>;
}

/** What every in-app command takes, in the same words everywhere. */
export const IN_APP_FLAGS: FlagTable = {
  cwd: { type: 'string', arg: '<dir>', help: "the app's folder (default: the current folder)" },
  region: { type: 'string', arg: '<name>', help: 'the AWS region (default: service.region in apprunner.deploy.yaml)' },
  profile: { type: 'string', arg: '<name>', help: 'the AWS profile (default: the SDK default chain)' },
};
const YES = (help: string): FlagTable => ({ yes: { type: 'boolean', short: 'y', help } });
const JSON_FLAG = (help: string): FlagTable => ({ json: { type: 'boolean', help } });
const DRY_RUN = (help: string): FlagTable => ({ 'dry-run': { type: 'boolean', help } });

const PLATFORM_LIST = PLATFORMS.map((p) => `${p.label} (target: ${p.id})`).join(' or ');

const operate = (name: 'status' | 'logs' | 'pause' | 'resume' | 'delete') => async (parsed: Parsed) => {
  const { runOperate } = await import('../commands/operate.js');
  return runOperate(name, parsed.extra);
};

/** The words a new command plugs into: add an entry (and its module). */
export const COMMAND_TABLE: Record<string, CommandSpec> = {
  deploy: {
    summary: "create the app's service (App Runner or ECS Express), or redeploy it",
    usage: 'deploy [options]',
    about:
      "Create the app's service, or redeploy it, on the platform its apprunner.deploy.yaml names: " +
      `${PLATFORM_LIST}. --target switches the platform and records the choice.`,
    inApp: true,
    flags: {
      ...IN_APP_FLAGS,
      target: {
        type: 'string',
        arg: '<platform>',
        help: 'deploy there this time and record it in the deploy config (apprunner | ecs-express)',
      },
      ...YES('take the default answer to every question (needed without a terminal to create)'),
      ...DRY_RUN('print the AWS requests and send nothing'),
      'no-wait': { type: 'boolean', help: 'return once AWS has accepted the request' },
      image: { type: 'string', arg: '<uri>', help: 'deploy this ECR image instead of building and pushing one' },
      'repository-url': {
        type: 'string',
        arg: '<url>',
        help: 'App Runner code apps: the repository App Runner builds (default: git remote origin)',
      },
      branch: { type: 'string', arg: '<name>', help: 'App Runner code apps: the branch (default: the current one)' },
      'connection-arn': {
        type: 'string',
        arg: '<arn>',
        help: 'App Runner code apps: the App Runner connection to GitHub or Bitbucket',
      },
      'replace-failed': {
        type: 'boolean',
        help: 'App Runner: delete a service left in CREATE_FAILED and create it again',
      },
      adopt: {
        type: 'boolean',
        help: "take over a same-named service this app's id is not on (asks on a terminal; --yes without one)",
      },
    },
    run: async (parsed) => (await import('./deploy-command.js')).runDeploy(parsed),
  },
  cost: {
    summary: 'estimate its monthly bill',
    usage: 'cost [options]',
    about:
      "Estimate the app's monthly bill on the platform its apprunner.deploy.yaml names: " +
      `${PLATFORM_LIST}. That platform's line items, assumptions and ways to pay less, and one line comparing ` +
      'the other. It reads no AWS account: --region and --profile are taken so every command reads alike.',
    inApp: true,
    flags: {
      ...IN_APP_FLAGS,
      ...JSON_FLAG('print the estimate as one JSON object (line items, totals, assumptions, price date)'),
      // Each platform's assumptions, from its cost model: a flag applies to apps on that platform.
      ...Object.fromEntries(
        PLATFORMS.flatMap((p) =>
          p.cost.flags.map((f): [string, Flag] => [
            f.flag,
            {
              type: 'string',
              arg: f.arg,
              help: `on ${p.short}: ${f.help} (default: ${(p.cost.defaults as Record<string, number>)[f.key]})`,
            },
          ]),
        ),
      ),
    },
    run: async (parsed) => (await import('./cost.js')).runCost(parsed),
  },
  status: {
    summary: 'state, URL, health, logs and cost of its service',
    usage: 'status [--json]',
    about:
      "Show the service's state, URL, last operation, size and scaling, what it runs, a health probe of its URL, " +
      'its log groups, the console link and its monthly cost. "Not deployed yet" is a normal answer (exit 0). ' +
      'A field your credentials may not read is named, and the rest is shown.',
    inApp: true,
    flags: { ...IN_APP_FLAGS, ...JSON_FLAG('print one JSON object for scripts') },
    run: operate('status'),
  },
  logs: {
    summary: 'its log from CloudWatch Logs',
    usage: 'logs [--since <when>] [--follow] [--service-log] [--json]',
    about:
      "Print the app's log from CloudWatch Logs: the last hour (at most 200 lines) unless --since says " +
      'otherwise. JSON lines are shown as time, level, message and the other fields. After delete, the kept ' +
      'log group is still read.',
    inApp: true,
    flags: {
      ...IN_APP_FLAGS,
      since: {
        type: 'string',
        arg: '<when>',
        help: 'from 30s, 10m, 2h, 1d ago, or a date and time (2026-12-01T10:00Z)',
      },
      follow: { type: 'boolean', short: 'f', help: 'keep printing new lines until Ctrl-C' },
      'service-log': {
        type: 'boolean',
        help: "App Runner's own log (deployments, health checks) instead of the app's (ECS Express has none)",
      },
      ...JSON_FLAG('print every line exactly as the app wrote it'),
    },
    run: operate('logs'),
  },
  pause: {
    summary: 'stop paying for instances (App Runner)',
    usage: 'pause',
    about:
      'Pause the service (App Runner bills no instances while it is paused) and wait until it is PAUSED. ' +
      'ECS Express Mode has no pause: delete is how to stop paying there.',
    inApp: true,
    flags: { ...IN_APP_FLAGS, ...YES('accepted for scripts: pause asks nothing') },
    run: operate('pause'),
  },
  resume: {
    summary: 'start a paused service again',
    usage: 'resume',
    about: 'Resume a paused service and wait until it is RUNNING again.',
    inApp: true,
    flags: { ...IN_APP_FLAGS, ...YES('accepted for scripts: resume asks nothing') },
    run: operate('resume'),
  },
  delete: {
    summary: 'remove its service and what deploy created for it',
    usage: 'delete [--yes] [--keep-image]',
    about:
      'Remove the service and what deploy created for this app alone: its custom domain association, auto ' +
      'scaling and observability configurations, VPC connector, instance role and ECR repository (each only ' +
      'when deploy created it). Roles other services use stay. On ECS Express Mode: the service, its task ' +
      'execution role and ECR repository; the shared infrastructure role, the default cluster and the log ' +
      'group stay. Lists everything first and asks; without a terminal it needs --yes. Safe to run again: a ' +
      'second run removes what is left and says what was already gone.',
    inApp: true,
    flags: {
      ...IN_APP_FLAGS,
      ...YES('remove without asking (required without a terminal)'),
      'keep-image': { type: 'boolean', help: 'keep the ECR repository and its images' },
    },
    run: operate('delete'),
  },
};

export const isCommand = (word: string | undefined): word is string =>
  word !== undefined && Object.hasOwn(COMMAND_TABLE, word);
