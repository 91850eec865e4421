// The file plan: which template files become which files of the app. Pure data in, data out: the
// Yeoman layer lists the template folders and renders what this returns.
import { othersOf, platformOf, readmeCost } from '../platforms/registry.js';
import { CI_ACTIONS } from './ci-actions.js';
import { deployConfigOf, repositoryOf } from './deploy-config.js';
import { ESCAPERS } from './escape.js';
import { DEPLOY_CONFIG_FILE } from './files.js';
import { buildInstallOf, PACKAGE_MANAGERS, type PackageManager, packageManagerVersion } from './package-manager.js';
import { commandsOf } from './runtimes.js';
import { cpuLabel, memoryLabel } from './sizes.js';
import type { Spec } from './spec.js';
import { appToolCommand, registryCommand, TOOL_NAME, TOOL_SCRIPTS } from './tool-command.js';

export interface PlannedFile {
  /** Path under templates/. */
  from: string;
  /** Path in the app. */
  to: string;
  /** Rendered with EJS (the template ends in .ejs) or copied as it is. */
  render: boolean;
}

/** What the app's instructions for coding agents live in: AGENTS.md, and CLAUDE.md importing it. */
export const AGENTS_LAYER = 'common/agents';

/** Layers in copy order; a later layer's file wins over an earlier one's. `agentsMd`: --no-agents-md turns it off. */
export function layersOf(spec: Spec, agentsMd = true): string[] {
  return [
    // The framework's own folder (templates/<runtime> for the runtime's first framework).
    `${spec.runtime.templates}/app`,
    // Every app carries its Dockerfile, so it can go to either target (ECS Express runs images only)
    // without hand edits; a source-code app adds apprunner.yaml on top.
    `${spec.runtime.templates}/image`,
    ...(spec.source === 'code' ? [`${spec.runtime.templates}/code`] : []),
    ...(spec.iac === 'cloudformation' ? [platformOf(spec.target).iacLayers.cloudformation] : []),
    // The CDK app: what every target shares, then the stack for this app's platform.
    ...(spec.iac === 'cdk' ? ['iac/cdk/shared', platformOf(spec.target).iacLayers.cdk] : []),
    ...(spec.ci === 'github' ? ['ci/github'] : []),
    // One template for every runtime: its commands come from the runtime table (templateContext).
    ...(agentsMd ? [AGENTS_LAYER] : []),
  ];
}

/** `_gitignore` → `.gitignore`: npm drops dotfiles from published tarballs, so templates store them with `_`. */
export function targetName(relativePath: string): string {
  const dotted = relativePath
    .split('/')
    .map((part) => (part.startsWith('_') ? `.${part.slice(1)}` : part))
    .join('/');
  return dotted.endsWith('.ejs') ? dotted.slice(0, -'.ejs'.length) : dotted;
}

/** `listing` maps each layer to its files, relative to the layer folder. */
export function planFiles(spec: Spec, listing: Record<string, readonly string[]>, agentsMd = true): PlannedFile[] {
  const byTarget = new Map<string, PlannedFile>();
  for (const layer of layersOf(spec, agentsMd)) {
    for (const file of [...(listing[layer] ?? [])].sort()) {
      const to = targetName(file);
      byTarget.set(to, { from: `${layer}/${file}`, to, render: file.endsWith('.ejs') });
    }
  }
  // Code-unit order: the same on every machine and locale, and no ICU collator to load on every scaffold.
  return [...byTarget.values()].sort((a, b) => (a.to < b.to ? -1 : a.to > b.to ? 1 : 0));
}

/** Files the generator writes from the spec itself rather than from templates. */
export const GENERATED_FILES = [DEPLOY_CONFIG_FILE, '.yo-rc.json'] as const;

/** One sentence for the scaffold summary and every README: where deploy puts the app, and how to switch. */
export function targetSentence(target: Spec['target'], tool = 'create-apprunner-app'): string {
  const others = othersOf(target)
    .map((p) => `\`${tool} deploy --target ${p.id}\``)
    .join(' or ');
  return (
    `This app is set to deploy to ${platformOf(target).label} (\`target: ${target}\` in ${DEPLOY_CONFIG_FILE}); ` +
    `switch with ${others}, which records the new choice.`
  );
}

