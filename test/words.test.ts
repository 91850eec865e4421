// Every word and number an app shows is its own platform's. Renders every runtime × platform (× source
// kind where the runtime has both) through the real generator, and fails on another platform's name or
// price where it does not belong. What belongs, exactly:
//   1. the one line per text that starts with "For comparison, " (the comparison the registry writes);
//   2. in an app that keeps apprunner.yaml while its platform does not build source (a code app on ECS
//      Express, kept so it can move back), a line that names `apprunner.yaml`, App Runner's own file.
// Nothing else: no heading, no operate command, no cost figure of the other platform. Also checks the
// size prompt's prices, the scaffold's summary and next steps, and `cost` / `cost --json` from the packed CLI.
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { commandHelp } from '../generators/cli/help.js';
import { type DeployConfig, deployConfigOf, renderDeployConfig } from '../generators/core/deploy-config.js';
import { nextSteps } from '../generators/core/next-steps.js';
import { SIZE_QUESTION, type Values } from '../generators/core/options.js';
import { RUNTIMES } from '../generators/core/runtimes.js';
import { CPU_CHOICES, dollars, MEMORY_BY_CPU } from '../generators/core/sizes.js';
import { resolveSpec, type Spec } from '../generators/core/spec.js';
import { summary } from '../generators/core/summary.js';
import {
  monthlyEstimate,
  othersOf,
  type Platform,
  platformOf,
  PLATFORMS,
  priceSentence,
  type TargetId,
} from '../generators/platforms/registry.js';
import { runCli, runInTerminal, tempDir } from './helpers/cli.js';
import { generate } from './helpers/generate.js';

/** Names that say a platform, beyond its labels: its API and console words. */
const TERMS: Record<TargetId, RegExp[]> = {
  apprunner: [/App Runner/, /apprunner\.amazonaws\.com/, /aws apprunner /, /pause-service/],
  'ecs-express': [/ECS Express/, /Express Mode/, /Fargate/, /ExpressGateway/, /ecs-tasks\.amazonaws\.com/],
};

const namesOf = (p: Platform) => [new RegExp(p.label), new RegExp(p.short), ...TERMS[p.id as TargetId]];

/** Every dollar figure the other platform's estimate has at this size that the app's own does not. */
function pricesOf(other: Platform, own: TargetId, config: DeployConfig): string[] {
  const figures = (id: TargetId) => {
    const e = monthlyEstimate(id, { ...config, target: id });
    return [e.total, e.range.low, e.range.high, ...e.lines.map((l) => l.monthly)].filter((n) => n > 0).map(dollars);
  };
  const mine = new Set(figures(own));
  return [...new Set(figures(other.id as TargetId))].filter((f) => !mine.has(f));
}

const isComparison = (line: string) => line.startsWith('For comparison, ');

/** The lines of `text` that name another platform or quote its price and do not belong (see the header). */
function strays(text: string, spec: Spec): string[] {
  const own = platformOf(spec.target);
  const keepsAppRunnerFile = spec.source === 'code' && !own.buildsSource;
  const config = deployConfigOf(spec);
  const bad = othersOf(spec.target).flatMap((other) => [
    ...namesOf(other),
    ...pricesOf(other, spec.target, config).map((p) => new RegExp(p.replace(/[$.]/g, '\\$&'))),
  ]);
  return text
    .split('\n')
    .filter((line) => !isComparison(line))
    .filter((line) => !(keepsAppRunnerFile && line.includes('`apprunner.yaml`')))
    .filter((line) => bad.some((re) => re.test(line)));
}

const CASES = PLATFORMS.flatMap((p) =>
  RUNTIMES.flatMap((r) =>
    r.sources
      .filter((s) => p.sources.includes(s))
      .map((source) => ({ runtime: r.id, target: p.id as TargetId, source })),
  ),
);

const specOf = (given: Partial<Values>): Spec => {
  const r = resolveSpec({ directory: 'app', ...given }, {}, tempDir('caa-words-'));
  if (!r.ok) throw new Error(r.errors.join('\n'));
  return r.spec;
};

/** Two sets of extras so every README section is rendered: CloudFormation + CI + a secret, and CDK + scaling. */
const EXTRAS: Partial<Values>[] = [
  {
    iac: 'cloudformation',
    ci: 'github',
    secrets: 'DB_PASSWORD=arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbCdEf',
  },
  { iac: 'cdk', minInstances: '2', cpu: '2', memory: '4' },
];

