// --help is printed from the option table, so it cannot drift from what the parser accepts.
import { SWITCHES, VALUE_OPTIONS } from '../core/options.js';
import { RUNTIMES } from '../core/runtimes.js';

export function helpText(version: string): string {
  const rows: [string, string][] = [];
  for (const o of VALUE_OPTIONS) {
    if (!o.flag.startsWith('--')) continue;
    rows.push([`${o.flag} ${o.arg}`.trim(), `${o.help} (default: ${o.defaultHelp})`]);
  }
  for (const s of SWITCHES) rows.push([s.short ? `${s.short}, ${s.flag}` : s.flag, s.help]);
  rows.push(['-h, --help', 'show this help'], ['-v, --version', 'print the version']);
  const width = Math.max(...rows.map(([flag]) => flag.length)) + 2;
  const table = rows.map(([flag, text]) => `  ${flag.padEnd(width)}${text}`).join('\n');
  const runtimes = RUNTIMES.map((r) => `  ${r.id.padEnd(8)}${r.label}, ${r.sources.join(' or ')}`).join('\n');

  return `create-apprunner-app ${version}
Scaffold a web app that is ready for AWS App Runner, and deploy it.

Usage:
  create-apprunner-app [directory] [options]     write a new app (asks for what is missing on a terminal)
  create-apprunner-app deploy [options]          inside an app: create its App Runner service, or redeploy it

Options:
${table}

Runtimes (source kind: code = App Runner builds the repo, image = container through Amazon ECR):
${runtimes}

Without a terminal (CI, pipes) nothing is asked: pass --yes to take the defaults, or every value.

Examples:
  npm create apprunner-app@latest my-api
  npx create-apprunner-app my-api --runtime go --cpu 0.5 --memory 1 --yes
`;
}
