// --help is printed from the option tables, so it cannot drift from what the parser accepts
// (a unit test checks that every deploy and cost flag has a line here).
import { SWITCHES, VALUE_OPTIONS } from '../core/options.js';
import { RUNTIMES } from '../core/runtimes.js';

/** Help for the deploy and cost commands' own flags, keyed like DEPLOY_FLAGS and COST_FLAGS. */
export const COMMAND_FLAG_HELP: Record<string, [arg: string, help: string]> = {
  profile: ['<name>', 'the AWS profile (default: the SDK default chain)'],
  deploy: ['', 'when scaffolding: create the App Runner service right after writing the app'],
  'no-wait': ['', 'return once AWS has accepted the request'],
  image: ['<uri>', 'deploy this ECR image instead of building and pushing one'],
  'repository-url': ['<url>', 'code apps: the repository App Runner builds (default: git remote origin)'],
  branch: ['<name>', 'code apps: the branch (default: the current branch)'],
  'connection-arn': ['<arn>', 'code apps: the App Runner connection to GitHub or Bitbucket'],
  'replace-failed': ['', 'delete a service left in CREATE_FAILED and create it again'],
  'busy-hours': ['<h>', 'cost: hours a month the service is busy (default: 176)'],
  builds: ['<n>', 'cost: source builds a month (default: 22)'],
  'build-minutes': ['<min>', 'cost: minutes one build takes (default: 3)'],
};

type Row = [string, string];

function table(rows: Row[], width: number): string {
  return rows.map(([flag, text]) => `  ${flag.padEnd(width)}${text}`).join('\n');
}

export function helpText(version: string, deployFlags: readonly string[] = [], costFlags: readonly string[] = []): string {
  const valueRow = (o: (typeof VALUE_OPTIONS)[number]): Row => [`${o.flag} ${o.arg}`.trim(), `${o.help} (default: ${o.defaultHelp})`];
  const everyday = VALUE_OPTIONS.filter((o) => o.flag.startsWith('--') && !o.extra).map(valueRow);
  for (const s of SWITCHES) everyday.push([s.short ? `${s.short}, ${s.flag}` : s.flag, s.help]);
  everyday.push(['-h, --help', 'show this help'], ['-v, --version', 'print the version']);
  const extras = VALUE_OPTIONS.filter((o) => o.extra).map(valueRow);
  const commandRow = (key: string): Row => {
    const [arg, help] = COMMAND_FLAG_HELP[key] ?? ['', ''];
    return [`--${key} ${arg}`.trim(), help];
  };
  const deploy: Row[] = [...deployFlags.map(commandRow), ['--region, --yes, --dry-run', 'as above; --dry-run prints the AWS requests and sends nothing'],
    ['--target <platform>', 'deploy there this time and record it in the deploy config (apprunner | ecs-express)']];
  const cost = costFlags.map(commandRow);
  const width = Math.max(...[...everyday, ...extras, ...deploy, ...cost].map(([flag]) => flag.length)) + 2;
  const runtimes = RUNTIMES.map((r) => `  ${r.id.padEnd(8)}${r.label}, ${r.sources.join(' or ')}`).join('\n');

  return `create-apprunner-app ${version}
Scaffold a web app that is ready for AWS App Runner, and deploy it.

Usage:
  create-apprunner-app [directory] [options]   write a new app (asks for what is missing on a terminal)
  create-apprunner-app deploy [options]        inside an app: create its service (App Runner or ECS Express), or redeploy it
  create-apprunner-app cost [options]          inside an app: estimate its monthly bill

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
