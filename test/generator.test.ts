// The generator under yeoman-test: for every runtime, framework and source kind, the file set and what
// the files mean (parsed and checked field by field), not a snapshot of their bytes.
import { DockerfileParser } from 'dockerfile-ast';
import { validate } from 'dockerfile-utils';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

import { VARIANTS } from '../generators/core/runtimes.js';
import { generate } from './helpers/generate.js';

const combos = VARIANTS.flatMap((r) => r.sources.map((source) => ({ runtime: r, source })));

describe.each(combos)('$runtime.id $runtime.framework app from $source', ({ runtime, source }) => {
  const given = {
    runtime: runtime.id,
    framework: runtime.framework,
    source,
    name: 'shop-api',
    port: '9090',
    healthPath: '/healthz',
    cpu: '0.5',
    memory: '1',
    region: 'eu-west-1',
  };

  it('writes the app, its docs, its deploy config and its stored choices, and nothing half-rendered', async () => {
    const app = await generate(given);
    for (const f of ['README.md', '.gitignore', 'apprunner.deploy.yaml', '.yo-rc.json']) expect(app.files).toContain(f);
    expect(app.files.includes('apprunner.yaml')).toBe(source === 'code');
    // Every app carries its Dockerfile: it can go to ECS Express (images only) whatever its source kind.
    expect(app.files).toContain('Dockerfile');
    expect(app.files).toContain('.dockerignore');
    for (const f of app.files) {
      expect(f, 'template suffix or _dotfile left behind').not.toMatch(/\.ejs$|(^|\/)_[a-z]/);
      expect(app.read(f), `${f} has unrendered EJS`).not.toMatch(/<%|%>/);
    }
    expect(JSON.parse(app.read('.yo-rc.json'))).toEqual({
      'create-apprunner-app': {
        runtime: runtime.id,
        framework: runtime.framework,
        target: 'apprunner',
        source,
        name: 'shop-api',
        port: '9090',
        healthPath: '/healthz',
        cpu: '0.5',
        memory: '1',
        region: 'eu-west-1',
        secrets: '',
        env: '',
        vpcConnector: '',
        vpcSubnets: '',
        vpcSecurityGroups: '',
        domain: '',
        minInstances: '1',
        maxInstances: '25',
        maxConcurrency: '100',
        tracing: 'false',
        iac: 'none',
        ci: 'none',
        agentsMd: true,
      },
    });
    expect(app.files).toContain('AGENTS.md');
    expect(app.read('CLAUDE.md')).toBe('@AGENTS.md\n');
  });

  it('carries the port and health path into the app, and the deploy config into CreateService terms', async () => {
    const app = await generate(given);
    const sources = app.files
      .filter((f) => !/README|deploy|\.yo-rc|ignore/.test(f))
      .map((f) => app.read(f))
      .join('\n');
    expect(sources).toContain('9090');
    expect(sources).toContain('/healthz');
    expect(sources).not.toMatch(/\b8080\b/);
    const config = parse(app.read('apprunner.deploy.yaml'));
    expect(config.service).toEqual({ name: 'shop-api', region: 'eu-west-1' });
    expect(config.source.kind).toBe(source);
    if (source === 'image') expect(config.source).toMatchObject({ ecrRepository: 'shop-api', port: 9090 });
    expect(config.instance).toEqual({ cpu: 0.5, memory: 1 });
    expect(config.healthCheck).toEqual({
      protocol: 'HTTP',
      path: '/healthz',
      interval: 5,
      timeout: 2,
      healthyThreshold: 1,
      unhealthyThreshold: 5,
    });
    for (const n of [
      config.healthCheck.interval,
      config.healthCheck.timeout,
      config.healthCheck.healthyThreshold,
      config.healthCheck.unhealthyThreshold,
    ]) {
      expect(n).toBeGreaterThanOrEqual(1);
      expect(n).toBeLessThanOrEqual(20);
    }
    expect(config.autoScaling).toEqual({ minSize: 1, maxSize: 25, maxConcurrency: 100 });
  });

  it('documents running, testing, deploying and the cost in its README', async () => {
    const app = await generate(given);
    const readme = app.read('README.md');
    expect(readme).toContain('shop-api');
    expect(readme).toContain(runtime.commands.test);
    // A Node.js app runs the tool it pins in package.json; the others name the pinned registry release.
    expect(readme).toMatch(
      runtime.packageManaged ? /\bnpx create-apprunner-app deploy/ : /npx create-apprunner-app@\d+\.\d+\.\d+ deploy/,
    );
    // 0.5 vCPU / 1 GB: $5.11 idle, $28.47 busy.
    expect(readme).toContain('$5.11');
    expect(readme).toContain('$28.47');
    if (source === 'image') expect(readme).toMatch(/docker (build|run)/);
  });

  if (source === 'code') {
    it('writes an apprunner.yaml App Runner accepts for a new service', async () => {
      const app = await generate(given);
      const text = app.read('apprunner.yaml');
      const yaml = parse(text);
      expect(yaml.version).toBe(1.0);
      expect(yaml.runtime).toBe(runtime.managedRuntime);
      expect(yaml.build.commands.build.length).toBeGreaterThan(0);
      expect(typeof yaml.run.command).toBe('string');
      expect(yaml.run.network.port).toBe(9090);
      const envNames = (yaml.run.env ?? []).map((e: { name: string }) => e.name);
      expect(envNames).not.toContain('PORT');
      for (const e of yaml.run.env ?? []) expect(Object.keys(e).sort()).toEqual(['name', 'value']);
      // The optional keys are explained in comments with a link to the reference.
      for (const key of ['secrets', 'runtime-version', 'pre-run']) expect(text).toMatch(new RegExp(`#.*${key}`));
      expect(text).toContain('https://docs.aws.amazon.com/apprunner/latest/dg/config-file-ref.html');
    });
  }

  if (source === 'image') {
    it('writes a multi-stage, pinned, non-root Dockerfile that lints clean', async () => {
      const app = await generate(given);
      const text = app.read('Dockerfile');
      expect(validate(text), 'dockerfile-utils lint').toEqual([]);
      const dockerfile = DockerfileParser.parse(text);
      const froms = dockerfile.getFROMs();
      expect(froms.length).toBeGreaterThanOrEqual(2);
      const stages = new Set(froms.map((f) => f.getBuildStage()).filter(Boolean));
      for (const from of froms) {
        const image = from.getImage()!;
        if (stages.has(image) || image === 'scratch') continue;
        expect(from.getImageTag() ?? from.getImageDigest(), `${image} is pinned`).toBeTruthy();
        expect(from.getImageTag()).not.toBe('latest');
      }
      const finalStage = dockerfile.getInstructions().slice(dockerfile.getInstructions().indexOf(froms.at(-1)!));
      const user = finalStage.filter((i) => i.getKeyword() === 'USER').at(-1);
      expect(user, 'a USER in the final stage').toBeDefined();
      expect(user!.getArgumentsContent()).not.toMatch(/^(root|0)(:|$)/);
      const expose = finalStage.find((i) => i.getKeyword() === 'EXPOSE');
      expect(expose?.getArgumentsContent()).toBe('9090');
      expect(
        finalStage.some((i) => i.getKeyword() === 'ENV' && /PORT[= ]9090/.test(i.getArgumentsContent() ?? '')),
      ).toBe(true);
      const start = finalStage.filter((i) => i.getKeyword() === 'CMD' || i.getKeyword() === 'ENTRYPOINT').at(-1);
      expect(start?.getArgumentsContent()?.trim(), 'exec-form start').toMatch(/^\[.*\]$/s);
      const ignore = app.read('.dockerignore');
      for (const kept of ['.git', '.env']) expect(ignore).toContain(kept);
    });
  }
});

