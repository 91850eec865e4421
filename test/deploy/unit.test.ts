// The pure parts of deploy, called directly: the config checker, the request builders, the comparison of
// desired and described settings, and the parsers of image URIs, git remotes and flags.
import type { Service } from '@aws-sdk/client-apprunner';
import { describe, expect, it } from 'vitest';

import { AwsCallError, kindOf } from '../../generators/aws/errors.js';
import { parseCommandLine } from '../../generators/cli/args.js';
import { deployOptionsOf } from '../../generators/cli/deploy-flags.js';
import { type DeployConfig, deployConfigOf } from '../../generators/core/deploy-config.js';
import { parseDeployConfig } from '../../generators/core/deploy-config-file.js';
import { changesBetween } from '../../generators/platforms/apprunner/diff.js';
import { appRunner } from '../../generators/platforms/apprunner/index.js';
import {
  autoScalingInput,
  autoScalingName,
  createServiceInput,
  type Source,
} from '../../generators/platforms/apprunner/requests.js';
import { secretResources } from '../../generators/platforms/apprunner/resources.js';
import { ecsExpress } from '../../generators/platforms/ecs-express/index.js';
import { checkDeployConfig } from '../../generators/platforms/shared/config.js';
import { httpsUrlOf, imageTag, providerOf } from '../../generators/platforms/shared/git.js';
import { parseImageUri } from '../../generators/platforms/shared/image-uri.js';
import { timingFrom } from '../../generators/platforms/shared/settings.js';

const config = (over: Partial<DeployConfig> = {}): DeployConfig => ({
  service: { name: 'shop-api', region: 'eu-west-1' },
  source: { kind: 'image', ecrRepository: 'shop-api', port: 9090 },
  instance: { cpu: 1, memory: 2 },
  healthCheck: {
    protocol: 'HTTP',
    path: '/healthz',
    interval: 5,
    timeout: 2,
    healthyThreshold: 1,
    unhealthyThreshold: 5,
  },
  autoScaling: { minSize: 1, maxSize: 25, maxConcurrency: 100 },
  environment: {},
  ...over,
});
const image: Source = {
  kind: 'image',
  imageIdentifier: '123456789012.dkr.ecr.eu-west-1.amazonaws.com/shop-api:abc',
  repositoryType: 'ECR',
  accessRoleArn: 'arn:aws:iam::123456789012:role/AppRunnerECRAccessRole',
};

describe('hand-edited values in the deploy config', () => {
  it('reach AWS exactly as written, whatever YAML would make of them unquoted', () => {
    const text = [
      'service: { name: shop-api, region: eu-west-1 }',
      'source: { kind: image, ecrRepository: shop-api, port: 8080 }',
      'instance: { cpu: 1, memory: 2 }',
      'healthCheck: { protocol: HTTP, path: /health, interval: 5, timeout: 2, healthyThreshold: 1, unhealthyThreshold: 5 }',
      'autoScaling: { minSize: 1, maxSize: 25, maxConcurrency: 100 }',
      'environment:',
      '  VERSION: 1.10',
      '  ZIP: 01234',
      '  HEX: 0x1F',
      '  BIG: 12345678901234567890',
      '  FLAG: true',
      '  WORD: yes',
      '  QUOTED: "007"',
      '  DATE: 2001-12-14',
      '',
    ].join('\n');
    const { config: checked, errors } = checkDeployConfig(parseDeployConfig(text));
    expect(errors).toEqual([]);
    expect(checked!.environment).toEqual({
      VERSION: '1.10',
      ZIP: '01234',
      HEX: '0x1F',
      BIG: '12345678901234567890',
      FLAG: 'true',
      WORD: 'yes',
      QUOTED: '007',
      DATE: '2001-12-14',
    });
  });

  it('warns about a misspelt field with the one that was probably meant', () => {
    const { warnings } = checkDeployConfig(
      JSON.parse(
        JSON.stringify({
          ...config(),
          healthCheck: { ...config().healthCheck, protocoll: 'TCP' },
          autoScaling: { ...config().autoScaling, maxConcurency: 5 },
          enviroment: {},
        }),
      ),
    );
    expect(warnings).toEqual(
      expect.arrayContaining([
        expect.stringContaining(
          'unknown key "healthCheck.protocoll" is ignored (did you mean "healthCheck.protocol"?)',
        ),
        expect.stringContaining(
          'unknown key "autoScaling.maxConcurency" is ignored (did you mean "autoScaling.maxConcurrency"?)',
        ),
        expect.stringContaining('unknown key "enviroment" is ignored (did you mean "environment"?)'),
      ]),
    );
  });
});

