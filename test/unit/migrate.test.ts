// The pure half of migrate: App Runner facts → rows and ECS Express settings, the deploy config it leaves
// (checked by the same reader every command uses), the table's sanitising, and the in-place config update.
import type { Service } from '@aws-sdk/client-apprunner';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

import { parseCommandLine } from '../../generators/cli/args.js';
import { commandHelp } from '../../generators/cli/help.js';
import { newAppId } from '../../generators/core/app-id.js';
import { migratedConfig, updateConfigText } from '../../generators/platforms/migrate/config.js';
import type { MapOptions, SourceFacts } from '../../generators/platforms/migrate/facts.js';
import { mapService, requestsPerMinute, sizeOf } from '../../generators/platforms/migrate/mapping.js';
import { mappingJson, mappingTable } from '../../generators/platforms/migrate/print.js';
import { plainDocument, taskRoleRequests } from '../../generators/platforms/migrate/task-role.js';
import { checkDeployConfig } from '../../generators/platforms/shared/config.js';

const ARN = 'arn:aws:apprunner:us-east-1:123456789012:service/web-app/0123456789abcdef';
const names = { service: 'web', repository: 'web-x', executionRole: 'exec-role', taskRole: 'task-role' };
const options = (o: Partial<MapOptions> = {}): MapOptions => ({ dockerfile: false, names, ...o });

function facts(service: Partial<Service>, more: Partial<SourceFacts> = {}): SourceFacts {
  return {
    region: 'us-east-1',
    account: '123456789012',
    service: {
      ServiceName: 'web-app',
      ServiceArn: ARN,
      ServiceUrl: 'abc.us-east-1.awsapprunner.com',
      SourceConfiguration: {
        ImageRepository: {
          ImageIdentifier: '123456789012.dkr.ecr.us-east-1.amazonaws.com/web:v1',
          ImageRepositoryType: 'ECR',
          ImageConfiguration: { Port: '3000' },
        },
      },
      InstanceConfiguration: { Cpu: '1024', Memory: '2048' },
      ...service,
    } as Service,
    customDomains: [],
    routing: undefined,
    ...more,
  };
}

// A terminal acts on these: none may reach it raw.
const CONTROLS = { asymmetricMatch: (t: string) => ['\u001b', '\u0007', '\u009b'].some((c) => t.includes(c)) };

const row = (m: ReturnType<typeof mapService>, setting: string) => m.rows.find((r) => r.setting === setting)!;