describe('frameworks', () => {
  it("records the default framework when none is given, and writes that framework's files", async () => {
    const app = await generate({ runtime: 'node', source: 'code' });
    expect(JSON.parse(app.read('.yo-rc.json'))['create-apprunner-app'].framework).toBe('express');
    expect(app.files).toContain('server.js');
    expect(app.files).not.toContain('tsconfig.json');
  });

  it('builds the TypeScript app in the App Runner build and in a Dockerfile stage, and runs the compiled server', async () => {
    const app = await generate({ runtime: 'node', framework: 'express-ts', source: 'code' });
    expect(app.files).toEqual(expect.arrayContaining(['tsconfig.json', 'src/server.ts', 'test/app.test.ts']));
    expect(app.files).not.toContain('server.js');
    const pkg = JSON.parse(app.read('package.json'));
    expect(pkg.scripts).toMatchObject({ build: 'tsc -p tsconfig.json', start: 'node dist/src/server.js' });
    expect(pkg.scripts.dev).toMatch(/watch/);
    expect(JSON.parse(app.read('tsconfig.json').replace(/^\s*\/\/.*$/gm, '')).compilerOptions.strict).toBe(true);
    const yaml = parse(app.read('apprunner.yaml'));
    expect(yaml.build.commands.build).toEqual([
      'npm install',
      'npm run build',
      'rm -rf node_modules',
      'npm install --omit=dev --no-audit --no-fund',
    ]);
    expect(yaml.run.command).toBe('node dist/src/server.js');
    const stages = DockerfileParser.parse(app.read('Dockerfile')).getFROMs();
    expect(stages.map((f) => f.getBuildStage())).toEqual(['build', null]);
    expect(app.read('Dockerfile')).toMatch(/RUN npm run build\n/);
    expect(app.read('Dockerfile')).toContain('CMD ["node", "dist/src/server.js"]');
    expect(app.read('.gitignore')).toMatch(/^dist\/$/m);
    expect(app.read('README.md')).toContain('npm run dev');
  });

  it('serves FastAPI with uvicorn from server.py, in the App Runner build and the image alike', async () => {
    const app = await generate({ runtime: 'python', framework: 'fastapi', source: 'code' });
    expect(app.files).toEqual(expect.arrayContaining(['app.py', 'server.py', 'tests/test_app.py']));
    expect(app.files).not.toContain('gunicorn.conf.py');
    expect(app.read('requirements.txt')).toMatch(/^fastapi==\d/m);
    expect(app.read('requirements.txt')).toMatch(/^uvicorn==\d/m);
    expect(parse(app.read('apprunner.yaml')).run.command).toBe('python3 -m server');
    expect(app.read('Dockerfile')).toContain('CMD ["python", "-m", "server"]');
  });

  it('maps actuator health to the health path and drains Spring Boot gracefully', async () => {
    const app = await generate({ runtime: 'java', framework: 'spring-boot', healthPath: '/ops/healthz' });
    const props = app.read('src/main/resources/application.properties');
    expect(props).toMatch(/^management\.endpoints\.web\.path-mapping\.health=ops\/healthz$/m);
    expect(props).toMatch(/^server\.shutdown=graceful$/m);
    expect(props).toMatch(/^logging\.structured\.format\.console=logstash$/m);
    expect(app.read('pom.xml')).toMatch(/<artifactId>spring-boot-starter-parent<\/artifactId>\s*<version>4\.0\.7</);
    expect(app.read('Dockerfile')).toContain('-Djarmode=tools -jar target/app.jar extract --layers --launcher');
  });

  it('refuses a framework of another runtime naming that runtime, and guesses a typo', async () => {
    await expect(generate({ runtime: 'java', framework: 'fastapi' })).rejects.toThrow(
      /python framework.*--runtime python/,
    );
    await expect(generate({ runtime: 'python', framework: 'fastpi' })).rejects.toThrow(/Did you mean fastapi\?/);
  });
});

