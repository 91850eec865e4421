// --help is printed from the option tables, so it cannot drift from what the parser accepts
// (a unit test checks that every deploy and cost flag has a line here).
import { SWITCHES, VALUE_OPTIONS } from '../core/options.js';
import { RUNTIMES } from '../core/runtimes.js';
import { PLATFORMS } from '../platforms/registry.js';

/** Help for the deploy and cost commands' own flags, keyed like DEPLOY_FLAGS and COST_FLAGS. */
export const COMMAND_FLAG_HELP: Record<string, [arg: string, help: string]> = {
  profile: ['<name>', 'the AWS profile (default: the SDK default chain)'],
  deploy: ['', "when scaffolding: create the app's service on its platform right after writing the app"],
  'no-wait': ['', 'return once AWS has accepted the request'],
  image: ['<uri>', 'deploy this ECR image instead of building and pushing one'],
  'repository-url': ['<url>', 'App Runner code apps: the repository App Runner builds (default: git remote origin)'],
  branch: ['<name>', 'App Runner code apps: the branch (default: the current branch)'],
  'connection-arn': ['<arn>', 'App Runner code apps: the App Runner connection to GitHub or Bitbucket'],
  'replace-failed': ['', 'App Runner: delete a service left in CREATE_FAILED and create it again'],
  // Each platform's cost assumptions, from its cost model: a flag applies to apps on that platform.
  ...Object.fromEntries(
    PLATFORMS.flatMap((p) =>
      p.cost.flags.map((f): [string, [string, string]] => [
        f.flag,
        [f.arg, `cost on ${p.short}: ${f.help} (default: ${(p.cost.defaults as Record<string, number>)[f.key]})`],
      ]),
    ),
  ),
  owner: ['<name>', 'tag everything deploy creates with owner=<name>, recorded in the deploy config (workshops)'],
  'expires-in': [
    '<duration>',
    'tag everything deploy creates with expires-at=<now + 30m|8h|2d|1w> (sweep --expired removes it)',
  ],
  'name-suffix': ['owner', 'end the service name with -<owner> (a shared account: thirty my-apis that do not collide)'],
  adopt: ['', "take over a same-named service this app's id is not on (asks on a terminal; --yes without one)"],
  json: ['', 'cost: print the estimate as one JSON object (line items, totals, assumptions, price date)'],
};

type Row = [string, string];

function table(rows: Row[], width: number): string {
  return rows.map(([flag, text]) => `  ${flag.padEnd(width)}${text}`).join('\n');
}

export function helpText(
  version: string,
  deployFlags: readonly string[] = [],
  costFlags: readonly string[] = [],
): string {
  const valueRow = (o: (typeof VALUE_OPTIONS)[number]): Row => [
    `${o.flag} ${o.arg}`.trim(),
    `${o.help} (default: ${o.defaultHelp})`,
  ];
  const everyday = VALUE_OPTIONS.filter((o) => o.flag.startsWith('--') && !o.extra).map(valueRow);
  for (const s of SWITCHES) everyday.push([s.short ? `${s.short}, ${s.flag}` : s.flag, s.help]);
  everyday.push(['-h, --help', 'show this help'], ['-v, --version', 'print the version']);
  const extras = VALUE_OPTIONS.filter((o) => o.extra).map(valueRow);
  const commandRow = (key: string): Row => {
    const [arg, help] = COMMAND_FLAG_HELP[key] ?? ['', ''];
    return [`--${key} ${arg}`.trim(), help];
  };
  const deploy: Row[] = [
    ...deployFlags.map(commandRow),
    ['--region, --yes, --dry-run', 'as above; --dry-run prints the AWS requests and sends nothing'],
    ['--target <platform>', 'deploy there this time and record it in the deploy config (apprunner | ecs-express)'],
  ];
  const cost = costFlags.map(commandRow);
  const width = Math.max(...[...everyday, ...extras, ...deploy, ...cost].map(([flag]) => flag.length)) + 2;
  const runtimes = RUNTIMES.map((r) => `  ${r.id.padEnd(8)}${r.label}, ${r.sources.join(' or ')}`).join('\n');

  return `create-apprunner-app ${version}
Scaffold a web app that is ready for AWS App Runner, and deploy it.

Usage:
  create-apprunner-app [directory] [options]   write a new app (asks for what is missing on a terminal)
  create-apprunner-app deploy [options]        inside an app: create its service (App Runner or ECS Express), or redeploy it
  create-apprunner-app cost [options]          inside an app: estimate its monthly bill
  create-apprunner-app status [--json]         inside an app: state, URL, health, logs and cost of its service
  create-apprunner-app logs [--follow]         inside an app: its log from CloudWatch Logs
  create-apprunner-app pause | resume          inside an app: stop paying for instances, and start again
  create-apprunner-app delete [--yes]          inside an app: remove its service and what deploy created for it
  create-apprunner-app doctor | list | sweep   anywhere: check a laptop and account, list every service this tool made, remove them
  (create-apprunner-app <command> --help shows a command's own options)

Options:
${table(everyday, width)}

Production extras (on a terminal: one checklist):
${table(extras, width)}

Deploy:
${table(deploy, width)}

Cost:
${table(cost, width)}

Runtimes (source kind: code = App Runner builds the repo, image = container through Amazon ECR):
${runtimes}

Targets: apprunner = AWS App Runner, for accounts that already use it (it takes no new customers since
2026-04-30); ecs-express = Amazon ECS Express Mode, for any AWS account: Fargate tasks behind a shared
HTTPS load balancer. Every App Runner size maps one to one onto a Fargate task size (cpu 0.25-4 vCPU →
256-4096 CPU units, memory in GB → MiB), so --cpu and --memory mean the same on both.

Without a terminal (CI, pipes) nothing is asked: pass --yes to take the defaults, or every value.
Environment: CREATE_APPRUNNER_APP_POLL_MS sets deploy's polling interval (default 5000);
CREATE_APPRUNNER_APP_TIMEOUT_MS how long deploy waits for one operation (default 1200000).

Examples:
  npm create apprunner-app@latest my-api
  npx create-apprunner-app my-api --runtime go --cpu 0.5 --memory 1 --yes
`;
}

