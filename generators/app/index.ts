// The Yeoman generator: a thin layer over the core. Ask (only what is missing, only on a terminal),
// resolve one spec, render the file plan into Yeoman's in-memory file system, then install and commit.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import ejs from 'ejs';
import Generator from 'yeoman-generator';
import { DEPLOY_CONFIG_FILE, deployConfigOf, renderDeployConfig } from '../core/deploy-config.js';
import { nextSteps } from '../core/next-steps.js';
import { EXTRAS, extraPrompts, extrasGiven, pendingPrompts, type Facts, type Switches, type ValueOption, type Values } from '../core/options.js';
import { GENERATED_FILES, deployCommandOf, layersOf, planFiles, templateContext, type PlannedFile } from '../core/plan.js';
import { checkDirectory, resolveSpec, type Spec } from '../core/spec.js';
import { CliError, UsageError, type ExitCode } from '../core/errors.js';
import { checkTarget } from '../cli/facts.js';
import { TEMPLATES_ROOT, toolCommand, toolVersion } from './paths.js';
import { packageManagerOf } from '../core/package-manager.js';

export interface AppOptions {
  given?: Partial<Values>;
  switches?: Partial<Switches>;
  facts?: Facts;
  /** Whether a person is there to answer prompts. */
  interactive?: boolean;
  /** The folder the user ran us in; the app goes in a new folder inside it. */
  cwd?: string;
  /** npm_config_user_agent, to install with the package manager that ran us. */
  userAgent?: string;
  /** --deploy (true) creates the service after writing; undefined asks on a terminal (image apps). */
  deploy?: boolean;
  /** Passed on to deploy: --profile, --no-wait. */
  deployOptions?: { profile?: string; wait?: boolean };
}

/** An install that failed after the files were written: the files stay and exit is non-zero. */
export class InstallFailed extends CliError {}

/** A scaffold-time deploy that did not finish: deploy has said why; the app stays written. */
export class DeployAfterScaffoldFailed extends CliError {}

export default class AppGenerator extends Generator {
  private spec!: Spec;
  private values!: Values;
  private plan: PlannedFile[] = [];
  private pendingInstall?: string;
  private failure?: string;

  constructor(args: string[], options: never) {
    // We install with the user's package manager ourselves (and Python too), so Yeoman's own npm step is off.
    super(args, options, { customInstallTask: true });
  }

  private get app(): { given: Partial<Values>; facts: Facts; interactive: boolean; cwd: string; userAgent?: string; switches: Switches; deploy?: boolean } {
    const o = this.options as unknown as AppOptions;
    return {
      given: o.given ?? {}, facts: o.facts ?? {}, interactive: o.interactive ?? false,
      cwd: o.cwd ?? process.cwd(), userAgent: o.userAgent, deploy: o.deploy,
      switches: { install: true, git: true, force: false, yes: false, dryRun: false, ...o.switches } as Switches,
    };
  }

  async prompting() {
    const { given, facts, interactive, cwd, switches } = this.app;
    let answers: Partial<Values> = {};
    if (interactive && !switches.yes) {
      const known = { ...given };
      // The folder is checked as soon as it is typed (outside cwd? not empty?), not after every other question.
      const folder = (dir: string) => checkDirectory(dir, cwd) ?? checkTarget(resolve(cwd, dir), dir, switches.force);
      answers = await this.prompt(pendingPrompts(known).map((o) => question(o, known, facts, o.key === 'directory' ? folder : undefined)) as never);
      // The production extras hide behind one checklist, unless a flag already chose some of them.
      if (!extrasGiven(given)) {
        const { extras } = await this.prompt<{ extras: string[] }>([{
          type: 'checkbox', name: 'extras', message: 'Add production extras? (space picks, enter goes on)',
          choices: Object.entries(EXTRAS).map(([value, name]) => ({ name, value })),
        }] as never);
        if (extras?.length) {
          Object.assign(answers, await this.prompt(extraPrompts(extras, known).map((o) => question(o, known, facts)) as never));
        }
      }
    }
    const resolved = resolveSpec({ ...given, ...answers }, facts, cwd);
    if (!resolved.ok) throw new UsageError(resolved.errors.join('\n'));
    this.spec = resolved.spec;
    this.values = resolved.values;
    const blocked = checkTarget(this.spec.directory, this.spec.directoryLabel, switches.force);
    if (blocked) throw new UsageError(blocked);
    this.plan = planFiles(this.spec, listTemplates(layersOf(this.spec)));
  }

  writing() {
    if (this.app.switches.dryRun) {
      const files = [...this.plan.map((f) => f.to), ...GENERATED_FILES].sort();
      this.log(`Dry run: these files would be written in ${this.spec.directoryLabel} (nothing was written):\n`
        + files.map((f) => `  ${f}`).join('\n'));
      return;
    }
    // Only now, with every input valid, does the folder come into being.
    this.destinationRoot(this.spec.directory);
    const context = templateContext(this.spec, toolVersion(), toolCommand());
    for (const file of this.plan) {
      const source = join(TEMPLATES_ROOT, file.from);
      const target = this.destinationPath(file.to);
      if (file.render) this.fs.write(target, ejs.render(readFileSync(source, 'utf8'), context, { filename: source }));
      else this.fs.copy(source, target);
    }
    this.fs.write(this.destinationPath(DEPLOY_CONFIG_FILE), renderDeployConfig(deployConfigOf(this.spec)));
    const { directory: _directory, ...choices } = this.values;
    this.createStorage('.yo-rc.json', 'create-apprunner-app').set(choices);
  }

