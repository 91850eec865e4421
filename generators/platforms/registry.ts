// The one registry of platforms deploy can put an app on: pure rows (no AWS SDK here), asked by the CLI,
// the generator, the core and the templates instead of branching on target ids. A platform's words live
// in <id>/words.ts and its prices in <id>/cost.ts; its deploy and operate code is loaded by id
// (platforms/load.ts). A third platform is one more folder and one more row here.
import type { DeployConfig } from '../core/deploy-config.js';
import { dollars } from '../core/sizes.js';
import { APPRUNNER_COST } from './apprunner/cost.js';
import { APPRUNNER_WORDS } from './apprunner/words.js';
import { ECS_COST } from './ecs-express/cost.js';
import { ECS_WORDS } from './ecs-express/words.js';

export type SourceKind = 'code' | 'image';

/** The words a platform is named by in prompts, help, the scaffold summary and the generated READMEs. */
export interface PlatformWords {
  /** The target prompt's choice. */
  choice: string;
  /** One line of --help after "<id> = ". */
  help: string;
  /** "App Runner service", as in "create the App Runner service". */
  service: string;
  /** What runs the app: an instance or a task. */
  unit: string;
  /** "ready for AWS App Runner", for the README's first sentence. */
  ready: string;
  healthCheck: string;
  /** Who sends SIGTERM: "when App Runner stops it". */
  stopper: string;
  logs: string;
  /** Why the image is built for linux/amd64. */
  amd64: string;
  /** The deploy config's row in the README's file table. */
  configRow: string;
  /** Why a folder name was changed to make the service name. */
  nameRule: string;
  /** What the first deploy does, for the README. */
  firstDeploy: (source: SourceKind) => string;
  /** The commands of "Operate it" (after the tool's name) and their comments. */
  operate: readonly (readonly [command: string, comment: string])[];
  deleteNote: string;
  costNote: string;
  /** The deploy config's opening comment: which API its fields map onto. */
  configHeader: string;
  /** The comment above each deploy config field (by dotted path), in this platform's terms. */
  configComments: Readonly<Record<string, string>>;
  /** Who reads the app's secrets ("Deploy gives ..."), and the same in the CloudFormation stack. */
  secretsRole: string;
  secretsStackRole: string;
  /** What the CDK app's stack holds, for the README. */
  cdkHolds: (o: { network: boolean; tracing: boolean }) => string;
  /** What scales the app, for the README's scaling note. */
  scalingNote: (s: { minSize: number; maxSize: number; maxConcurrency: number }) => string;
}

export interface LineItem {
  id: string;
  label: string;
  detail: string;
  monthly: number;
}

/** A monthly estimate, the same shape on every platform (`cost --json` prints it). */
export interface Estimate {
  platform: TargetId;
  region: 'us-east-1';
  /** When the prices were read from the pricing pages. */
  pricesDate: string;
  pricingUrls: string[];
  lines: LineItem[];
  total: number;
  /** The instances' month from no load to full load (usage fees such as builds on top); low = high where
   * the bill does not depend on the load. */
  range: { low: number; high: number };
  assumptions: Record<string, number>;
  notCounted: string[];
  advice: string[];
}

/** A `cost` flag that changes one assumption of a platform's estimate. */
export interface AssumptionFlag<A> {
  flag: string;
  key: keyof A & string;
  arg: string;
  help: string;
  /** What the number counts ("hours"), for the error message. */
  unit?: string;
  max?: number;
  min?: number;
}

export interface CostModel<A = Record<string, number>> {
  pricesDate: string;
  pricingUrls: readonly string[];
  defaults: A;
  flags: readonly AssumptionFlag<A>[];
  estimate: (config: DeployConfig, assumptions?: Partial<A>) => Estimate;
  /** One size for a month, as the size prompt shows it. */
  sizePrice: (cpu: string, memory: string) => string;
  /** The estimate in a phrase: "about $X a month ...". */
  phrase: (e: Estimate) => string;
  /** The estimate as a range, for a one-line comparison. */
  range: (e: Estimate) => string;
}

/** A deploy-config setting the platform cannot honour: deploy refuses it rather than drop it. */
export interface Refusal {
  setting: 'domain' | 'tracing' | 'vpcConnector' | 'tcpHealthCheck';
  why: string;
}

export interface Platform {
  id: string;
  label: string;
  short: string;
  /** Source kinds it takes; the first is its default (undefined: the runtime's own default). */
  sources: readonly SourceKind[];
  defaultSource?: SourceKind;
  /** Pause and resume exist (App Runner) or not (Express). */
  pauses: boolean;
  /** It builds a source-code app itself (App Runner's managed runtimes); otherwise deploy builds the image. */
  buildsSource: boolean;
  refuses: readonly Refusal[];
  docs: { guide: string; pricing: readonly string[] };
  /** A README partial (templates/partials/) with its own CI and CloudFormation text, else the shared one's. */
  readmeExtras?: string;
  /** Template layers (under templates/) of its infrastructure as code. */
  iacLayers: { cloudformation: string; cdk: string };
  words: PlatformWords;
  /** Its cost model, with its own assumptions (keyed by name) behind the common estimate. */
  cost: CostModel;
}

const row = <A>(p: Omit<Platform, 'cost'> & { cost: CostModel<A> }): Platform => p as unknown as Platform;