/** `tool` is how to run this tool (core/tool-command.ts); a bare version means the registry form. */
export function deployCommandOf(tool: string): string {
  return `${/^\d/.test(tool) ? registryCommand(tool) : tool} deploy`;
}

/** App Runner runs x86-64 containers: an image built on an Arm machine (Apple silicon) would not start. */
export function dockerBuildCommand(slug: string): string {
  return `docker build --platform linux/amd64 -t ${slug} .`;
}

/** The package manager as the templates need it: its commands, lockfile and how a build gets it. */
function packageManagerContext(pm: PackageManager, userAgent: string | undefined) {
  const version = packageManagerVersion(userAgent);
  return { ...PACKAGE_MANAGERS[pm], version, ...buildInstallOf(pm, version) };
}

/**
 * How the app's own files run this tool (core/tool-command.ts): by the bin of its pinned devDependency
 * where the runtime has a package.json (Node.js), else the pinned registry release. Never this machine's copy.
 */
export const appToolOf = (spec: Spec, toolVersion: string, pm: PackageManager = 'npm') =>
  appToolCommand(Boolean(spec.runtime.packageManaged), pm, toolVersion);

/** The variables every template may use (templates/README.md lists them). */
export function templateContext(spec: Spec, toolVersion: string, pm: PackageManager = 'npm', userAgent?: string) {
  const platform = platformOf(spec.target);
  const toolCommand = appToolOf(spec, toolVersion, pm);
  return {
    name: spec.name,
    slug: spec.slug,
    /** The ECR repository deploy pushes to (the deploy config's): the slug, or with the id's hash where names fold. */
    repository: repositoryOf(deployConfigOf(spec)),
    runtime: spec.runtime.id,
    /** The framework id (`express-ts`, `fastapi`, `spring-boot`, …). */
    framework: spec.runtime.framework,
    runtimeLabel: spec.runtime.label.replace(/ \(.*\)$/, ''),
    source: spec.source,
    target: spec.target,
    targetSentence: targetSentence(spec.target, toolCommand),
    /** The app's platform from the registry: its label, short label and words (platforms/<id>/words.ts). */
    platform: {
      id: platform.id,
      label: platform.label,
      short: platform.short,
      pauses: platform.pauses,
      buildsSource: platform.buildsSource,
      readmeExtras: platform.readmeExtras,
      ...platform.words,
    },
    /** The platform builds this app from its source (App Runner with apprunner.yaml); otherwise it runs the image. */
    fromSource: spec.source === 'code' && platform.buildsSource,
    /** The README's "What it costs" paragraph, on the app's platform, with one comparison line. */
    costSection: readmeCost(spec.target, deployConfigOf(spec), toolCommand),
    port: spec.port,
    healthPath: spec.healthPath,
    cpu: cpuLabel(spec.cpu),
    memory: memoryLabel(spec.memory),
    region: spec.region,
    deployConfigFile: DEPLOY_CONFIG_FILE,
    deployCommand: deployCommandOf(toolCommand),
    toolCommand,
    /** The tool as an app's dependency: its package name, the exact running version, and the scripts that call it. */
    tool: { name: TOOL_NAME, version: toolVersion, scripts: TOOL_SCRIPTS },
    // A CI runner has none of this machine's paths: it can only fetch the published package.
    ciDeployCommand: deployCommandOf(registryCommand(toolVersion)),
    env: spec.env,
    secrets: spec.secrets,
    network: spec.network,
    domain: spec.domain,
    scaling: spec.scaling,
    tracing: spec.tracing,
    iac: spec.iac,
    ci: spec.ci,
    commands: commandsOf(spec.runtime, pm),
    /** Node.js apps only: the package manager that ran us (undefined for other runtimes). */
    packageManager: spec.runtime.packageManaged ? packageManagerContext(pm, userAgent) : undefined,
    dockerBuild: dockerBuildCommand(spec.slug),
    ciSetup: spec.runtime.ciSetup,
    ciActions: CI_ACTIONS,
    managedRuntime: spec.runtime.managedRuntime,
    /** Escapers by format (core/escape.ts): every user value in a code, YAML, JSON or shell file goes through one. */
    q: ESCAPERS,
  };
}