describe('the deploy config checker', () => {
  it('accepts what the generator writes', () => {
    const written = JSON.parse(JSON.stringify(config()));
    expect(checkDeployConfig(written)).toEqual({ config: config(), errors: [], warnings: [] });
  });

  it('names every bad field, and warns about unknown keys', () => {
    const {
      config: ok,
      errors,
      warnings,
    } = checkDeployConfig({
      service: { name: 'ab', region: 'Europe' },
      source: { kind: 'image', ecrRepository: 'Shop', port: 70000 },
      instance: { cpu: 2, memory: 2 },
      healthCheck: {
        protocol: 'HTTP',
        path: 'health',
        interval: 0,
        timeout: 2,
        healthyThreshold: 1,
        unhealthyThreshold: 5,
      },
      autoScaling: { minSize: 5, maxSize: 2, maxConcurrency: 100 },
      environment: { PORT: '1', 'BAD-NAME': 'x', DEBUG: true },
      extra: 1,
    });
    expect(ok).toBeUndefined();
    expect(errors).toEqual([
      'service.name "ab" is not a valid service name: 4 to 40 letters, digits, "-" or "_", starting with a letter or digit.',
      'service.region "Europe" is not an AWS region name (e.g. us-east-1).',
      'source.ecrRepository "Shop" is not a valid ECR repository name: lower-case letters, digits, and . _ - / between them.',
      'source.port is 70000: it must be a whole number from 1 to 65535.',
      'instance.memory 2 is not offered with 2 vCPU: use 4 or 6 (GB).',
      'healthCheck.path is "health": an HTTP check needs a route of its own, like /health.',
      'healthCheck.interval is 0: it must be a whole number from 1 to 20.',
      'autoScaling.maxSize (2) is smaller than autoScaling.minSize (5).',
      'environment.PORT: the platform sets PORT itself (from source.port); remove it.',
      'environment.BAD-NAME: a variable name is letters, digits and _, not starting with a digit.',
    ]);
    expect(warnings).toEqual(['apprunner.deploy.yaml: unknown key "extra" is ignored.']);
  });

  it("checks the optional extras with the flags' validators", () => {
    const { errors } = checkDeployConfig({
      ...config(),
      secrets: { DB: 'not an arn:', PORT: '/x' },
      network: { vpcSubnets: ['subnet-1'], vpcSecurityGroups: ['sg-0123456789abcdef0'] },
      domain: 'shop.awsapprunner.com',
      observability: { tracing: 'yes' },
    });
    expect(errors).toHaveLength(5);
    expect(errors[0]).toMatch(/^secrets\.DB: "not an arn:" is not a Secrets Manager secret ARN/);
    expect(errors[1]).toBe('secrets.PORT: App Runner sets or reserves that name.');
    expect(errors[2]).toMatch(/^network: "subnet-1" is not a subnet id/);
    expect(errors[3]).toMatch(/^domain: The service already has an awsapprunner\.com address/);
    expect(errors[4]).toBe('observability.tracing must be true or false.');
  });

  it('round-trips deployConfigOf for every extra', () => {
    const generated = deployConfigOf({
      name: 'shop-api',
      slug: 'shop-api',
      region: 'eu-west-1',
      source: 'image',
      port: 9090,
      healthPath: '/healthz',
      cpu: '1',
      memory: '2',
      scaling: { minSize: 2, maxSize: 5, maxConcurrency: 50 },
      env: [{ name: 'A', value: '1' }],
      secrets: [{ name: 'S', valueFrom: '/shop/s' }],
      network: { subnets: ['subnet-0123456789abcdef0'], securityGroups: ['sg-0123456789abcdef0'] },
      domain: 'shop.example.com',
      tracing: true,
    } as never);
    const { config: checked, errors } = checkDeployConfig(JSON.parse(JSON.stringify(generated)));
    expect(errors).toEqual([]);
    expect(checked).toEqual(generated);
  });
});

