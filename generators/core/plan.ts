// The file plan: which template files become which files of the app. Pure data in, data out: the
// Yeoman layer lists the template folders and renders what this returns.
import { registryCommand } from './tool-command.js';
import { DEPLOY_CONFIG_FILE } from './deploy-config.js';
import { cpuLabel, dollars, memoryLabel, monthlyCost } from './sizes.js';
import type { Spec } from './spec.js';

export interface PlannedFile {
  /** Path under templates/. */
  from: string;
  /** Path in the app. */
  to: string;
  /** Rendered with EJS (the template ends in .ejs) or copied as it is. */
  render: boolean;
}

/** Layers in copy order; a later layer's file wins over an earlier one's. */
export function layersOf(spec: Spec): string[] {
  return [
    `${spec.runtime.id}/app`,
    `${spec.runtime.id}/${spec.source}`,
    ...(spec.iac === 'cloudformation' ? ['iac/cloudformation'] : []),
    ...(spec.ci === 'github' ? ['ci/github'] : []),
  ];
}

/** `_gitignore` → `.gitignore`: npm drops dotfiles from published tarballs, so templates store them with `_`. */
export function targetName(relativePath: string): string {
  const dotted = relativePath.split('/').map((part) => (part.startsWith('_') ? `.${part.slice(1)}` : part)).join('/');
  return dotted.endsWith('.ejs') ? dotted.slice(0, -'.ejs'.length) : dotted;
}

/** `listing` maps each layer to its files, relative to the layer folder. */
export function planFiles(spec: Spec, listing: Record<string, readonly string[]>): PlannedFile[] {
  const byTarget = new Map<string, PlannedFile>();
  for (const layer of layersOf(spec)) {
    for (const file of [...(listing[layer] ?? [])].sort()) {
      const to = targetName(file);
      byTarget.set(to, { from: `${layer}/${file}`, to, render: file.endsWith('.ejs') });
    }
  }
  return [...byTarget.values()].sort((a, b) => a.to.localeCompare(b.to));
}

/** Files the generator writes from the spec itself rather than from templates. */
export const GENERATED_FILES = [DEPLOY_CONFIG_FILE, '.yo-rc.json'] as const;

/** `tool` is how to run this tool (core/tool-command.ts); a bare version means the registry form. */
export function deployCommandOf(tool: string): string {
  return `${/^\d/.test(tool) ? registryCommand(tool) : tool} deploy`;
}

/** The variables every template may use (templates/README.md lists them). */
export function templateContext(spec: Spec, toolVersion: string, toolCommand = registryCommand(toolVersion)) {
  const cost = monthlyCost(spec.cpu, spec.memory);
  return {
    name: spec.name,
    slug: spec.slug,
    runtime: spec.runtime.id,
    runtimeLabel: spec.runtime.label.replace(/ \(.*\)$/, ''),
    source: spec.source,
    port: spec.port,
    healthPath: spec.healthPath,
    cpu: cpuLabel(spec.cpu),
    memory: memoryLabel(spec.memory),
    region: spec.region,
    deployConfigFile: DEPLOY_CONFIG_FILE,
    deployCommand: deployCommandOf(toolCommand),
    toolCommand,
    // A CI runner has none of this machine's paths: it can only fetch the published package.
    ciDeployCommand: deployCommandOf(registryCommand(toolVersion)),
    costIdle: dollars(cost.idle),
    costBusy: dollars(cost.busy),
    env: spec.env,
    secrets: spec.secrets,
    network: spec.network,
    domain: spec.domain,
    scaling: spec.scaling,
    tracing: spec.tracing,
    iac: spec.iac,
    ci: spec.ci,
    commands: spec.runtime.commands,
    managedRuntime: spec.runtime.managedRuntime,
  };
}