/** What each command run inside an app does, and its own flags (keyed like OPERATE_FLAGS). */
export const OPERATE_HELP: Record<string, { usage: string; about: string; flags: Row[]; anywhere?: boolean }> = {
  status: {
    usage: 'status [--json]',
    about:
      "Show the service's state, URL, last operation, size and scaling, what it runs, a health probe of its URL,\n" +
      'its log groups, the console link and its monthly cost. "Not deployed yet" is a normal answer (exit 0).',
    flags: [['--json', 'print one JSON object for scripts']],
  },
  logs: {
    usage: 'logs [--since <when>] [--follow] [--service-log] [--json]',
    about:
      "Print the app's log from CloudWatch Logs: the last hour (at most 200 lines) unless --since says otherwise.\n" +
      'JSON lines are shown as time, level, message and the other fields.',
    flags: [
      ['--since <when>', 'from 30s, 10m, 2h, 1d ago, or a date and time (2026-12-01T10:00Z)'],
      ['-f, --follow', 'keep printing new lines until Ctrl-C'],
      [
        '--service-log',
        "App Runner's own log (deployments, health checks) instead of the app's (ECS Express has none)",
      ],
      ['--json', 'print every line exactly as the app wrote it'],
    ],
  },
  pause: {
    usage: 'pause',
    about:
      'Pause the service (App Runner bills no instances while it is paused) and wait until it is PAUSED.\n' +
      'ECS Express Mode has no pause: delete is how to stop paying there.',
    flags: [],
  },
  resume: {
    usage: 'resume',
    about: 'Resume a paused service and wait until it is RUNNING again.',
    flags: [],
  },
  delete: {
    usage: 'delete [--yes] [--keep-image]',
    about:
      'Remove the service and what deploy created for this app alone: its custom domain association, auto scaling\n' +
      'and observability configurations, VPC connector, instance role and ECR repository (each only when deploy\n' +
      'created it). Roles other services use stay. On ECS Express Mode: the service, its task execution role and\n' +
      'ECR repository; the shared infrastructure role, the default cluster and the log group stay.\n' +
      'Lists everything first and asks; without a terminal it needs --yes.\n' +
      'Safe to run again: a second run removes what is left and says what was already gone.',
    flags: [
      ['-y, --yes', 'remove without asking (required without a terminal)'],
      ['--keep-image', 'keep the ECR repository and its images'],
    ],
  },
  doctor: {
    usage: 'doctor [--json]',
    anywhere: true,
    about:
      'Check, one line each, what a deploy needs: Node.js, the app runtime toolchain, a container engine and its\n' +
      'daemon, git and a remote (code apps), credentials and the caller, the region and where it came from, an SSO\n' +
      "token's expiry, whether App Runner is open to the account, a default VPC with public subnets and the roles\n" +
      'ECS Express needs, the quotas a workshop hits, and the permissions deploy needs (iam:SimulatePrincipalPolicy).\n' +
      'Inside an app it checks for that app (and warns when it is past its expiry). Exit 1 when a check fails.',
    flags: [
      ['--cwd <dir>', 'the app to check for (default: the current folder, when it is an app)'],
      ['--json', 'print the checks as one JSON object'],
    ],
  },
  list: {
    usage: 'list [--all-regions] [--json]',
    anywhere: true,
    about:
      'List every service this tool created in the account, on every platform, whoever deployed it: name, app id,\n' +
      'platform, status, URL, created, age, monthly estimate, owner and expiry. Only services carrying our tags.',
    flags: [
      ['--all-regions', 'look in every commercial region, not only the one'],
      ['--json', 'print one JSON object for scripts'],
    ],
  },
  sweep: {
    usage: 'sweep [--owner <name>] [--older-than <duration>] [--tag k=v] [--expired] [--all-regions] [--yes]',
    anywhere: true,
    about:
      'Remove every service this tool created that matches all the filters given (none: every one), each with\n' +
      'everything delete would remove for it. Lists it all first; asks on a terminal; without a terminal and\n' +
      'without --yes it is a dry run. Never touches anything without our tags. Safe to run again, or twice at once.',
    flags: [
      ['--owner <name>', 'only services tagged owner=<name> (deploy --owner)'],
      ['--older-than <duration>', 'only services created longer ago than 30m, 8h, 2d, 1w'],
      ['--tag <key=value>', 'only services with this tag (repeatable)'],
      ['--expired', 'only services past their expires-at tag (deploy --expires-in)'],
      ['--all-regions', 'look in every commercial region, not only the one'],
      ['-y, --yes', 'remove without asking (without it and without a terminal: a dry run)'],
    ],
  },
};

