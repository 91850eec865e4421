// The one table of commands: each entry's name, summary line, flags (with their help), whether it runs
// inside an app, and how it is loaded. The parser (args.ts), the help (help.ts), "did you mean" and
// the bin (main.ts) all read it, so a new command is one entry here and nothing else. Loading stays
// lazy: an entry's run() imports its module only when that command runs.
import { PLATFORMS } from '../platforms/registry.js';
import type { OperateCommand, Parsed } from './args.js';
import { domainWords } from './domain-words.js';

export interface Flag {
  type: 'string' | 'boolean';
  short?: string;
  /** The value's placeholder in help (`<dir>`), for string flags. */
  arg?: string;
  /** Repeatable: the command gets every value, in order. */
  multiple?: boolean;
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
  /** Where a command that is not only for inside an app runs, for its usage line. */
  where?: string;
  /** The words it takes after its name, for help (`set NAME | list | unset NAME`); none without this. */
  words?: string;
  /** Checks the words when the command line is parsed and turns them into flags (`domain add x` → action, name). */
  parseWords?(words: string[]): Record<string, string>;
  flags: FlagTable;
  run(parsed: Parsed): Promise<number>;
}

/** What every in-app command takes, in the same words everywhere. */
export const IN_APP_FLAGS: FlagTable = {
  cwd: { type: 'string', arg: '<dir>', help: "the app's folder (default: the current folder)" },
  region: { type: 'string', arg: '<name>', help: 'the AWS region (default: service.region in apprunner.deploy.yaml)' },
  profile: { type: 'string', arg: '<name>', help: 'the AWS profile (default: the SDK default chain)' },
};
/** What the account-wide commands take (they need no app). */
const ANYWHERE_FLAGS: FlagTable = {
  region: {
    type: 'string',
    arg: '<name>',
    help: 'the AWS region (default: AWS_REGION, AWS_DEFAULT_REGION, the profile region, else us-east-1)',
  },
  profile: IN_APP_FLAGS.profile!,
};
const YES = (help: string): FlagTable => ({ yes: { type: 'boolean', short: 'y', help } });
const JSON_FLAG = (help: string): FlagTable => ({ json: { type: 'boolean', help } });
const DRY_RUN = (help: string): FlagTable => ({ 'dry-run': { type: 'boolean', help } });

const PLATFORM_LIST = PLATFORMS.map((p) => `${p.label} (target: ${p.id})`).join(' or ');

