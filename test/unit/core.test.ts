import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

import { CI_ACTIONS } from '../../generators/core/ci-actions.js';
import {
  deployConfigOf,
  renderDeployConfig,
  repositoryFor,
  repositoryOf,
} from '../../generators/core/deploy-config.js';
import { ESCAPERS } from '../../generators/core/escape.js';
import { pendingPrompts, VALUE_OPTIONS } from '../../generators/core/options.js';
import { layersOf, planFiles, targetName, templateContext } from '../../generators/core/plan.js';
import { RUNTIMES } from '../../generators/core/runtimes.js';
import { defaultMemory, MEMORY_BY_CPU } from '../../generators/core/sizes.js';
import { checkDirectory, resolveSpec } from '../../generators/core/spec.js';
import * as v from '../../generators/core/validate.js';
import { estimate, monthlyCost } from '../../generators/platforms/apprunner/cost.js';
import { comparisonLine, costLine, platformOf } from '../../generators/platforms/registry.js';

const CWD = '/home/dev/projects';
const spec = (given: Record<string, string>) => {
  const r = resolveSpec({ directory: 'my-api', ...given }, {}, CWD);
  if (!r.ok) throw new Error(r.errors.join('\n'));
  return r.spec;
};

describe('validators', () => {
  it('accepts App Runner service names and explains the rest', () => {
    for (const ok of ['my-api', 'A_b-1', 'abcd', 'x'.repeat(40), '1api']) expect(v.validateName(ok)).toBeUndefined();
    expect(v.validateName('abc')).toMatch(/is 3 characters long.*--name abc-app/);
    expect(v.validateName('x'.repeat(41))).toMatch(/41 characters/);
    expect(v.validateName('-api')).toMatch(/does not start with a letter or digit/);
    expect(v.validateName('my.api')).toMatch(/characters other than/);
    expect(v.validateName('my api')).toMatch(/--name my-api/);
  });

  it('refuses Node core module names for the npm package', () => {
    expect(v.validatePackageName('http', 'node')).toMatch(/core module.*--name http-app/);
    expect(v.validatePackageName('my-api', 'node')).toBeUndefined();
  });

  it('makes any folder name into a valid service name', () => {
    expect(v.suggestName('My App!')).toBe('My-App');
    expect(v.suggestName('ab')).toBe('ab-app');
    expect(v.suggestName('..')).toBe('apprunner-app');
    expect(v.suggestName('__x__')).toBe('x-app');
    for (const raw of ['ö', 'a'.repeat(90), '--', 'a.b.c', '9'])
      expect(v.validateName(v.suggestName(raw))).toBeUndefined();
  });

  it('checks ports, paths, sizes and regions', () => {
    expect(v.validatePort('8080')).toBeUndefined();
    for (const bad of ['0', '65536', '80a', '-1', '', '1.5']) expect(v.validatePort(bad)).toMatch(/1 to 65535/);
    expect(v.validateHealthPath('/healthz')).toBeUndefined();
    expect(v.validateHealthPath('health')).toMatch(/must start with "\/".*--health-path \/health/);
    expect(v.validateHealthPath('/a b')).toMatch(/may only hold/);
    expect(v.validateHealthPath('/{id}')).toMatch(/may only hold/);
    expect(v.validateHealthPath('/')).toMatch(/route of its own/);
    expect(v.validateHealthPath('/health/')).toMatch(/not end in/);
    expect(v.validateCpu('3')).toMatch(/0.25, 0.5, 1, 2, 4/);
    expect(v.validateMemory('8', '1')).toMatch(/--memory 2 or 3 or 4/);
    expect(v.validateMemory('0.5', '0.25')).toBeUndefined();
    expect(v.validateRegion('eu-west-3')).toBeUndefined();
    expect(v.validateRegion('us-gov-west-1')).toBeUndefined();
    expect(v.validateRegion('Europe')).toMatch(/not an AWS region/);
  });

  it('keeps image-only runtimes off --source code, saying why', () => {
    expect(v.validateSource('code', 'go')).toMatch(/end of support.*--source image/);
    expect(v.validateSource('code', 'rust')).toMatch(/never had/);
    expect(v.validateSource('image', 'node')).toBeUndefined();
    expect(v.validateSource('zip', 'node')).toMatch(/Unknown source kind/);
    expect(v.validateRuntime('php')).toMatch(/node, python, java, go, rust, ruby/);
  });
});