const ANYWHERE_FLAGS: Row[] = [
  ['--profile <name>', 'the AWS profile (default: the SDK default chain)'],
  ['--region <name>', 'the AWS region (default: AWS_REGION, AWS_DEFAULT_REGION, the profile region, else us-east-1)'],
  ['-h, --help', 'show this help'],
];

const IN_APP_FLAGS: Row[] = [
  ['--cwd <dir>', 'the app folder (default: the current folder)'],
  ['--profile <name>', 'the AWS profile (default: the SDK default chain)'],
  ['--region <name>', 'the AWS region (default: service.region in apprunner.deploy.yaml)'],
  ['-h, --help', 'show this help'],
];

const PLATFORM_LIST = PLATFORMS.map((p) => `${p.label} (target: ${p.id})`).join(' or ');
const DEPLOY_ABOUT =
  "Create the app's service, or redeploy it, on the platform its apprunner.deploy.yaml names:\n" +
  `${PLATFORM_LIST}.\n--target switches the platform and records the choice.`;
const COST_ABOUT =
  "Estimate the app's monthly bill on the platform its apprunner.deploy.yaml names:\n" +
  `${PLATFORM_LIST}.\nThat platform's line items, assumptions and ways to pay less, and one line comparing the other.`;

/** `create-apprunner-app <command> --help`: that command's options and nothing else. */
export function commandHelp(
  command: string,
  version: string,
  deployFlags: readonly string[] = [],
  costFlags: readonly string[] = [],
): string {
  const commandRow = (key: string): Row => {
    const [arg, help] = COMMAND_FLAG_HELP[key] ?? ['', ''];
    return [`--${key} ${arg}`.trim(), help];
  };
  const own = OPERATE_HELP[command];
  const section = own
    ? { usage: own.usage, about: own.about, rows: [...own.flags, ...(own.anywhere ? ANYWHERE_FLAGS : IN_APP_FLAGS)] }
    : command === 'deploy'
      ? {
          usage: 'deploy [folder] [options]',
          about: DEPLOY_ABOUT,
          rows: [
            ...deployFlags.filter((f) => f !== 'deploy').map(commandRow),
            ['--region <name>', 'override service.region'],
            ['-y, --yes', 'take the default answer to every question'],
            ['--dry-run', 'print the AWS requests and send nothing'],
            ['-h, --help', 'show this help'],
          ] as Row[],
        }
      : {
          usage: 'cost [folder] [options]',
          about: COST_ABOUT,
          rows: [...costFlags.map(commandRow), ['-h, --help', 'show this help']] as Row[],
        };
  const width = Math.max(...section.rows.map(([flag]) => flag.length)) + 2;
  return `create-apprunner-app ${version}: ${command}

Usage (${own?.anywhere ? 'anywhere' : "inside an app's folder"}):
  create-apprunner-app ${section.usage}

${section.about}

Options:
${table(section.rows, width)}
`;
}
