// The Yeoman generator: a thin layer over the core. Ask (only what is missing, only on a terminal),
// resolve one spec, render the file plan into Yeoman's in-memory file system, then install and commit.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

import ejs from 'ejs';
import Generator from 'yeoman-generator';

import { appIdOf } from '../core/app-id.js';
import { DEPLOY_CONFIG_FILE, deployConfigOf, renderDeployConfig } from '../core/deploy-config.js';
import { CliError, Declined, type ExitCode, UsageError } from '../core/errors.js';
import { nextCommands, nextSteps, type Outcome } from '../core/next-steps.js';
import type { Facts, Switches, Values } from '../core/options.js';
import { type PackageManager, packageManagerOf } from '../core/package-manager.js';
import {
  deployCommandOf,
  GENERATED_FILES,
  layersOf,
  planFiles,
  type PlannedFile,
  templateContext,
} from '../core/plan.js';
import { commandsOf } from '../core/runtimes.js';
import { resolveSpec, type Spec } from '../core/spec.js';
import { summary } from '../core/summary.js';
import { secretLookingEnv } from '../core/validate.js';
import type { Workshop } from '../core/workshop.js';
import { platformOf } from '../platforms/registry.js';
import { abandonPendingCommit, checkFolder, commitApp } from './commit.js';
import { resumable } from './existing.js';
import { say, setResult, warn } from './output.js';
import { TEMPLATES_ROOT, toolCommand, toolVersion } from './paths.js';
import { type StopSignal, trapSignals } from './signals.js';

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
  /** --owner, --expires-in: the deploy config's workshop section (deploy tags with it). */
  workshop?: Workshop;
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

  /** What a signal would interrupt: nothing yet, the writing of the app, or its install. */
  private stage: 'asking' | 'writing' | 'installing' | 'done' = 'asking';
  private releaseSignals?: () => void;
  /** Asked right after the folder was named: write into the non-empty folder. */
  private overwriteChosen = false;
  /** --force, or the answer to "the folder is not empty". */
  private overwrite = false;
  /** The folder holds the app an earlier run wrote: only its install and commit are left to do. */
  private resuming = false;

  constructor(args: string[], options: never) {
    // Yeoman takes the commit callback before `this` exists, so the callback reaches it through `self`.
    // eslint-disable-next-line prefer-const
    let self: AppGenerator | undefined;
    // We install with the user's package manager ourselves (and Python too), so Yeoman's own npm step is
    // off; and we commit the in-memory files ourselves, atomically, instead of file by file.
    super(args, options, { customInstallTask: true, customCommitTask: () => self?._commit() });
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    self = this;
  }

  private get app(): {
    given: Partial<Values>;
    facts: Facts;
    interactive: boolean;
    cwd: string;
    userAgent?: string;
    switches: Switches;
    deploy?: boolean;
  } {
    const o = this.options as unknown as AppOptions;
    return {
      given: o.given ?? {},
      facts: o.facts ?? {},
      interactive: o.interactive ?? false,
      cwd: o.cwd ?? process.cwd(),
      userAgent: o.userAgent,
      deploy: o.deploy,
      switches: {
        install: true,
        git: true,
        agentsMd: true,
        force: false,
        yes: false,
        dryRun: false,
        ...o.switches,
      } as Switches,
    };
  }

  async prompting() {
    const { facts, interactive, cwd, switches } = this.app;
    let { given } = this.app;
    let answers: Partial<Values> = {};
    // The same command again, into the app it wrote: finish that app (install, git), write nothing.
    const stored =
      given.directory !== undefined && !switches.force && !switches.dryRun
        ? resumable(resolve(cwd, given.directory), given)
        : undefined;
    if (stored) {
      this.resuming = true;
      given = { ...stored, directory: given.directory };
      say(
        `${given.directory} already holds an app made by create-apprunner-app: finishing its set-up without changing its files.`,
      );
    } else if (interactive && !switches.yes) {
      const { ask } = await import('./ask.js');
      // A non-empty folder is a choice asked right after its name (cancel, or write into it).
      const asked = await ask((questions) => this.prompt(questions as never), given, facts, cwd, switches.force);
      answers = asked.answers;
      this.overwriteChosen = asked.overwrite === true;
      for (const extra of asked.skipped) say(`Skipped "${extra}": nothing was given for it.`);
    }
    const resolved = resolveSpec({ ...given, ...answers }, facts, cwd);
    if (!resolved.ok) throw new UsageError(resolved.errors.join('\n'));
    this.spec = resolved.spec;
    this.values = resolved.values;
    for (const name of secretLookingEnv(this.values.env)) {
      warn(
        `Note: --env ${name} looks like a secret, and plain variables are stored in clear in the app's files and in AWS. ` +
          `To keep it secret, store it in Secrets Manager or SSM and pass --secret ${name}=<ARN or parameter name> instead.`,
      );
    }
    const { agentsMd } = switches;
    this.plan = planFiles(this.spec, listTemplates(layersOf(this.spec, agentsMd)), agentsMd);
    this.overwrite = switches.force;
    if (this.resuming) return;
    const blocked = checkFolder(this.spec.directory, this.spec.directoryLabel, switches.force);
    if (blocked && this.overwriteChosen && /not empty/.test(blocked)) this.overwrite = true;
    else if (blocked && interactive && !switches.yes && !switches.dryRun && /not empty/.test(blocked))
      this.overwrite = await this._askOverwrite();
    else if (blocked) throw new UsageError(blocked);
  }

  writing() {
    if (this.resuming) return;
    if (this.app.switches.dryRun) {
      const files = [...this.plan.map((f) => f.to), ...GENERATED_FILES].sort();
      say(
        `Dry run: these files would be written in ${this.spec.directoryLabel} (nothing was written):\n` +
          files.map((f) => `  ${f}`).join('\n'),
      );
      this._record();
      return;
    }
    say(summary(this.spec, this.app.given, this.app.facts));
    this.stage = 'writing';
    this.releaseSignals = trapSignals((signal) => this._stopped(signal));
    // Into Yeoman's in-memory file system only: nothing touches the disk until _commit moves the whole
    // app into place at once.
    // The app's files name the tool as any machine can run it, never this machine's copy (core/tool-command.ts).
    const context = templateContext(this.spec, toolVersion(), packageManagerOf(this.app.userAgent), this.app.userAgent);
    const at = (file: string) => join(this.spec.directory, file);
    for (const file of this.plan) {
      const source = join(TEMPLATES_ROOT, file.from);
      if (file.render)
        this.fs.write(at(file.to), ejs.render(readFileSync(source, 'utf8'), context, { filename: source }));
      else this.fs.copy(source, at(file.to));
    }
    const { app, ...config } = deployConfigOf(this.spec);
    const workshop = (this.options as unknown as AppOptions).workshop;
    // app stays the file's last key (its comment says nobody needs to edit it).
    this.fs.write(at(DEPLOY_CONFIG_FILE), renderDeployConfig({ ...config, ...(workshop ? { workshop } : {}), app }));
    const { directory: _directory, ...choices } = this.values;
    // --no-agents-md is recorded too (a switch, so not a value a re-run compares).
    this.fs.writeJSON(at('.yo-rc.json'), {
      'create-apprunner-app': { ...choices, agentsMd: this.app.switches.agentsMd },
    });
  }

  /** Yeoman's commit step, replaced (see the constructor): the rendered app goes to disk all at once. */
  private _commit(): void {
    if (this.app.switches.dryRun || !this.spec || this.resuming) return;
    const files = new Map<string, Buffer>();
    for (const file of [...this.plan.map((f) => f.to), ...GENERATED_FILES]) {
      files.set(file, this.fs.store.get(join(this.spec.directory, file)).contents as Buffer);
    }
    const { replaced } = commitApp({
      directory: this.spec.directory,
      label: this.spec.directoryLabel,
      cwd: this.app.cwd,
      files,
      force: this.overwrite,
    });
    this.stage = 'installing';
    const label = this.spec.directoryLabel;
    say(`Wrote ${files.size} files in ${this.spec.here ? 'the current folder' : label}.`);
    for (const { file, keptAs } of replaced) say(`  replaced ${label}/${file} (yours is kept as ${label}/${keptAs})`);
  }

  async install() {
    const { switches, userAgent } = this.app;
    if (switches.dryRun) return;
    const pm = packageManagerOf(userAgent);
    if (!switches.install) {
      this.pendingInstall = installHint(this.spec, pm);
      return;
    }
    this.stage = 'installing';
    this.releaseSignals ??= trapSignals((signal) => this._stopped(signal));
    // The slow steps (and execa) load only when there is something to install or commit.
    const { install } = await import('./actions.js');
    const hint = installHint(this.spec, pm);
    if (hint) say(`\nInstalling dependencies (${hint}) …`);
    const { isVerbose } = await import('../cli/ending.js');
    const result = await install(this.spec, pm, undefined, isVerbose());
    // Skipped for a missing prerequisite: the next steps keep the install command.
    if (result?.ok && result.skipped) this.pendingInstall = result.command;
    if (result && !result.ok) {
      this.pendingInstall = result.command;
      this.failure = `Installing dependencies failed (${result.detail}). The files are written; retry with:\n  cd ${this.spec.directoryLabel} && ${result.command}`;
    }
  }

  async end() {
    const { switches } = this.app;
    this._record();
    if (switches.dryRun) return;
    this.stage = 'done';
    if (switches.git) {
      const { initGit, insideGitRepo } = await import('./actions.js');
      // One line about git, never "creating" then "not creating": the repository check comes first.
      const inside = await insideGitRepo(this.spec.directory).catch(() => false);
      if (!inside) say('\nCreating a git repository and the first commit …');
      const git = await initGit(this.spec.directory, [...this.plan.map((f) => f.to), ...GENERATED_FILES]);
      if (git === 'inside-repo') say('\nInside an existing git repository: no new repository, no commit.');
      else if (!git.ok)
        warn(`Skipped the first commit (${git.detail}). To make it: cd ${this.spec.directoryLabel} && ${git.command}`);
    }
    say(`\n${nextSteps(this.spec, this._outcome())}`);
    if (this.failure) throw new InstallFailed(this.failure);
    if (await this._wantsDeploy()) {
      // Deploy has its own Ctrl-C handling (it reports what it changed on AWS). Until here, and to the
      // process's end otherwise, a signal says the app is written: a kill in the last moments is not silent.
      this.releaseSignals?.();
      await this._deployNow();
    }
  }

  private _outcome(): Outcome {
    return {
      pendingInstall: this.pendingInstall,
      packageManager: packageManagerOf(this.app.userAgent),
      toolVersion: toolVersion(),
      toolCommand: toolCommand(),
    };
  }

  /** What --json prints (app/output.ts): the files, the app's identity and the next commands. */
  private _record(): void {
    const { switches } = this.app;
    const config = join(this.spec.directory, DEPLOY_CONFIG_FILE);
    // A re-run keeps the id the first run drew, in the deploy config on disk.
    const stored = this.resuming && existsSync(config) ? /^ {2}id: (\S+)$/m.exec(readFileSync(config, 'utf8')) : null;
    setResult({
      ok: true,
      written: !switches.dryRun && !this.resuming,
      dryRun: switches.dryRun,
      directory: this.spec.directoryLabel,
      path: this.spec.directory,
      files: [...this.plan.map((f) => f.to), ...GENERATED_FILES].sort(),
      name: this.spec.name,
      runtime: this.spec.runtime.id,
      platform: this.spec.target,
      source: this.spec.source,
      region: this.spec.region,
      appId: stored?.[1] ?? appIdOf(this.spec),
      installed:
        !switches.dryRun &&
        switches.install &&
        !this.pendingInstall &&
        Boolean(installHint(this.spec, packageManagerOf(this.app.userAgent))),
      next: nextCommands(this.spec, this._outcome()),
    });
  }

  /** On a terminal, a non-empty folder is a choice: cancel, or write into it (replaced files are kept). */
  private async _askOverwrite(): Promise<boolean> {
    const label = this.spec.directoryLabel;
    const conflicts = [...this.plan.map((f) => f.to), ...GENERATED_FILES]
      .filter((f) => existsSync(join(this.spec.directory, f)))
      .sort();
    const listed = conflicts.length
      ? ` These files of yours have the names of files the app writes:\n${conflicts.map((f) => `    ${f}`).join('\n')}\n  Each would be replaced, and kept as <name>.orig.`
      : ' None of its files has the name of a file the app writes.';
    const { choice } = await this.prompt<{ choice: string }>([
      {
        type: 'select',
        name: 'choice',
        message: `The folder "${label}" is not empty.${listed}\n  What now?`,
        default: 'cancel',
        choices: [
          { name: 'Cancel: write nothing', value: 'cancel' },
          {
            name: conflicts.length
              ? `Overwrite the ${conflicts.length} conflicting file${conflicts.length > 1 ? 's' : ''} (yours kept as .orig)`
              : 'Write the app into it',
            value: 'write',
          },
        ],
      },
    ] as never);
    if (choice !== 'write') throw new Declined('Cancelled. Nothing was written.');
    return true;
  }

  /** The one line a signal leaves behind, once what was half done is undone. */
  private _stopped(signal: StopSignal): string {
    const label = this.spec.directoryLabel;
    if (this.stage === 'writing') {
      abandonPendingCommit();
      return `${signal === 'SIGINT' ? 'Cancelled' : 'Stopped'}. Nothing was changed in ${label}.`;
    }
    const finish = this.pendingInstall ?? installHint(this.spec, packageManagerOf(this.app.userAgent));
    return this.stage === 'installing' && finish
      ? `Stopped while installing dependencies. The app is written in ${label}, its install half done; to finish it:\n  cd ${label} && ${finish}`
      : `Stopped. The app is written in ${label}.`;
  }

  // Yeoman runs every public method as a task in its own queue: helpers start with `_` to stay out of it.

  /**
   * --deploy says yes; on a terminal an app that deploys as an image is offered it: an image app, or any
   * app set for ECS Express (an App Runner code app must be pushed first).
   */
  private async _wantsDeploy(): Promise<boolean> {
    const { deploy, interactive, switches, facts } = this.app;
    if (deploy !== undefined) return deploy;
    // Without credentials a deploy could only fail: the next steps say how (no question, no network call).
    if (!facts.credentials) return false;
    const platform = platformOf(this.spec.target);
    // A platform that builds from source needs the branch pushed first; one that runs images gets this build.
    if (!interactive || switches.yes || (this.spec.source !== 'image' && platform.buildsSource)) return false;
    const message = `Create the ${platform.words.service} now?`;
    const { now } = await this.prompt<{ now: boolean }>([
      { type: 'confirm', name: 'now', message, default: false },
    ] as never);
    return now;
  }

  private async _deployNow(): Promise<void> {
    const { deploy } = await import('../commands/deploy.js');
    say('');
    const code = await deploy(this.spec.directory, { yes: true, ...(this.options as AppOptions).deployOptions });
    if (code !== 0) {
      throw new DeployAfterScaffoldFailed(
        `The app is written in ${this.spec.directoryLabel}; its deploy did not finish (above). ` +
          `To retry: cd ${this.spec.directoryLabel} && ${deployCommandOf(toolCommand())}`,
        code as ExitCode,
      );
    }
  }
}

function installHint(spec: Spec, pm: PackageManager): string | undefined {
  return commandsOf(spec.runtime, pm).install;
}

function listTemplates(layers: string[]): Record<string, string[]> {
  const walk = (dir: string): string[] =>
    readdirSync(dir).flatMap((f) => (statSync(join(dir, f)).isDirectory() ? walk(join(dir, f)) : [join(dir, f)]));
  return Object.fromEntries(
    layers.map((layer) => {
      const root = join(TEMPLATES_ROOT, layer);
      let files: string[] = [];
      try {
        files = walk(root).map((f) => relative(root, f).split('\\').join('/'));
      } catch {
        /* a layer a runtime does not have (e.g. no code/ for Go) */
      }
      return [layer, files];
    }),
  );
}