describe('sizes and cost', () => {
  it('defaults memory to 2 GB or the smallest the cpu offers', () => {
    expect(defaultMemory('1')).toBe('2');
    expect(defaultMemory('0.25')).toBe('0.5');
    expect(defaultMemory('4')).toBe('8');
    for (const [cpu, sizes] of Object.entries(MEMORY_BY_CPU)) expect(sizes).toContain(defaultMemory(cpu as '1'));
  });

  it('prices 1 vCPU / 2 GB as https://aws.amazon.com/apprunner/pricing/ does (about $10.2 idle, $57 busy)', () => {
    const cost = monthlyCost('1', '2');
    expect(cost.idle).toBeCloseTo(10.22, 2);
    expect(cost.busy).toBeCloseTo(56.94, 2);
  });
});

describe('resolver', () => {
  it('fills defaults in order: name from directory, memory from cpu, source from runtime', () => {
    const s = spec({ directory: 'Shop API', runtime: 'rust', cpu: '0.25' });
    expect(s).toMatchObject({
      name: 'Shop-API',
      slug: 'shop-api',
      source: 'image',
      memory: '0.5',
      port: 8080,
      healthPath: '/health',
      region: 'us-east-1',
    });
    expect(s.directory).toBe(`${CWD}/Shop API`);
    expect(Object.isFrozen(s)).toBe(true);
  });

  it('takes the region from the facts before us-east-1', () => {
    const r = resolveSpec({ directory: 'my-api' }, { awsRegion: 'eu-central-1' }, CWD);
    expect(r.ok && r.spec.region).toBe('eu-central-1');
  });

  it('collects every error at once', () => {
    const r = resolveSpec(
      { directory: '../up', runtime: 'go', source: 'code', port: '99999', cpu: '2', memory: '2' },
      {},
      CWD,
    );
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors).toHaveLength(4);
  });

  it('refuses ".", "..", parents and folders outside cwd', () => {
    for (const dir of ['..', '../x', 'a/../..', '/etc']) expect(checkDirectory(dir, CWD), dir).toBeDefined();
    // `.` is the current folder, allowed like create-vite's; whether it is empty is checked on disk.
    for (const dir of ['x', 'a/b', './x', `${CWD}/x`, '.', './']) expect(checkDirectory(dir, CWD), dir).toBeUndefined();
  });

  it('refuses a Rust app whose name starts with a digit, but not a Go one', () => {
    expect(resolveSpec({ directory: '9lives', runtime: 'rust' }, {}, CWD)).toMatchObject({
      ok: false,
      errors: [expect.stringMatching(/Cargo/)],
    });
    expect(resolveSpec({ directory: '9lives', runtime: 'go' }, {}, CWD).ok).toBe(true);
  });

  it('refuses a Node app named after a core module, but not a Go one', () => {
    expect(resolveSpec({ directory: 'crypto', runtime: 'node' }, {}, CWD).ok).toBe(false);
    expect(resolveSpec({ directory: 'crypto', runtime: 'go' }, {}, CWD).ok).toBe(true);
  });
});