describe('migrate mapping', () => {
  it('reads both forms of App Runner sizes', () => {
    expect(sizeOf('1024', 'vCPU', 9)).toBe(1);
    expect(sizeOf('0.25 vCPU', 'vCPU', 9)).toBe(0.25);
    expect(sizeOf('3072', 'GB', 9)).toBe(3);
    expect(sizeOf('12 GB', 'GB', 9)).toBe(12);
    expect(sizeOf(undefined, 'GB', 2)).toBe(2);
    expect(sizeOf('lots', 'GB', 2)).toBe(2);
  });

  it('pins the image by digest, keeps the port and the size, and leaves no task role without an instance role', () => {
    const m = mapService(facts({}, { digest: 'sha256:abc' }), options());
    expect(m.image).toEqual({ uri: '123456789012.dkr.ecr.us-east-1.amazonaws.com/web@sha256:abc' });
    expect(m.settings).toMatchObject({ port: 3000, cpu: 1, memory: 2, taskRole: false, healthPath: '/' });
    expect(row(m, 'Instance role').express).toBe('no task role');
    // No digest known: the tag, and why.
    const byTag = mapService(facts({}, { digestProblem: 'ECR has no image tagged v1 in web' }), options());
    expect(byTag.image).toEqual({ uri: '123456789012.dkr.ecr.us-east-1.amazonaws.com/web:v1' });
    expect(row(byTag, 'Image').express).toContain('by tag: ECR has no image tagged v1');
  });

  it('a TCP check becomes HTTP on --health-path, or says plainly that it uses /', () => {
    const tcp = { HealthCheckConfiguration: { Protocol: 'TCP' as const } };
    const plain = mapService(facts(tcp), options());
    expect(plain.settings.healthPath).toBe('/');
    expect(row(plain, 'Health check').express).toMatch(/^healthCheckPath \/ over HTTP: Express checks an HTTP path/);
    const given = mapService(facts(tcp), options({ healthPath: '/ready' }));
    expect(given.settings.healthPath).toBe('/ready');
    const http = mapService(facts({ HealthCheckConfiguration: { Protocol: 'HTTP', Path: '/healthz' } }), options());
    expect(http.settings.healthPath).toBe('/healthz');
  });

  it('concurrency becomes requests per task per minute, said with its assumption', () => {
    expect(requestsPerMinute(100)).toBe(6000);
    const m = mapService(
      facts({}, { autoScaling: { MinSize: 3, MaxSize: 40, MaxConcurrency: 25, AutoScalingConfigurationName: 's' } }),
      options(),
    );
    expect(m.settings).toMatchObject({ minSize: 3, maxSize: 25, requestsPerTarget: 1500 });
    expect(row(m, 'Scaling signal').express).toContain('REQUEST_COUNT_PER_TARGET, target 1500');
    expect(row(m, 'Scaling signal').express).toContain('1500/T');
  });

  it('a VPC connector becomes the network configuration, with a warning for isolated subnets or an unchecked route', () => {
    const vpc = {
      NetworkConfiguration: { EgressConfiguration: { EgressType: 'VPC' as const, VpcConnectorArn: 'arn:c' } },
    };
    const connector = {
      VpcConnectorName: 'c',
      VpcConnectorRevision: 1,
      Subnets: ['subnet-1', 'subnet-2'],
      SecurityGroups: ['sg-1'],
    };
    const isolated = mapService(
      facts(vpc, { vpcConnector: connector, routing: { checked: true, isolated: ['subnet-1'], endpoints: [] } }),
      options(),
    );
    expect(isolated.settings.network).toEqual({ subnets: ['subnet-1', 'subnet-2'], securityGroups: ['sg-1'] });
    expect(isolated.warnings.join('\n')).toMatch(/subnet-1 have no route .* ecr\.api, ecr\.dkr, logs/);
    const withEndpoints = mapService(
      facts(vpc, {
        vpcConnector: connector,
        routing: {
          checked: true,
          isolated: ['subnet-1'],
          endpoints: [
            'com.amazonaws.us-east-1.ecr.api',
            'com.amazonaws.us-east-1.ecr.dkr',
            'com.amazonaws.us-east-1.logs',
          ],
        },
      }),
      options(),
    );
    expect(withEndpoints.warnings).toEqual([]);
    const unchecked = mapService(
      facts(vpc, { vpcConnector: connector, routing: { checked: false, why: 'ec2:DescribeSubnets: AccessDenied' } }),
      options(),
    );
    expect(unchecked.warnings.join('\n')).toContain(
      'Could not check whether the subnets subnet-1, subnet-2 reach the internet',
    );
  });

  it('names custom domains, tracing, auto-deploy, WAF and a start command as not carried over, each with a follow-up', () => {
    const m = mapService(
      facts(
        {
          ObservabilityConfiguration: { ObservabilityEnabled: true, ObservabilityConfigurationArn: 'arn:o' },
          SourceConfiguration: {
            AutoDeploymentsEnabled: true,
            ImageRepository: {
              ImageIdentifier: 'public.ecr.aws/a/web:1',
              ImageRepositoryType: 'ECR_PUBLIC',
              ImageConfiguration: { Port: '80', StartCommand: 'node server.js' },
            },
          },
        },
        { customDomains: [{ DomainName: 'a.example.com', EnableWWWSubdomain: false, Status: 'ACTIVE' }] },
      ),
      options(),
    );
    const dropped = m.rows.filter((r) => !r.carried).map((r) => r.setting);
    expect(dropped).toEqual(
      expect.arrayContaining(['Custom domain', 'X-Ray tracing', 'Automatic deployments', 'AWS WAF', 'Start command']),
    );
    for (const r of m.rows.filter((x) => !x.carried)) expect(r.express).toMatch(/^not carried over: \S/);
    expect(row(m, 'Custom domain').express).toContain('run domain add ');
  });

  it('a code source stops with the steps outside an app, and is built from the Dockerfile inside one', () => {
    const code = {
      SourceConfiguration: {
        CodeRepository: {
          RepositoryUrl: 'https://github.com/o/web',
          SourceCodeVersion: { Type: 'BRANCH' as const, Value: 'main' },
          CodeConfiguration: {
            ConfigurationSource: 'API' as const,
            CodeConfigurationValues: { Runtime: 'NODEJS_22' as const, Port: '8080' },
          },
        },
      },
    };
    const outside = mapService(facts(code), options());
    expect('stop' in outside.image && outside.image.stop).toContain('ECS Express runs container images only');
    expect(mapService(facts(code), options({ dockerfile: true })).image).toEqual({ build: true });
  });

  it('leaves a deploy config every command reads back, with "/" allowed as a migrated health path', () => {
    const f = facts(
      {
        HealthCheckConfiguration: { Protocol: 'TCP' },
        InstanceConfiguration: { Cpu: '1024', Memory: '2048', InstanceRoleArn: 'arn:aws:iam::123456789012:role/r' },
      },
      {
        instanceRole: { name: 'r', arn: 'arn:aws:iam::123456789012:role/r', inline: [], managed: [] },
      },
    );
    const m = mapService(f, options());
    const id = newAppId();
    const config = migratedConfig(f, m, {
      id,
      name: 'web-app',
      repository: 'web-x',
      taskRole: 'task-role',
      image: 'img@sha256:1',
    });
    const back = checkDeployConfig(JSON.parse(JSON.stringify(config)));
    expect(back.errors).toEqual([]);
    expect(back.config).toMatchObject({
      target: 'ecs-express',
      healthCheck: { protocol: 'HTTP', path: '/' },
      migratedFrom: { apprunnerService: ARN, taskRole: 'task-role', requestsPerTarget: 6000 },
      app: { id },
    });
    // "/" stays refused in a config that is not a migration's.
    const { migratedFrom: _m, ...rest } = config;
    expect(checkDeployConfig(JSON.parse(JSON.stringify(rest))).errors.join()).toContain('healthCheck.path');
  });

  it('updates an app config in place: comments and unknown-to-migrate keys kept, App Runner-only keys gone', () => {
    const text =
      '# my notes\ntarget: apprunner\nservice:\n  name: web\n  region: us-east-1\ndomain: a.example.com\nenvironment:\n  A: "1"\n';
    const f = facts({});
    const config = migratedConfig(f, mapService(f, options()), {
      id: newAppId(),
      name: 'web-app',
      repository: 'web',
      taskRole: 't',
    });
    const out = updateConfigText(text, config);
    expect(out).toContain('# my notes');
    const data = parse(out);
    expect(data.target).toBe('ecs-express');
    expect(data.domain).toBeUndefined();
    expect(data.migratedFrom.apprunnerService).toBe(ARN);
  });

  it('prints AWS strings sanitised, in the table and in --json', () => {
    const f = facts({
      SourceConfiguration: {
        ImageRepository: {
          ImageIdentifier: 'public.ecr.aws/a/web:1',
          ImageRepositoryType: 'ECR_PUBLIC',
          ImageConfiguration: { Port: '80', RuntimeEnvironmentVariables: { 'X\u001b[2J': 'v\u009b1m' } },
        },
      },
    });
    const m = mapService(f, options());
    const table = mappingTable('web\u001b]0;pwned\u0007', ARN, m);
    expect('raw \u009b').toEqual(CONTROLS); // the matcher itself sees one
    expect(table).not.toEqual(CONTROLS);
    expect(table).toContain('web\\x1b]0;pwned\\x07');
    const json = mappingJson(
      ARN,
      m,
      migratedConfig(f, m, { id: newAppId(), name: 'web-app', repository: 'web', taskRole: 't' }),
    );
    expect(json).not.toEqual(CONTROLS);
    expect(JSON.parse(json).settings.environment['X\u001b[2J']).toBe('v\u009b1m');
  });

  it('copies the instance role: the same inline documents (decoded) and managed ARNs, ECS trust, this app id', () => {
    const doc = JSON.stringify({ Version: '2012-10-17', Statement: [] });
    const id = newAppId();
    const r = taskRoleRequests(
      'task',
      {
        name: 'old',
        arn: 'arn:aws:iam::1:role/old',
        inline: [{ name: 'p', document: encodeURIComponent(doc) }],
        managed: ['arn:m'],
      },
      id,
      'web',
    );
    expect(JSON.parse(r.create.AssumeRolePolicyDocument).Statement[0].Principal.Service).toBe(
      'ecs-tasks.amazonaws.com',
    );
    expect(r.create.Tags).toContainEqual({ Key: 'create-apprunner-app:app-id', Value: id });
    expect(r.inline).toEqual([{ RoleName: 'task', PolicyName: 'p', PolicyDocument: doc }]);
    expect(r.managed).toEqual([{ RoleName: 'task', PolicyArn: 'arn:m' }]);
    expect(plainDocument(doc)).toBe(doc);
  });

  it('is a command of its own: its flags parse, a positional is refused, and --help lists every flag', () => {
    const parsed = parseCommandLine([
      'migrate',
      '--from',
      'shop',
      '--dir',
      'out',
      '--pause-old',
      '--health-path',
      '/ready',
    ]);
    expect(parsed).toMatchObject({
      command: 'migrate',
      extra: { from: 'shop', dir: 'out', 'pause-old': true, 'health-path': '/ready' },
    });
    expect(() => parseCommandLine(['migrate', 'shop'])).toThrow(/takes no other words/);
    expect(() => parseCommandLine(['migrate', '--keep-image'])).toThrow(
      /--keep-image is for create-apprunner-app delete, not for migrate/,
    );
    const help = commandHelp('migrate', '0.0.0');
    for (const flag of [
      '--from',
      '--dir',
      '--health-path',
      '--pause-old',
      '--yes',
      '--dry-run',
      '--json',
      '--cwd',
      '--region',
      '--profile',
    ])
      expect(help).toContain(flag);
    expect(help).toContain('or anywhere with --from');
  });
});