  async install() {
    const { switches, userAgent } = this.app;
    if (switches.dryRun) return;
    const pm = packageManagerOf(userAgent);
    if (!switches.install) {
      this.pendingInstall = installHint(this.spec, pm);
      return;
    }
    // The slow steps (and execa) load only when there is something to install or commit.
    const { install } = await import('./actions.js');
    const result = await install(this.spec, pm);
    if (result && !result.ok) {
      this.pendingInstall = result.command;
      this.failure = `Installing dependencies failed (${result.detail}). The files are written; retry with:\n  cd ${this.spec.directoryLabel} && ${result.command}`;
    }
  }

  async end() {
    const { switches, userAgent } = this.app;
    if (switches.dryRun) return;
    if (switches.git) {
      const { initGit } = await import('./actions.js');
      const git = await initGit(this.spec.directory);
      if (git === 'inside-repo') this.log('Inside an existing git repository: no new repository, no commit.');
      else if (!git.ok) this.log(`Skipped the first commit (${git.detail}). To make it: cd ${this.spec.directoryLabel} && ${git.command}`);
    }
    this.log(`\n${nextSteps(this.spec, { pendingInstall: this.pendingInstall, packageManager: packageManagerOf(userAgent), toolVersion: toolVersion(), toolCommand: toolCommand() })}`);
    if (this.failure) throw new InstallFailed(this.failure);
    if (await this._wantsDeploy()) await this._deployNow();
  }

  // Yeoman runs every public method as a task in its own queue: helpers start with `_` to stay out of it.

  /** --deploy says yes; on a terminal an image app is offered it (a code app must be pushed first). */
  private async _wantsDeploy(): Promise<boolean> {
    const { deploy, interactive, switches } = this.app;
    if (deploy !== undefined) return deploy;
    if (!interactive || switches.yes || this.spec.source !== 'image') return false;
    const { now } = await this.prompt<{ now: boolean }>([{ type: 'confirm', name: 'now', message: 'Create the App Runner service now?', default: false }] as never);
    return now;
  }

  private async _deployNow(): Promise<void> {
    const { deploy } = await import('../deploy/deploy.js');
    this.log('');
    const code = await deploy(this.spec.directory, { yes: true, ...(this.options as AppOptions).deployOptions });
    if (code !== 0) {
      throw new DeployAfterScaffoldFailed(`The app is written in ${this.spec.directoryLabel}; its deploy did not finish (above). `
        + `To retry: cd ${this.spec.directoryLabel} && ${deployCommandOf(toolCommand())}`, code as ExitCode);
    }
  }
}

function installHint(spec: Spec, pm: string): string | undefined {
  if (spec.runtime.id === 'node') return `${pm} install`;
  return spec.runtime.id === 'python' || spec.runtime.id === 'ruby' ? spec.runtime.commands.install : undefined;
}

/** An inquirer question from the option table; `known` collects answers so later defaults see them. */
function question(option: ValueOption, known: Partial<Values>, facts: Facts, extra?: (value: string) => string | undefined) {
  const { prompt, key } = option;
  const seen = (answers: Partial<Values>) => Object.assign(known, answers);
  return {
    name: key,
    type: prompt!.choices ? 'select' : 'input',
    message: prompt!.message,
    when: (answers: Partial<Values>) => prompt!.when?.(seen(answers)) ?? true,
    default: (answers: Partial<Values>) => prompt!.default ?? option.default(seen(answers), facts),
    ...(prompt!.choices ? { choices: (answers: Partial<Values>) => prompt!.choices!(seen(answers)) } : {}),
    ...(prompt!.filter ? { filter: (value: string) => prompt!.filter!(String(value)) } : {}),
    validate: (value: string, answers: Partial<Values>) => {
      const v = prompt!.filter ? prompt!.filter(String(value)) : String(value);
      return option.validate(v, seen(answers ?? {})) ?? extra?.(v) ?? true;
    },
  };
}

function listTemplates(layers: string[]): Record<string, string[]> {
  const walk = (dir: string): string[] =>
    readdirSync(dir).flatMap((f) => (statSync(join(dir, f)).isDirectory() ? walk(join(dir, f)) : [join(dir, f)]));
  return Object.fromEntries(layers.map((layer) => {
    const root = join(TEMPLATES_ROOT, layer);
    let files: string[] = [];
    try {
      files = walk(root).map((f) => relative(root, f).split('\\').join('/'));
    } catch { /* a layer a runtime does not have (e.g. no code/ for Go) */ }
    return [layer, files];
  }));
}