describe('same inputs, same tree', () => {
  it('writes byte-identical apps twice', async () => {
    const a = await generate({ runtime: 'python', name: 'twin-api' });
    const b = await generate({ runtime: 'python', name: 'twin-api' });
    expect(a.files).toEqual(b.files);
    // The app id is drawn fresh for every scaffold (two apps never share one): everything else is equal.
    const id = /\bapp-[a-z2-7]{12}\b/g;
    const [idA, idB] = [a, b].map((app) => app.read('apprunner.deploy.yaml').match(id)?.[0]);
    expect(idA).toMatch(/^app-[a-z2-7]{12}$/);
    expect(idA).not.toBe(idB);
    for (const f of a.files) expect(b.read(f).replace(id, 'app-id')).toBe(a.read(f).replace(id, 'app-id'));
  });
});

describe('prompts', () => {
  it('asks only for what the flags left out, the size as one choice, and takes the name from the folder', async () => {
    const app = await generate(
      { directory: 'asked-api', port: '7000' },
      { answers: { runtime: 'go', target: 'apprunner', recommended: false as never, size: '2|6' } },
    );
    // No to the recommended setup asks the size and the extras; without AWS credentials no deploy is offered.
    expect(app.askedQuestions).toEqual(['runtime', 'target', 'recommended', 'size', 'extras']);
    expect(parse(app.read('apprunner.deploy.yaml'))).toMatchObject({
      service: { name: 'asked-api' },
      instance: { cpu: 2, memory: 6 },
    });
  });

  it('asks for the framework right after the runtime when it has more than one, and writes the one picked', async () => {
    const app = await generate(
      { directory: 'fw-api' },
      { answers: { runtime: 'python', framework: 'fastapi', target: 'ecs-express' } },
    );
    expect(app.askedQuestions.slice(0, 2)).toEqual(['runtime', 'framework']);
    expect(app.files).toContain('server.py');
    expect(JSON.parse(app.read('.yo-rc.json'))['create-apprunner-app'].framework).toBe('fastapi');
  });

  it('offers an app set for ECS Express a deploy right away, even a source-code one, and never asks how App Runner gets it', async () => {
    const app = await generate(
      { directory: 'ecs-api' },
      { answers: { runtime: 'node', target: 'ecs-express' }, facts: { credentials: true } },
    );
    // Node.js has two frameworks: the framework comes with the runtime.
    expect(app.askedQuestions).toEqual(['runtime', 'framework', 'target', 'recommended', 'now']);
    // Without credentials a deploy could only fail: not offered.
    const bare = await generate({ directory: 'ecs-api2' }, { answers: { runtime: 'node', target: 'ecs-express' } });
    expect(bare.askedQuestions).not.toContain('now');
    expect(app.askedQuestions).not.toContain('source');
    expect(parse(app.read('apprunner.deploy.yaml')).target).toBe('ecs-express');
    expect(app.read('README.md')).toContain('This app is set to deploy to Amazon ECS Express Mode');
  });

  it('asks for the source kind only where there is a choice and the target is App Runner', async () => {
    const app = await generate(
      { directory: 'py' },
      { answers: { runtime: 'python', target: 'apprunner', recommended: false as never, source: 'image' } },
    );
    expect(app.askedQuestions).toContain('source');
    expect(app.files).toContain('Dockerfile');
    const ecs = await generate({ directory: 'py2' }, { answers: { runtime: 'python', target: 'ecs-express' } });
    expect(ecs.askedQuestions).not.toContain('source');
  });

  it('takes a ticked extra as the answer, and asks only what it needs beyond that', async () => {
    const app = await generate(
      {
        directory: 'ticked',
        runtime: 'node',
        framework: 'express',
        target: 'apprunner',
        source: 'code',
        cpu: '1',
        memory: '2',
      },
      { answers: { recommended: false as never, extras: ['tracing', 'ci'] } },
    );
    expect(app.askedQuestions).toEqual(['recommended', 'extras']);
    expect(parse(app.read('apprunner.deploy.yaml')).observability).toEqual({ tracing: true });
    expect(app.files).toContain('.github/workflows/ci.yml');
  });

  it('refuses an answer that fails validation before writing', async () => {
    await expect(
      generate(
        { directory: 'bad', runtime: 'node', target: 'apprunner', source: 'code', cpu: '1', memory: '2' },
        { answers: { recommended: false as never, extras: ['domain'], domain: 'Not A Domain' } },
      ),
    ).rejects.toThrow(/not a domain name/);
  });
});