describe.each(CASES)('an app for $target ($runtime, $source)', ({ runtime, target, source }) => {
  it.each(EXTRAS)('names only its platform and quotes only its prices (%o)', async (extras) => {
    const given: Partial<Values> = { runtime, target, source, ...extras };
    const spec = specOf(given);
    const app = await generate(given);
    const own = platformOf(target);
    const readmes = app.files.filter((f) => f.endsWith('README.md'));
    expect(readmes).toContain('README.md');
    for (const file of readmes) {
      const text = app.read(file);
      expect(strays(text, spec), file).toEqual([]);
      expect(text.split('\n').filter(isComparison).length, `${file}: at most one comparison line`).toBeLessThanOrEqual(
        1,
      );
    }
    const readme = app.read('README.md');
    expect(readme).toContain(`## Deploy to ${own.label}`);
    expect(readme).toContain(dollars(monthlyEstimate(target, deployConfigOf(spec)).total));
    expect(readme.split('\n').filter(isComparison)).toHaveLength(1);
    // Express has no pause: its README offers no pause command.
    if (!own.pauses) expect(readme).not.toMatch(/create-apprunner-app\S* pause/);
    const said = [summary(spec, given, {}), nextSteps(spec, { packageManager: 'npm', toolVersion: '1.0.0' })].join(
      '\n',
    );
    expect(strays(said, spec)).toEqual([]);
    expect(said).toContain(`Estimated cost on ${own.label}`);
  });
});

describe("the deploy config's comments", () => {
  it.each(CASES)(
    "on $target ($runtime, $source) explain each field in its own platform's API",
    ({ runtime, target, source }) => {
      const spec = specOf({ runtime, target, source, domain: 'api.example.com' });
      const comments = renderDeployConfig(deployConfigOf(spec))
        .split('\n')
        .filter((l) => l.trimStart().startsWith('#'));
      // The target comment lists every platform by design: it is the choice.
      const own = comments.filter((l) => !l.includes('Where deploy puts the app'));
      expect(strays(own.join('\n'), spec)).toEqual([]);
      expect(own.join('\n')).toMatch(target === 'ecs-express' ? /CreateExpressGatewayService/ : /CreateService input/);
    },
  );
});

describe('the size prompt', () => {
  it.each(PLATFORMS.map((p) => p.id as TargetId))(
    'prices every size on %s and never on the other platform',
    (target) => {
      const choices = SIZE_QUESTION.choices({ target });
      expect(choices).toHaveLength(CPU_CHOICES.reduce((n, c) => n + MEMORY_BY_CPU[c].length, 0));
      for (const choice of choices) {
        const [cpu, memory] = choice.value.split('|') as [string, string];
        expect(choice.name).toBe(`${cpu} vCPU, ${memory} GB: ${platformOf(target).cost.sizePrice(cpu, memory)}`);
        const config = deployConfigOf(specOf({ runtime: 'go', target, cpu, memory }));
        expect(strays(choice.name, specOf({ runtime: 'go', target, cpu, memory })), choice.name).toEqual([]);
        expect(choice.name).toContain(dollars(monthlyEstimate(target, config).range.low));
      }
    },
  );

  it("shows the figure a new user sees for the default size on ECS Express: $65.61, not App Runner's", () => {
    const choice = SIZE_QUESTION.choices({ target: 'ecs-express' }).find((c) => c.value === '1|2')!;
    expect(choice.name).toBe('1 vCPU, 2 GB: about $65.61 a month whatever the load (load balancer included)');
    expect(SIZE_QUESTION.choices({ target: 'apprunner' }).find((c) => c.value === '1|2')!.name).toBe(
      '1 vCPU, 2 GB: about $10.22 a month idle, $56.94 busy',
    );
  });
});

describe('the size prompt in a terminal', () => {
  it('prices the sizes on ECS Express once the user picks it, as a new user sees them', async () => {
    const cwd = tempDir('caa-words-tty-');
    const r = await runInTerminal(
      ['--no-install', '--no-git', '--runtime', 'go', '--iac', 'none', '--ci', 'none', '--secret', '', '--env', ''],
      cwd,
      [
        { expect: 'Where should the app go', send: 'tty-api\r' },
        { expect: 'Where will it run on AWS', send: '\u001b[B\r' }, // the second platform: ECS Express
        { expect: 'Use the recommended setup', send: 'n\r' },
        { expect: 'Instance size[\\s\\S]*1 vCPU, 2 GB: about \\$65\\.61 a month whatever the load', send: '\r' },
      ],
    );
    expect(r.code, r.out).toBe(0);
    // The platform question lists both; from the size question on, only the chosen one speaks.
    const after = r.out.slice(r.out.indexOf('Instance size'));
    expect(after).not.toMatch(/\$10\.22|\$56\.94|App Runner/);
    expect(after).toContain('Estimated cost on Amazon ECS Express Mode: about $65.61 a month');
  });
});

