// What the commands that run anywhere share (doctor, list, sweep: no app needed): the region and where
// it came from, the profile, the regions to look in, Ctrl-C as a cancel signal, every ending as an exit
// code with a sentence (run.ts failed), and the account's services this tool made (ownership/account.ts).
import { toolCommand } from '../app/paths.js';
import { createIam } from '../aws/iam.js';
import { createSts } from '../aws/sts.js';
import { gatherFacts } from '../cli/facts.js';
import type { DeployConfig } from '../core/deploy-config.js';
import { UsageError } from '../core/errors.js';
import { shellQuote } from '../core/tool-command.js';
import { validateRegion } from '../core/validate.js';
import { EXPIRES_TAG, OWNER_TAG } from '../core/workshop.js';
import { type AccountReads, findOurServices, type OurService } from '../platforms/ownership/account.js';
import { accountReaders } from '../platforms/ownership/elsewhere.js';
import { tagMap } from '../platforms/ownership/owner.js';
import { regionsToSearch } from '../platforms/ownership/regions.js';
import { type Io, processIo, timingFrom } from '../platforms/shared/settings.js';
import { createUi, type Ui } from '../platforms/shared/ui.js';
import { failed, type Flags, type OperateCommand } from './run.js';

export interface AccountRun {
  command: OperateCommand;
  flags: Flags;
  io: Io;
  ui: Ui;
  signal: AbortSignal;
  region: string;
  /** "--region", "AWS_REGION", "the AWS config, profile x", "the default". */
  regionFrom: string;
  profile?: string;
  /** The regions to look in: the region, or every commercial one with --all-regions. */
  regions: string[];
  tool(command: string): string;
}

/** The region as the SDK would pick it, and where it came from (the flag first). */
export function regionOf(flags: Flags, env: NodeJS.ProcessEnv): { region: string; from: string } {
  if (typeof flags.region === 'string') return { region: flags.region, from: 'from --region' };
  const facts = gatherFacts(typeof flags.profile === 'string' ? { ...env, AWS_PROFILE: flags.profile } : env);
  if (facts.awsRegion) return { region: facts.awsRegion, from: `from ${facts.awsRegionFrom ?? 'your AWS settings'}` };
  return { region: 'us-east-1', from: 'the default: no --region, AWS_REGION or profile region names one' };
}

export async function anywhere(
  command: OperateCommand,
  flags: Flags,
  body: (run: AccountRun) => Promise<number>,
): Promise<number> {
  const io = processIo();
  const ui = createUi(io, { yes: flags.yes === true });
  const controller = new AbortController();
  const onSigint = () => controller.abort();
  process.once('SIGINT', onSigint);
  let region = '';
  try {
    const picked = regionOf(flags, io.env);
    region = picked.region;
    const bad = validateRegion(region);
    if (bad)
      throw new UsageError(
        `${typeof flags.region === 'string' ? `--region ${region}` : `the region ${region} (${picked.from})`}: ${bad}`,
      );
    const profile = typeof flags.profile === 'string' ? flags.profile : undefined;
    const extra = [
      typeof flags.region === 'string' ? `--region ${region}` : '',
      profile ? `--profile ${shellQuote(profile)}` : '',
      flags['all-regions'] === true ? '--all-regions' : '',
    ].filter(Boolean);
    const base = toolCommand();
    return await body({
      command,
      flags,
      io,
      ui,
      signal: controller.signal,
      region,
      regionFrom: picked.from,
      profile,
      regions: flags['all-regions'] === true ? regionsToSearch(region) : [region],
      tool: (c) => [base, c, ...extra].join(' '),
    });
  } catch (error) {
    const statusCommand = `${toolCommand()} list`;
    return failed(error, {
      command,
      flags,
      ui,
      region,
      statusCommand,
      aborted: controller.signal.aborted,
      sigintExit: 130,
    });
  } finally {
    process.removeListener('SIGINT', onSigint);
  }
}

/** Every service this tool made in the run's regions (ownership/account.ts), and the account. */
export async function accountServices(run: AccountRun) {
  const o = { region: run.region, profile: run.profile, signal: run.signal };
  const [sts, iam] = await Promise.all([createSts(o), createIam(o)]);
  try {
    const { account } = await sts.callerIdentity();
    const readers = accountReaders({
      profile: run.profile,
      signal: run.signal,
      account,
      roleNames: () => iam.roleNames(),
    });
    try {
      const reads: AccountReads = {
        tagged: async (region, key, value) => (await readers.region(region)).tagged(key, value),
        roleNames: () => readers.roleNames(),
        async appRunner(region, arn) {
          const r = (await readers.region(region)).appRunner;
          const service = r ? await r.describeService(arn) : undefined;
          return service && r ? { service, tags: tagMap(await r.tagsOf(arn)) } : undefined;
        },
        ecs: async (region, arn) => (await readers.region(region)).ecs.describeExpress(arn),
        ecsServiceArn: (region, name) => readers.ecsServiceArn(region, name),
      };
      return { account, ...(await findOurServices(run.regions, reads)) };
    } finally {
      readers.close();
    }
  } finally {
    sts.close();
    iam.close();
  }
}

/**
 * The deploy config a service of this tool implies, for the platform's own status and removal code:
 * its name, region, platform and app id from the service and its tags, its image repository from what
 * it runs, the rest the defaults (the live size comes from the service itself).
 */
export function configOf(s: OurService): DeployConfig {
  const owner = s.tags[OWNER_TAG];
  const expiresAt = s.tags[EXPIRES_TAG];
  return {
    target: s.platform,
    service: { name: s.name, region: s.region },
    source: s.repository
      ? { kind: 'image', ecrRepository: s.repository, port: 8080 }
      : { kind: 'code', autoDeploy: false },
    instance: { cpu: 1, memory: 2 },
    healthCheck: { protocol: 'HTTP', path: '/', interval: 5, timeout: 2, healthyThreshold: 1, unhealthyThreshold: 5 },
    autoScaling: { minSize: 1, maxSize: 25, maxConcurrency: 100 },
    environment: {},
    ...(owner || expiresAt ? { workshop: { ...(owner ? { owner } : {}), ...(expiresAt ? { expiresAt } : {}) } } : {}),
    app: { id: s.appId as NonNullable<DeployConfig['app']>['id'] },
  };
}

export const timingOf = (run: AccountRun) => timingFrom(run.io.env);