const operate = (name: OperateCommand) => async (parsed: Parsed) => {
  const { runOperate } = await import('../commands/operate.js');
  return runOperate(name, parsed.extra, parsed.words ?? []);
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
      owner: {
        type: 'string',
        arg: '<name>',
        help: 'tag everything deploy creates with owner=<name>, recorded in the deploy config (workshops)',
      },
      'expires-in': {
        type: 'string',
        arg: '<duration>',
        help: 'tag everything deploy creates with expires-at=<now + 30m|8h|2d|1w> (sweep --expired removes it)',
      },
      'name-suffix': {
        type: 'string',
        arg: 'owner',
        help: 'end the service name with -<owner> (a shared account: thirty my-apis that do not collide)',
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
  secrets: {
    summary: 'its secrets, kept in Secrets Manager (set, list, unset)',
    usage: 'secrets set NAME [NAME…] | secrets list | secrets unset NAME',
    words: 'set NAME [NAME…] | list | unset NAME',
    about:
      'set: read each value from a hidden prompt (a terminal) or standard input (printf %s "$KEY" | … secrets set ' +
      "API_KEY; one name only), create or update the Secrets Manager secret <service name>/NAME (tagged with the app's " +
      'id, the default key aws/secretsmanager), list it under secrets: in apprunner.deploy.yaml and redeploy, which ' +
      "grants the app's role read access to exactly its secrets. A same-named secret that is not this app's is " +
      'refused. Values are never taken from the command line or the environment, and never printed. ' +
      'list: each secret, where it lives (ARN, region) and when it last changed; never a value. ' +
      'unset: remove it from the config and redeploy; then, only if secrets set made it, schedule its deletion ' +
      '(30 days unless --recovery-days; secrets set NAME restores it until then). Asks first; --yes without a terminal.',
    inApp: true,
    flags: {
      ...IN_APP_FLAGS,
      stage: { type: 'boolean', help: 'set/unset: only record it in the deploy config; the next deploy hands it on' },
      ...DRY_RUN('set/unset: say what would be done; no value is read, nothing is changed'),
      'recovery-days': {
        type: 'string',
        arg: '<n>',
        help: 'unset: days Secrets Manager keeps the deleted secret, 7-30 (default 30)',
      },
      ...YES('unset: go on without asking (required without a terminal); deploy takes its defaults'),
      ...JSON_FLAG("print one JSON object for scripts (deploy's own lines go to stderr)"),
    },
    run: operate('secrets'),
  },
  releases: {
    summary: 'its deployments, newest first (image, who, result)',
    usage: 'releases [--json]',
    about:
      "List the app's deployments, newest first: when, the image (digest and tags as ECR has them now, or that it " +
      "is gone), who deployed it and how it ended, from the platform's own records (App Runner operations, ECS " +
      'deployments and service revisions) and the release tag deploy puts on the service (the ten newest say who).',
    inApp: true,
    flags: { ...IN_APP_FLAGS, ...JSON_FLAG('print one JSON object for scripts') },
    run: operate('releases'),
  },
  rollback: {
    summary: "redeploy the previous (or a named) release's image",
    usage: 'rollback [<release>] [--yes] [--dry-run]',
    words: '[<release>]',
    about:
      'Redeploy the exact image digest of the previous release that went live, or of the one named (its id, an ' +
      'image tag or a digest from releases), through deploy: the same progress, health check and report. Says what ' +
      'it rolled back from; refuses a release whose image is gone from ECR. Asks first; --yes without a terminal. ' +
      'A source-code app has no image to go back to: revert the commit with git and deploy.',
    inApp: true,
    flags: {
      ...IN_APP_FLAGS,
      ...YES('go on without asking (required without a terminal)'),
      ...DRY_RUN('say what would be deployed; nothing is changed'),
    },
    run: operate('rollback'),
  },
  domain: {
    summary: 'serve it on your own domain (domain add, status, remove)',
    usage: 'domain add <name> | domain status | domain remove [--yes]',
    words: 'add <name> | status | remove',
    about:
      'Put a domain you own in front of the service, see where it stands, or take it off again. The deploy config ' +
      'records it (domain:), and deploy, status and delete follow it. App Runner: associates it and prints the DNS ' +
      'records (certificate validation and the CNAME). ECS Express Mode: requests an ACM certificate (DNS ' +
      'validation), prints its record, and once ACM has issued it (add waits on a terminal; or run domain status ' +
      "later) adds it to the service's shared load balancer: the certificate on its HTTPS listener, the name on " +
      "this service's listener rule, nothing else; then prints the CNAME (or Route 53 alias) to create. " +
      'remove undoes exactly that, and deletes the certificate only if this app made it and nothing uses it.',
    inApp: true,
    flags: {
      ...IN_APP_FLAGS,
      'no-wait': { type: 'boolean', help: 'do not wait for the certificate (add): run domain status later' },
      ...DRY_RUN('say what would be sent; change nothing'),
      ...YES('remove without asking (required without a terminal)'),
      ...JSON_FLAG('print one JSON object for scripts'),
    },
    parseWords: domainWords,
    run: operate('domain'),
  },
  migrate: {
    summary: 'move an App Runner service (any, not only ours) to ECS Express Mode',
    usage: 'migrate [--from <service name or ARN>] [--dir <folder>] [--yes] [--dry-run]',
    about:
      'Move an App Runner service, ours or not, to Amazon ECS Express Mode. It reads the service and its ' +
      'configurations, prints where each setting goes (or "not carried over" with what to do), asks, then ' +
      'creates the Express service (tagged with the app id), waits for its deployment, probes both URLs and ' +
      "prints the cut-over and both monthly costs. Inside an app it moves that app's service and switches its " +
      'deploy config to target ecs-express; elsewhere --from is required and it writes a new app folder ' +
      '(--dir, default ./<service name>) holding the deploy config, so deploy, status, logs and delete work there. ' +
      'The App Runner service is never deleted. Running it again finds what it made and creates nothing twice.',
    inApp: false,
    where: "inside an app's folder, or anywhere with --from",
    flags: {
      ...IN_APP_FLAGS,
      from: {
        type: 'string',
        arg: '<name|arn>',
        help: "the App Runner service (default inside an app: the app's service)",
      },
      dir: { type: 'string', arg: '<folder>', help: 'outside an app: the new app folder (default: ./<service name>)' },
      'health-path': {
        type: 'string',
        arg: '<path>',
        help: "the app's HTTP health route (needed when App Runner checked TCP and / is not healthy)",
      },
      'pause-old': { type: 'boolean', help: 'pause the App Runner service once the Express service is healthy' },
      ...YES('go ahead without asking (required without a terminal)'),
      ...DRY_RUN('print the mapping and every request, send nothing'),
      ...JSON_FLAG('print the mapping as one JSON object and change nothing'),
    },
    run: operate('migrate'),
  },
  doctor: {
    summary: 'check a laptop and account before a deploy (or a workshop)',
    usage: 'doctor [--json]',
    about:
      'Check, one line each, what a deploy needs: Node.js, the app runtime toolchain, a container engine and its ' +
      'daemon, git and a remote (code apps), credentials and the caller, the region and where it came from, an SSO ' +
      "token's expiry, whether App Runner is open to the account, a default VPC with public subnets and the roles " +
      'ECS Express needs, the quotas a workshop hits, and the permissions deploy needs (iam:SimulatePrincipalPolicy). ' +
      'Inside an app it checks for that app (and warns when it is past its expiry). Exit 1 when a check fails.',
    inApp: false,
    where: 'anywhere; inside an app, or with --cwd, for that app',
    flags: {
      ...IN_APP_FLAGS,
      cwd: {
        type: 'string',
        arg: '<dir>',
        help: 'the app to check for (default: the current folder, when it is an app)',
      },
      ...JSON_FLAG('print the checks as one JSON object'),
    },
    run: operate('doctor'),
  },
  list: {
    summary: 'every service this tool made in the account (workshops)',
    usage: 'list [--all-regions] [--json]',
    about:
      'List every service this tool created in the account, on every platform, whoever deployed it: name, app id, ' +
      'platform, status, URL, created, age, monthly estimate, owner and expiry. Only services carrying our tags.',
    inApp: false,
    where: 'anywhere',
    flags: {
      ...ANYWHERE_FLAGS,
      'all-regions': { type: 'boolean', help: 'look in every commercial region, not only the one' },
      ...JSON_FLAG('print one JSON object for scripts'),
    },
    run: operate('list'),
  },
  sweep: {
    summary: 'remove the services this tool made that match filters (after a workshop)',
    usage: 'sweep [--owner <name>] [--older-than <duration>] [--tag k=v] [--expired]',
    about:
      'Remove every service this tool created that matches all the filters given (none: every one), each with ' +
      'everything delete would remove for it. Lists it all first; asks on a terminal; without a terminal and ' +
      'without --yes it is a dry run. Never touches anything without our tags. Safe to run again, or twice at once.',
    inApp: false,
    where: 'anywhere',
    flags: {
      ...ANYWHERE_FLAGS,
      owner: { type: 'string', arg: '<name>', help: 'only services tagged owner=<name> (deploy --owner)' },
      'older-than': {
        type: 'string',
        arg: '<duration>',
        help: 'only services created longer ago than 30m, 8h, 2d, 1w',
      },
      tag: { type: 'string', arg: '<key=value>', multiple: true, help: 'only services with this tag (repeatable)' },
      expired: { type: 'boolean', help: 'only services past their expires-at tag (deploy --expires-in)' },
      'all-regions': { type: 'boolean', help: 'look in every commercial region, not only the one' },
      ...YES('remove without asking (without it and without a terminal: a dry run)'),
    },
    run: operate('sweep'),
  },
};

export const isCommand = (word: string | undefined): word is string =>
  word !== undefined && Object.hasOwn(COMMAND_TABLE, word);