/** Deploy targets, in the order they are offered. */
export const PLATFORMS = [
  row({
    id: 'apprunner',
    label: 'AWS App Runner',
    short: 'App Runner',
    sources: ['code', 'image'],
    pauses: true,
    buildsSource: true,
    refuses: [],
    docs: {
      guide: 'https://docs.aws.amazon.com/apprunner/latest/dg/what-is-apprunner.html',
      pricing: APPRUNNER_COST.pricingUrls,
    },
    iacLayers: { cloudformation: 'iac/cloudformation', cdk: 'iac/cdk/apprunner' },
    words: APPRUNNER_WORDS,
    cost: APPRUNNER_COST,
  }),
  row({
    // A code app keeps apprunner.yaml (so it can move back); deploy still builds its Dockerfile.
    id: 'ecs-express',
    label: 'Amazon ECS Express Mode',
    short: 'ECS Express',
    sources: ['image', 'code'],
    defaultSource: 'image',
    pauses: false,
    buildsSource: false,
    refuses: [
      { setting: 'tracing', why: "App Runner's X-Ray sidecar does not exist on Express" },
      {
        setting: 'vpcConnector',
        why: 'an Express service runs inside the VPC itself: give subnets and security groups',
      },
      { setting: 'tcpHealthCheck', why: 'the Express load balancer checks an HTTP path' },
    ],
    docs: {
      guide: 'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/express-service-overview.html',
      pricing: ECS_COST.pricingUrls,
    },
    iacLayers: { cloudformation: 'iac/cloudformation-ecs', cdk: 'iac/cdk/ecs-express' },
    readmeExtras: 'extras-ecs.md.ejs',
    words: ECS_WORDS,
    cost: ECS_COST,
  }),
] as const;

export const TARGET_IDS = ['apprunner', 'ecs-express'] as const;
export type TargetId = (typeof TARGET_IDS)[number];
export const DEFAULT_TARGET: TargetId = 'apprunner';

export const isTargetId = (id: string): id is TargetId => (TARGET_IDS as readonly string[]).includes(id);

export function platformOf(id: TargetId): Platform {
  const found = PLATFORMS.find((p) => p.id === id);
  if (!found) throw new Error(`No platform "${id}" in the registry`);
  return found;
}

/** Every platform but this one (what a comparison line or "switch with" names). */
export const othersOf = (id: TargetId): Platform[] => PLATFORMS.filter((p) => p.id !== id);

/** The estimate on the app's platform: for `cost`, `status`, deploy's confirmation. */
export function monthlyEstimate(
  target: TargetId,
  config: DeployConfig,
  assumptions: Record<string, number> = {},
): Estimate {
  return platformOf(target).cost.estimate(config, assumptions);
}

/** "about $65.61 a month whatever the load (...)": one phrase for status lines and deploy's question. */
export function priceSentence(target: TargetId, config: DeployConfig): string {
  const p = platformOf(target);
  return p.cost.phrase(monthlyEstimate(target, config));
}

/** The size prompt's choice at this size on the app's platform. */
export function sizeChoiceName(target: TargetId, cpu: string, memory: string): string {
  return `${cpu} vCPU, ${memory} GB: ${platformOf(target).cost.sizePrice(cpu, memory)}`;
}

/** The one line that compares the other platforms; it always starts with "For comparison". */
export function comparisonLine(target: TargetId, config: DeployConfig, toolCommand = 'create-apprunner-app'): string {
  const parts = othersOf(target).map((p) => {
    const e = p.cost.estimate(config);
    return `${p.label} would cost ${p.cost.range(e)} (\`${toolCommand} deploy --target ${p.id}\`)`;
  });
  return `For comparison, at the same size ${parts.join('; ')}.`;
}

/** One line for the end of scaffolding. */
export function costLine(target: TargetId, config: DeployConfig, toolCommand = 'create-apprunner-app'): string {
  const p = platformOf(target);
  const e = monthlyEstimate(target, config);
  return (
    `Estimated cost on ${p.label}: ${p.cost.phrase(e)}; us-east-1 prices of ${e.pricesDate}. ` +
    `Details: ${toolCommand} cost`
  );
}

/** The README's "What it costs" paragraph for the app's platform, with one comparison line. */
export function readmeCost(target: TargetId, config: DeployConfig, toolCommand: string): string {
  const p = platformOf(target);
  const e = monthlyEstimate(target, config);
  const { cpu, memory } = config.instance;
  const parts = e.lines
    .filter((l) => l.monthly > 0)
    .map((l) => `${l.label}: ${dollars(l.monthly)}`)
    .join('; ');
  const bill =
    e.range.low === e.range.high
      ? `about **${dollars(e.total)} a month** whatever the load (${parts})`
      : `about **${dollars(e.range.low)} a month** when the service is idle all month and about **${dollars(e.range.high)} a month** ` +
        `when it is busy all month; at ${e.assumptions.busyHours} busy hours, about ${dollars(e.total)}`;
  return [
    `At this service's size (${cpu} vCPU, ${memory} GB) in us-east-1, ${p.short} bills ${bill}.`,
    `${p.words.costNote} \`${toolCommand} cost\` estimates the month with your own assumptions, with ways to pay less.`,
    `Prices (${e.pricesDate}): ${e.pricingUrls.map((u) => `<${u}>`).join(', ')}.`,
    '',
    comparisonLine(target, config, toolCommand),
  ].join('\n');
}
