// --help is printed from the command table (commands.ts) and the option table (core/options.ts), so it
// cannot drift from what the parser accepts. `--help` is a short overview; `help create` and
// `<command> --help` are the full lists. Everything fits in 100 columns: prose wraps, commands do not.
import { SWITCHES, VALUE_OPTIONS } from '../core/options.js';
import { RUNTIMES } from '../core/runtimes.js';
import { CREATE_FLAGS } from './args.js';
import { COMMAND_TABLE, type Flag } from './commands.js';

export const WIDTH = 100;
const FLAG_COLUMN = 30;

type Row = [string, string];

/** Words wrapped to `width`, every line after the first indented by `indent` spaces. */
export function wrap(text: string, width = WIDTH, indent = 0): string {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const room = width - (lines.length ? indent : 0);
    if (line && line.length + 1 + word.length > room) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  lines.push(line);
  return lines.map((l, i) => (i ? ' '.repeat(indent) + l : l)).join('\n');
}

/** Flag rows: the flag, then its help wrapped beside it (or below it, for a long flag). */
function table(rows: Row[]): string {
  const width = Math.min(FLAG_COLUMN, Math.max(...rows.map(([flag]) => flag.length)) + 2);
  return rows
    .map(([flag, text]) => {
      const head = `  ${flag}`;
      const body = wrap(text, WIDTH - 2 - width, 0)
        .split('\n')
        .map((l) => ' '.repeat(2 + width) + l);
      if (head.length < 2 + width) body[0] = head.padEnd(2 + width) + body[0]!.trimStart();
      else body.unshift(head);
      return body.join('\n');
    })
    .join('\n');
}

const flagRow = (name: string, f: Flag): Row => [
  `${f.short ? `-${f.short}, ` : ''}--${name}${f.arg ? ` ${f.arg}` : ''}`,
  f.help,
];

/** `create-apprunner-app --help`: what the tool does, its commands and the few options most runs need. */
export function helpText(version: string): string {
  const commands: Row[] = Object.entries(COMMAND_TABLE).map(([name, c]) => [name, c.summary]);
  commands.push(['help [command]', 'this overview, or a command\'s every option ("help create" for a new app)']);
  const common: Row[] = [
    ['--runtime <id>', `${RUNTIMES.map((r) => r.id).join(', ')}`],
    ['--target <platform>', VALUE_OPTIONS.find((o) => o.key === 'target')!.help],
    ['--deploy', CREATE_FLAGS.deploy!.help],
    ['-y, --yes', 'take the default for everything not given; never prompt'],
    ['--no-install, --no-git', 'skip installing dependencies, skip git'],
    ['--dry-run', 'list the files that would be written, then stop'],
    ['--verbose', 'show everything: install output, stacks of unexpected errors'],
  ];
  return `create-apprunner-app ${version}
${wrap('Scaffold a web app for AWS App Runner or Amazon ECS Express Mode, deploy it, and run it.')}

Usage:
  create-apprunner-app [directory] [options]   write a new app (asks what is missing on a terminal)
  create-apprunner-app <command> [options]     inside an app's folder, or with --cwd <dir>

Commands:
${table(commands)}

Common options for a new app (every one: create-apprunner-app help create):
${table(common)}

${wrap('Without a terminal (CI, pipes) nothing is asked: pass --yes to take the defaults. Exit codes: 0 done, 1 failed or declined, 2 bad usage, 130 Ctrl-C.')}

Examples:
  npm create apprunner-app@latest my-api
  npx create-apprunner-app my-api --runtime go --cpu 0.5 --memory 1 --yes
`;
}

/** `create-apprunner-app help create`: every option for a new app. */
export function createHelp(version: string): string {
  const valueRow = (o: (typeof VALUE_OPTIONS)[number]): Row => [
    `${o.flag} ${o.arg}`.trim(),
    `${o.help} (default: ${o.defaultHelp})`,
  ];
  const everyday = VALUE_OPTIONS.filter((o) => o.flag.startsWith('--') && !o.extra).map(valueRow);
  for (const s of SWITCHES) everyday.push([s.short ? `${s.short}, ${s.flag}` : s.flag, s.help]);
  for (const name of ['deploy', 'profile', 'no-wait']) everyday.push(flagRow(name, CREATE_FLAGS[name]!));
  everyday.push(['--verbose', 'show everything: install output, stacks of unexpected errors']);
  everyday.push(['-h, --help', 'show the overview'], ['-v, --version', 'print the version']);
  const extras = VALUE_OPTIONS.filter((o) => o.extra).map(valueRow);
  const runtimes = RUNTIMES.map((r) => `  ${r.id.padEnd(8)}${r.label}, ${r.sources.join(' or ')}`).join('\n');
  return `create-apprunner-app ${version}: creating an app

Usage:
  create-apprunner-app [directory] [options]

Options:
${table(everyday)}

Production extras (on a terminal: one checklist, after "no" to the recommended setup):
${table(extras)}

Runtimes (source kind: code = App Runner builds the repo, image = container through Amazon ECR):
${runtimes}

${wrap('Targets: apprunner = AWS App Runner, for accounts that already use it (it takes no new customers since 2026-04-30); ecs-express = Amazon ECS Express Mode, for any AWS account: Fargate tasks behind a shared HTTPS load balancer. Every App Runner size maps one to one onto a Fargate task size, so --cpu and --memory mean the same on both.')}

${wrap("Environment: CREATE_APPRUNNER_APP_POLL_MS sets deploy's polling interval (default 5000); CREATE_APPRUNNER_APP_TIMEOUT_MS how long deploy waits for one operation (default 1200000).")}
`;
}

/** `create-apprunner-app <command> --help`: that command's options and nothing else. */
export function commandHelp(command: string, version: string): string {
  const c = COMMAND_TABLE[command];
  if (!c) return createHelp(version);
  const rows = Object.entries(c.flags).map(([name, f]) => flagRow(name, f));
  rows.push(['-h, --help', 'show this help']);
  return `create-apprunner-app ${version}: ${command}

Usage${c.inApp ? " (inside an app's folder, or with --cwd <dir>)" : c.where ? ` (${c.where})` : ''}:
  create-apprunner-app ${c.usage}

${wrap(c.about)}

Options:
${table(rows)}
`;
}

/** The help for a topic: undefined is the overview, 'create' every option for a new app. */
export const helpFor = (topic: string | undefined, version: string) =>
  topic === undefined ? helpText(version) : commandHelp(topic, version);