describe('the request builders', () => {
  it('write cpu and memory as App Runner strings, and create scaling only when not the default', () => {
    const input = createServiceInput(config(), image);
    expect(input.InstanceConfiguration).toEqual({ Cpu: '1 vCPU', Memory: '2 GB' });
    expect(input.SourceConfiguration?.ImageRepository?.ImageConfiguration?.Port).toBe('9090');
    expect(autoScalingInput(config())).toBeUndefined();
    expect(autoScalingInput(config({ autoScaling: { minSize: 1, maxSize: 25, maxConcurrency: 50 } }))).toMatchObject({
      MaxConcurrency: 50,
    });
    const long = autoScalingName(
      config({ service: { name: 'a-service-name-of-forty-characters-long1', region: 'eu-west-1' } }),
    );
    expect(long.length).toBeLessThanOrEqual(32);
    expect(long).toMatch(/^[A-Za-z0-9][A-Za-z0-9_-]{3,31}$/);
  });

  it('grants the instance role each secret without its JSON-key suffix (and its -?????? form, for an ARN given without it), and names parameters by ARN', () => {
    expect(
      secretResources(
        {
          A: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:db-AbCdEf:password::',
          B: '/shop/token',
          C: 'arn:aws:ssm:eu-west-1:123456789012:parameter/shop/key',
        },
        '123456789012',
        'eu-west-1',
      ),
    ).toEqual({
      secrets: [
        'arn:aws:secretsmanager:eu-west-1:123456789012:secret:db-AbCdEf',
        'arn:aws:secretsmanager:eu-west-1:123456789012:secret:db-AbCdEf-??????',
      ],
      parameters: [
        'arn:aws:ssm:eu-west-1:123456789012:parameter/shop/key',
        'arn:aws:ssm:eu-west-1:123456789012:parameter/shop/token',
      ],
    });
  });
});

describe('desired vs described', () => {
  const described = (over: Partial<Service> = {}): Service =>
    ({
      ServiceName: 'shop-api',
      ServiceId: 'x',
      ServiceArn: 'arn',
      ServiceUrl: 'u',
      CreatedAt: new Date(),
      UpdatedAt: new Date(),
      Status: 'RUNNING',
      SourceConfiguration: {
        ImageRepository: {
          ImageIdentifier: image.imageIdentifier,
          ImageRepositoryType: 'ECR',
          ImageConfiguration: { Port: '9090' },
        },
        AutoDeploymentsEnabled: false,
        AuthenticationConfiguration: { AccessRoleArn: image.accessRoleArn },
      },
      InstanceConfiguration: { Cpu: '1024', Memory: '2048' },
      HealthCheckConfiguration: {
        Protocol: 'HTTP',
        Path: '/healthz',
        Interval: 5,
        Timeout: 2,
        HealthyThreshold: 1,
        UnhealthyThreshold: 5,
      },
      AutoScalingConfigurationSummary: { AutoScalingConfigurationName: 'DefaultConfiguration', IsDefault: true },
      NetworkConfiguration: { EgressConfiguration: { EgressType: 'DEFAULT' } },
      ObservabilityConfiguration: { ObservabilityEnabled: false },
      ...over,
    }) as Service;

  it('finds nothing to change when AWS describes the same settings in its own notation', () => {
    expect(changesBetween(createServiceInput(config(), image), described(), true)).toEqual([]);
  });

  it('lists what differs', () => {
    const desired = createServiceInput(config({ instance: { cpu: 0.25, memory: 0.5 } }), image);
    expect(changesBetween(desired, described({ HealthCheckConfiguration: { Protocol: 'TCP' } }), true)).toEqual([
      'instance cpu: 1 vCPU → 0.25 vCPU',
      'instance memory: 2 GB → 0.5 GB',
      'health check protocol: TCP → HTTP',
      'health check path: (none) → /healthz',
      'health check interval: (none) → 5',
      'health check timeout: (none) → 2',
      'healthy threshold: (none) → 1',
      'unhealthy threshold: (none) → 5',
    ]);
  });
});

