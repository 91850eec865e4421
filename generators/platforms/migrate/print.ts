// The mapping as a person reads it (a table, before anything is created) and as a script reads it
// (--json). Every string in it came from AWS, so each goes through the terminal sanitiser first.
import type { DeployConfig } from '../../core/deploy-config.js';
import { safeJsonLine, safeLine } from '../../core/terminal.js';
import type { Mapping } from './mapping.js';

export function mappingTable(name: string, arn: string, mapping: Mapping): string {
  const width = Math.max(...mapping.rows.map((r) => r.setting.length)) + 2;
  const lines = [`App Runner service ${safeLine(name)} (${safeLine(arn)}) → Amazon ECS Express Mode:`, ''];
  for (const r of mapping.rows) {
    lines.push(`  ${r.setting.padEnd(width)}${safeLine(r.appRunner)}`);
    lines.push(`  ${''.padEnd(width)}→ ${safeLine(r.express)}`);
  }
  const dropped = mapping.rows.filter((r) => !r.carried).length;
  lines.push(
    '',
    `${mapping.rows.length - dropped} setting(s) carried over, ${dropped} not carried over (each says what to do).`,
  );
  for (const w of mapping.warnings) lines.push(`Warning: ${safeLine(w)}`);
  return `${lines.join('\n')}\n`;
}

/** --json: the same rows, the settings, and the deploy config migrate would write. */
export function mappingJson(arn: string, mapping: Mapping, config: DeployConfig): string {
  const out = {
    from: arn,
    rows: mapping.rows,
    warnings: mapping.warnings,
    image: mapping.image,
    settings: mapping.settings,
    deployConfig: config,
  };
  // JSON.stringify escapes C0 controls but not C1 ones (U+009B starts a terminal sequence too).
  return `${JSON.stringify(out, null, 2).split('\n').map(safeJsonLine).join('\n')}\n`;
}