describe('option table', () => {
  it('asks only for what is missing, in order', () => {
    expect(pendingPrompts({}).map((o) => o.key)).toEqual([
      'directory',
      'runtime',
      'framework',
      'target',
      'source',
      'cpu',
      'memory',
    ]);
    expect(pendingPrompts({ runtime: 'go', cpu: '1' }).map((o) => o.key)).toEqual([
      'directory',
      'framework',
      'target',
      'source',
      'memory',
    ]);
  });

  it('asks for the framework only where the runtime has more than one, one line each', () => {
    const framework = VALUE_OPTIONS.find((o) => o.key === 'framework')!;
    expect(framework.prompt!.when!({ runtime: 'go' })).toBe(false);
    expect(framework.prompt!.when!({ runtime: 'python' })).toBe(true);
    expect(framework.prompt!.choices!({ runtime: 'java' }).map((c) => c.value)).toEqual(['jdk', 'spring-boot']);
    expect(framework.prompt!.choices!({ runtime: 'node' }).every((c) => !c.name.includes('\n'))).toBe(true);
    expect(framework.default({ runtime: 'python' }, {})).toBe('flask');
  });

  it('skips the source question for image-only runtimes and memory when the cpu has one size', () => {
    const source = VALUE_OPTIONS.find((o) => o.key === 'source')!;
    expect(source.prompt!.when!({ runtime: 'go' })).toBe(false);
    expect(source.prompt!.when!({ runtime: 'node' })).toBe(true);
    const memory = VALUE_OPTIONS.find((o) => o.key === 'memory')!;
    expect(memory.prompt!.when!({ cpu: '0.5' })).toBe(false);
    expect(source.prompt!.when!({ runtime: 'node', target: 'ecs-express' })).toBe(false);
    expect(memory.prompt!.choices!({ cpu: '2' }).map((c) => c.value)).toEqual(['4', '6']);
  });
});

describe('file plan', () => {
  it('renames dotfiles, strips .ejs and lets later layers win', () => {
    expect(targetName('_gitignore')).toBe('.gitignore');
    expect(targetName('config/_env.ejs')).toBe('config/.env');
    expect(targetName('src/a_b.js')).toBe('src/a_b.js');
    const s = spec({ runtime: 'node', source: 'image' });
    expect(layersOf(s)).toEqual(['node/app', 'node/image', 'common/agents']);
    expect(layersOf(s, false)).toEqual(['node/app', 'node/image']);
    const plan = planFiles(s, {
      'node/app': ['README.md.ejs', 'x.txt'],
      'node/image': ['Dockerfile.ejs', 'x.txt'],
      'node/code': ['apprunner.yaml.ejs'],
    });
    expect(plan).toEqual([
      { from: 'node/image/Dockerfile.ejs', to: 'Dockerfile', render: true },
      { from: 'node/app/README.md.ejs', to: 'README.md', render: true },
      { from: 'node/image/x.txt', to: 'x.txt', render: false },
    ]);
  });

  it('gives templates every variable templates/README.md lists', () => {
    const ctx = templateContext(spec({ runtime: 'java', name: 'My_Api' }), '1.2.3');
    expect(ctx).toEqual({
      name: 'My_Api',
      slug: 'my-api',
      repository: expect.stringMatching(/^my-api-[0-9a-z]{8}$/),
      runtime: 'java',
      framework: 'jdk',
      runtimeLabel: 'Java 21',
      source: 'image',
      target: 'apprunner',
      targetSentence: expect.stringMatching(/^This app is set to deploy to AWS App Runner .*--target ecs-express/),
      port: 8080,
      healthPath: '/health',
      cpu: '1 vCPU',
      memory: '2 GB',
      region: 'us-east-1',
      deployConfigFile: 'apprunner.deploy.yaml',
      deployCommand: 'npx create-apprunner-app@1.2.3 deploy',
      toolCommand: 'npx create-apprunner-app@1.2.3',
      tool: { name: 'create-apprunner-app', version: '1.2.3', scripts: ['deploy', 'status', 'logs', 'cost'] },
      ciDeployCommand: 'npx create-apprunner-app@1.2.3 deploy',
      platform: expect.objectContaining({ id: 'apprunner', label: 'AWS App Runner', ...platformOf('apprunner').words }),
      fromSource: false,
      costSection: expect.stringMatching(
        /App Runner bills about \*\*\$10\.22 a month\*\* .* \*\*\$56\.94 a month\*\*[^]*\nFor comparison, at the same size Amazon ECS Express Mode would cost \$65\.61/,
      ),
      env: [],
      secrets: [],
      network: undefined,
      domain: undefined,
      scaling: { minSize: 1, maxSize: 25, maxConcurrency: 100 },
      tracing: false,
      iac: 'none',
      ci: 'none',
      commands: RUNTIMES.find((r) => r.id === 'java')!.commands,
      managedRuntime: undefined,
      packageManager: undefined,
      dockerBuild: 'docker build --platform linux/amd64 -t my-api .',
      ciSetup: RUNTIMES.find((r) => r.id === 'java')!.ciSetup,
      ciActions: CI_ACTIONS,
      q: ESCAPERS,
    });
  });
});