describe('parsers', () => {
  it.each([
    ['123456789012.dkr.ecr.eu-west-1.amazonaws.com/shop-api:v1', 'ECR'],
    ['123456789012.dkr.ecr.eu-west-1.amazonaws.com/team/shop-api@sha256:abc123', 'ECR'],
    ['public.ecr.aws/octo/shop-api:latest', 'ECR_PUBLIC'],
  ])('takes --image %s', (uri, type) => {
    expect(parseImageUri(uri, appRunner.imageRefusal)).toMatchObject({ type, uri });
  });

  it.each([
    ['nginx', 'Docker Hub'],
    ['octo/api:1', 'Docker Hub'],
    ['registry-1.docker.io/octo/api', 'Docker Hub'],
    ['ghcr.io/octo/api:1', 'GitHub Container Registry'],
    ['quay.io/octo/api', 'quay.io'],
  ])('refuses --image %s from %s', (uri, where) => {
    expect(parseImageUri(uri, appRunner.imageRefusal)).toEqual({
      error: expect.stringContaining(`App Runner cannot pull from ${where}`),
    });
    // The same image for an app on ECS Express is refused in that platform's words, never App Runner's.
    const ecs = parseImageUri(uri, ecsExpress.imageRefusal) as { error: string };
    expect(ecs.error).toContain(
      `deploy gives ECS Express Mode images from Amazon ECR (private) or ECR Public only, not from ${where}`,
    );
    expect(ecs.error).not.toContain('App Runner');
  });

  it.each([
    ['git@github.com:octo/api.git', 'https://github.com/octo/api', 'GITHUB'],
    ['https://github.com/octo/api.git', 'https://github.com/octo/api', 'GITHUB'],
    ['ssh://git@bitbucket.org/team/api.git', 'https://bitbucket.org/team/api', 'BITBUCKET'],
    ['https://user@GitHub.com/octo/api/', 'https://github.com/octo/api', 'GITHUB'],
    ['https://gitlab.com/octo/api.git', 'https://gitlab.com/octo/api', undefined],
  ])('reads the remote %s as %s', (remote, url, provider) => {
    expect(httpsUrlOf(remote)).toBe(url);
    expect(providerOf(url)).toBe(provider);
  });

  it('tags an image with the commit, or the commit and a timestamp when the tree is dirty', () => {
    const now = new Date('2026-11-26T20:01:02.345Z');
    expect(imageTag({ head: 'abc123def456', dirty: false }, now)).toBe('abc123def456');
    expect(imageTag({ head: 'abc123def456', dirty: true }, now)).toBe('abc123def456-dirty-20261126T200102Z');
    expect(imageTag({ dirty: false }, now)).toBe('build-20261126T200102Z');
  });

  it('reads deploy flags, and refuses flags that only create apps', () => {
    const { dir, options } = deployOptionsOf(
      parseCommandLine([
        'deploy',
        '--cwd',
        'apps/shop',
        '--region',
        'eu-west-1',
        '--no-wait',
        '--yes',
        '--image',
        'public.ecr.aws/a/b:1',
      ]),
    );
    expect(dir).toBe('apps/shop');
    expect(options).toMatchObject({
      region: 'eu-west-1',
      wait: false,
      yes: true,
      dryRun: false,
      image: 'public.ecr.aws/a/b:1',
      replaceFailed: false,
    });
    expect(() => parseCommandLine(['deploy', '--runtime', 'go', '--secret', 'A=/b'])).toThrow(
      '--runtime, --secret are for creating an app, not for deploy.',
    );
    expect(() => deployOptionsOf(parseCommandLine(['deploy', '--connection-arn', 'nope']))).toThrow(
      'is not an App Runner connection ARN',
    );
  });

  it('classifies SDK errors by name, and a missing credential chain by message', () => {
    const err = (name: string, message = 'x') =>
      new AwsCallError('apprunner:ListServices', 'r', Object.assign(new Error(message), { name }));
    expect(kindOf(err('SubscriptionRequiredException'))).toBe('not-subscribed');
    expect(kindOf(err('CredentialsProviderError', 'Could not load credentials from any providers'))).toBe(
      'no-credentials',
    );
    expect(kindOf(err('ExpiredTokenException'))).toBe('expired');
    expect(kindOf(err('AccessDeniedException'))).toBe('access-denied');
    expect(kindOf(err('ThrottlingException'))).toBe('throttled');
  });

  it('reads the polling interval and the timeout from the environment', () => {
    expect(timingFrom({})).toEqual({ pollMs: 5000, timeoutMs: 1_200_000 });
    expect(timingFrom({ CREATE_APPRUNNER_APP_POLL_MS: '20', CREATE_APPRUNNER_APP_TIMEOUT_MS: 'soon' })).toEqual({
      pollMs: 20,
      timeoutMs: 1_200_000,
    });
  });
});