describe('secrets and variables', () => {
  it('writes NODE_ENV once: the --env value replaces the production default', async () => {
    const app = await generate({ runtime: 'node', source: 'code', env: 'NODE_ENV=staging' });
    expect(parse(app.read('apprunner.yaml')).run.env.filter((e: { name: string }) => e.name === 'NODE_ENV')).toEqual([
      { name: 'NODE_ENV', value: 'staging' },
    ]);
    const plain = await generate({ runtime: 'node', source: 'code' });
    expect(parse(plain.read('apprunner.yaml')).run.env).toEqual([{ name: 'NODE_ENV', value: 'production' }]);
  });

  it('lets --env replace a Python default once, and refuses the variable the app depends on', async () => {
    const app = await generate({ runtime: 'python', source: 'code', env: 'PYTHONUNBUFFERED=0' });
    expect(
      parse(app.read('apprunner.yaml')).run.env.filter((e: { name: string }) => e.name === 'PYTHONUNBUFFERED'),
    ).toEqual([{ name: 'PYTHONUNBUFFERED', value: '0' }]);
    await expect(generate({ runtime: 'python', source: 'code', env: 'PYTHONPATH=/x' })).rejects.toThrow(
      /sets PYTHONPATH itself/,
    );
  });

  const secrets = 'DB_PASSWORD=arn:aws:secretsmanager:eu-west-1:123456789012:secret:db-AbCdEf\nAPI_KEY=/shop/api-key';
  const env = 'LOG_LEVEL=debug\nGREETING=hello, "world"';

  it.each(['node', 'python'])(
    "puts them in the %s code app's apprunner.yaml and the secrets in the deploy config",
    async (runtime) => {
      const app = await generate({ runtime, secrets, env });
      const run = parse(app.read('apprunner.yaml')).run;
      expect(run.env).toEqual(
        expect.arrayContaining([
          { name: 'LOG_LEVEL', value: 'debug' },
          { name: 'GREETING', value: 'hello, "world"' },
        ]),
      );
      expect(run.secrets).toEqual([
        { name: 'DB_PASSWORD', 'value-from': 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:db-AbCdEf' },
        { name: 'API_KEY', 'value-from': '/shop/api-key' },
      ]);
      const config = parse(app.read('apprunner.deploy.yaml'));
      expect(config.environment).toEqual({});
      expect(config.secrets).toEqual({
        DB_PASSWORD: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:db-AbCdEf',
        API_KEY: '/shop/api-key',
      });
    },
  );

  it("puts them in an image app's deploy config, with the network, domain, scaling and tracing", async () => {
    const app = await generate({
      runtime: 'rust',
      secrets,
      env,
      vpcSubnets: 'subnet-0123456789abcdef0,subnet-0123456789abcdef1',
      vpcSecurityGroups: 'sg-0123456789abcdef0',
      domain: 'api.example.com',
      minInstances: '2',
      maxInstances: '5',
      maxConcurrency: '50',
      tracing: 'true',
    });
    expect(parse(app.read('apprunner.deploy.yaml'))).toMatchObject({
      environment: { LOG_LEVEL: 'debug', GREETING: 'hello, "world"' },
      secrets: { DB_PASSWORD: expect.stringMatching(/^arn:/), API_KEY: '/shop/api-key' },
      network: {
        vpcSubnets: ['subnet-0123456789abcdef0', 'subnet-0123456789abcdef1'],
        vpcSecurityGroups: ['sg-0123456789abcdef0'],
      },
      domain: 'api.example.com',
      autoScaling: { minSize: 2, maxSize: 5, maxConcurrency: 50 },
      observability: { tracing: true },
    });
  });
});