describe('deploy config', () => {
  it('names the repository so that names ECR folds together stay apart', () => {
    const id = 'app-k3j5m2q7x9z1' as never;
    expect(repositoryFor('my-api', id)).toBe('my-api');
    expect(repositoryFor('My_Api', id)).toBe('my-api-k3j5m2q7');
    expect(repositoryFor('MY-API', id)).toBe('my-api-k3j5m2q7');
    // Before ids the slug was all there was: an old config keeps its repository.
    expect(repositoryFor('My_Api')).toBe('my-api');
    const code = { service: { name: 'My_Api' }, source: { kind: 'code' }, app: { id } } as never;
    expect(repositoryOf(code)).toBe('my-api-k3j5m2q7');
  });

  it('round-trips through YAML with CreateService-ready values', () => {
    const s = spec({ runtime: 'go', port: '9090', healthPath: '/healthz', cpu: '0.5' });
    const text = renderDeployConfig(deployConfigOf(s));
    expect(text).toMatch(/^# apprunner\.deploy\.yaml/);
    expect(text).toContain('API_CreateService.html');
    expect(parse(text)).toEqual(deployConfigOf(s));
    expect(parse(text)).toMatchObject({
      source: { kind: 'image', ecrRepository: 'my-api', port: 9090 },
      instance: { cpu: 0.5, memory: 1 },
    });
  });

  it('points a code app at apprunner.yaml for its variables, every time it renders', () => {
    const config = deployConfigOf(spec({ runtime: 'python' }));
    const once = renderDeployConfig(config);
    expect(renderDeployConfig(config)).toBe(once);
    expect(once).toContain('run.env in apprunner.yaml');
  });
});

describe('runtime table', () => {
  it('has a template folder contract for every runtime: code only where App Runner has a managed runtime', () => {
    for (const r of RUNTIMES) expect(r.sources.includes('code')).toBe(r.managedRuntime !== undefined);
  });
});

describe('cost estimate', () => {
  const config = (given: Record<string, string>) => deployConfigOf(spec(given));

  it('adds the idle floor, busy compute, auto deploy and builds, at us-east-1 prices', () => {
    const e = estimate(config({ runtime: 'python' }), { busyHours: 100, builds: 10, buildMinutes: 2 });
    expect(e.lines.map((l) => [l.label, Number(l.monthly.toFixed(2))])).toEqual([
      ['Provisioned memory (the idle floor)', 10.22],
      ['Active compute', 6.4],
      ['Automatic deployments', 0],
      ['Source builds', 0.1],
    ]);
    expect(e.total).toBeCloseTo(16.72, 2);
  });

  it('bills every always-on instance and no builds for an image app', () => {
    const e = estimate(config({ runtime: 'go', minInstances: '3', cpu: '2', memory: '4' }), {
      busyHours: 730,
      builds: 50,
      buildMinutes: 5,
    });
    expect(e.lines.map((l) => l.label)).not.toContain('Source builds');
    expect(e.total).toBeCloseTo(3 * (4 * 0.007 + 2 * 0.064) * 730, 2);
    expect(e.advice.join('\n')).toMatch(/minSize 3 keeps 3 instances/);
  });

  it('suggests the smallest memory for the cpu, a small dev size, and pausing', () => {
    const advice = estimate(config({ runtime: 'node', cpu: '1', memory: '4' })).advice.join('\n');
    expect(advice).toMatch(/2 GB is the smallest memory .* saves \$10\.22/);
    expect(advice).toMatch(/0\.25 vCPU \/ 0\.5 GB/);
    expect(advice).toMatch(/Pausing a dev service/);
    expect(estimate(config({ runtime: 'node', cpu: '0.25', memory: '0.5' })).advice.join('\n')).not.toMatch(
      /0\.25 vCPU \/ 0\.5 GB costs/,
    );
  });

  it('labels the one-liner as a us-east-1 estimate with the price date', () => {
    expect(costLine('apprunner', config({ runtime: 'node' }))).toMatch(
      /^Estimated cost on AWS App Runner: about \$21\.81 a month .*us-east-1 prices of 2026-11/,
    );
    expect(costLine('ecs-express', config({ runtime: 'node', target: 'ecs-express' }))).toMatch(
      /^Estimated cost on Amazon ECS Express Mode: about \$65\.61 a month whatever the load .*us-east-1 prices of 2026-12-02/,
    );
  });
});

describe('the ECS Express estimate', () => {
  it('prices Fargate tasks, the load balancer and its IPv4 addresses, and sets App Runner beside it', async () => {
    const { ecsMonthly, estimate: ecsEstimate } = await import('../../generators/platforms/ecs-express/cost.js');
    const config = deployConfigOf(spec({}));
    const e = ecsMonthly(config);
    // 1 vCPU / 2 GB, one task, 730 h; an ALB of its own with 1 LCU; two public IPv4 addresses.
    expect(e.compute.toFixed(2)).toBe('36.04');
    expect(e.loadBalancer.toFixed(2)).toBe('22.27');
    expect(e.ipv4.toFixed(2)).toBe('7.30');
    expect(ecsMonthly(config, { sharing: 5, lcu: 1, azs: 2 }).total).toBeLessThan(e.total);
    const full = ecsEstimate(config);
    expect(full.pricingUrls).toContain('https://aws.amazon.com/fargate/pricing/');
    expect(full.range).toEqual({ low: full.total, high: full.total });
    expect(full.advice.join('\n')).not.toMatch(/[Pp]aus(e|ing) a/);
    expect(monthlyCost('1', '2').idle.toFixed(2)).toBe('10.22');
    expect(comparisonLine('ecs-express', deployConfigOf(spec({ runtime: 'go' })))).toBe(
      'For comparison, at the same size AWS App Runner would cost $10.22 idle to $56.94 busy a month ' +
        '(`create-apprunner-app deploy --target apprunner`).',
    );
  });
});

describe('--target ecs-express at scaffold time', () => {
  it('writes the ECS Express template instead of the App Runner one', () => {
    const r = resolveSpec({ directory: 'my-api', target: 'ecs-express', iac: 'cloudformation', ci: 'github' }, {}, CWD);
    expect(r.ok && layersOf(r.spec)).toEqual([
      'node/app',
      'node/image',
      'iac/cloudformation-ecs',
      'ci/github',
      'common/agents',
    ]);
  });
});

describe('withTarget', () => {
  it('records the target in a config written before there were targets, keeping its comments, and changes it later', async () => {
    const { withTarget } = await import('../../generators/core/deploy-config-file.js');
    const config = deployConfigOf(spec({}));
    delete config.target;
    const old = renderDeployConfig(config);
    expect(parse(old).target).toBeUndefined();
    const recorded = withTarget(old, 'ecs-express');
    expect(parse(recorded)).toEqual({ ...parse(old), target: 'ecs-express' });
    expect(
      recorded.split('\n').filter((l) => l.startsWith('#') && !/Where deploy puts the app|Switch with/.test(l)),
    ).toEqual(old.split('\n').filter((l) => l.startsWith('#')));
    expect(recorded).toMatch(/^# apprunner\.deploy\.yaml: how/);
    expect(recorded).toMatch(
      /\n# Where deploy puts the app: apprunner \(AWS App Runner\) or ecs-express[^\n]*\n#[^\n]*\ntarget: ecs-express\n/,
    );
    const back = withTarget(recorded, 'apprunner');
    expect(parse(back).target).toBe('apprunner');
    expect(back.replace('target: apprunner', 'target: ecs-express')).toBe(recorded);
  });
});