describe("the phrases status and deploy's confirmation use", () => {
  it('price the app on its own platform, with its own assumptions', () => {
    const ecs = deployConfigOf(specOf({ runtime: 'go', target: 'ecs-express' }));
    const runner = deployConfigOf(specOf({ runtime: 'go', target: 'apprunner' }));
    expect(priceSentence('ecs-express', ecs)).toBe(
      'about $65.61 a month whatever the load ($29.57 of it the load balancer)',
    );
    expect(priceSentence('apprunner', runner)).toBe(
      'about $21.48 a month at 176 busy hours ($10.22 of it the idle floor)',
    );
    expect(monthlyEstimate('ecs-express', ecs, { sharing: 25 }).total).toBeCloseTo(
      36.04 + (16.425 + 5.84 + 7.3) / 25,
      2,
    );
  });
});

describe('deploy and cost --help', () => {
  it.each(['deploy', 'cost'])('%s --help names every platform, not App Runner alone', (command) => {
    const text = commandHelp(command, '1.0.0').replace(/\s+/g, ' '); // prose wraps at 100 columns
    for (const p of PLATFORMS) expect(text).toContain(`${p.label} (target: ${p.id})`);
  });
});

describe('cost from the packed CLI', () => {
  const scaffold = async (target: TargetId) => {
    const cwd = tempDir('caa-words-cost-');
    const made = await runCli(['shop-api', '--runtime', 'go', '--target', target, '-y', '--no-install', '--no-git'], {
      cwd,
    });
    expect(made.code, made.out).toBe(0);
    return { dir: join(cwd, 'shop-api'), out: made.out };
  };

  it('on ECS Express leads with the Express table and tips, App Runner as one line, and no pause tip', async () => {
    const { dir, out } = await scaffold('ecs-express');
    expect(out).toContain('Estimated cost on Amazon ECS Express Mode: about $65.61 a month whatever the load');
    expect(out).not.toMatch(/App Runner/);
    const r = await runCli(['cost'], { cwd: dir });
    expect(r.code, r.out).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe(
      'Monthly estimate for "shop-api" on Amazon ECS Express Mode (target: ecs-express; 1 vCPU / 2 GB, at least 1 task).',
    );
    expect(r.stdout).toMatch(/^ {2}Fargate tasks, always on\s+1 × 1 vCPU \/ 2 GB × 730 h\s+\$36\.04$/m);
    expect(r.stdout).toMatch(/^ {2}Total\s+\$65\.61$/m);
    expect(r.stdout).not.toMatch(/[Pp]ausing/);
    expect(lines.filter((l) => /App Runner/.test(l))).toEqual([
      expect.stringMatching(
        /^For comparison, at the same size AWS App Runner would cost \$10\.22 idle to \$56\.94 busy/,
      ),
    ]);
    const shared = await runCli(['cost', '--shared-by', '5'], { cwd: dir });
    expect(shared.stdout).toMatch(/^ {2}Load balancer\s+730 h \+ 1 LCU \/ 5 services sharing it\s+\$4\.45$/m);
    const wrong = await runCli(['cost', '--busy-hours', '100'], { cwd: dir });
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain(
      '--busy-hours is an assumption of AWS App Runner; this app deploys to Amazon ECS Express Mode, whose estimate takes --shared-by, --lcu, --azs.',
    );
  });

  it.each(PLATFORMS.map((p) => p.id as TargetId))(
    'cost --json on %s: line items, totals, assumptions and the price date',
    async (target) => {
      const { dir } = await scaffold(target);
      const r = await runCli(['cost', '--json'], { cwd: dir });
      expect(r.code, r.out).toBe(0);
      const json = JSON.parse(r.stdout);
      const config = deployConfigOf(specOf({ runtime: 'go', target, name: 'shop-api' }));
      const e = monthlyEstimate(target, config);
      expect(json).toMatchObject({
        service: 'shop-api',
        platform: target,
        platformLabel: platformOf(target).label,
        currency: 'USD',
        region: 'us-east-1',
        pricesDate: platformOf(target).cost.pricesDate,
        size: { cpu: 1, memory: 2, minSize: 1 },
        assumptions: e.assumptions,
        notCounted: e.notCounted,
      });
      expect(json.pricesDate).toMatch(/^\d{4}-\d{2}(-\d{2})?$/);
      expect(json.lines.map((l: { id: string }) => l.id)).toEqual(e.lines.map((l) => l.id));
      const sum = json.lines.reduce((n: number, l: { monthly: number }) => n + l.monthly, 0);
      expect(Math.abs(sum - json.total)).toBeLessThan(0.02);
      expect(json.total).toBe(target === 'ecs-express' ? 65.61 : 21.48);
      expect(json.comparison.map((c: { platform: string }) => c.platform)).toEqual(othersOf(target).map((p) => p.id));
    },
  );
});
