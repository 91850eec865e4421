// The pure parts of `domain`: the name check, the deploy config edit, the listener rule's conditions,
// and the command line's words.
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

import { parseCommandLine } from '../../generators/cli/args.js';
import { withDomain } from '../../generators/core/deploy-config-file.js';
import { domainNameProblem } from '../../generators/core/domain-name.js';
import { hostsOf, ingressOf, withHosts } from '../../generators/platforms/ecs-express/ingress.js';

describe('domainNameProblem', () => {
  it.each([
    'api.example.com',
    'example.com',
    'a-b.c-d.example.co.uk',
    'x1.example.io',
    `${'a'.repeat(63)}.example.com`,
  ])('takes %s', (name) => expect(domainNameProblem(name)).toBeUndefined());
  it.each([
    ['', 'needs a domain name'],
    ['API.example.com', 'capital letters'],
    ['*.example.com', 'wildcard'],
    ['api.example.com.', 'ends with a dot'],
    ['localhost', 'not a full domain name'],
    ['api..example.com', 'no empty label'],
    ['-api.example.com', 'not starting or ending with "-"'],
    ['api_x.example.com', 'letters a-z'],
    ['https://api.example.com', 'is a URL'],
    ['api.example.com/path', 'is a URL'],
    [' api.example.com', 'spaces around it'],
    ['10.0.0.1', 'IP address'],
    [`${'a'.repeat(64)}.example.com`, 'at most 63'],
    [`${'a.'.repeat(127)}com`, 'at most 253'],
    ['go-abc.ecs.us-east-1.on.aws', 'AWS address'],
    ['x.awsapprunner.com', 'AWS address'],
    ['bücher.example.com', 'letters a-z'],
  ])('refuses %j (%s)', (name, why) => expect(domainNameProblem(name)).toContain(why));

  it('refuses control characters and escape sequences, and never echoes them raw', () => {
    for (const name of ['api.example.com\n', 'api\u001b[2J.example.com', 'api.example.com\u0000']) {
      const problem = domainNameProblem(name)!;
      expect(problem).toMatch(/contains/);
      // eslint-disable-next-line no-control-regex -- no control character may reach the message
      expect(problem).not.toMatch(/[\u0000-\u001f]/);
    }
    // A bidi override is no DNS letter: refused as a bad label, and shown escaped.
    const bidi = domainNameProblem('a\u202e.example.com')!;
    expect(bidi).toContain('"a\\u202e"');
    expect(bidi).not.toContain('\u202e');
  });

  it("keeps to the platform's own limit (an ALB host-header value: 128)", () => {
    const name = `${'a'.repeat(60)}.${'b'.repeat(60)}.example.com`;
    expect(domainNameProblem(name)).toBeUndefined();
    expect(domainNameProblem(name, { maxLength: 128 })).toContain('at most 128');
  });
});

describe('withDomain', () => {
  const text =
    '# header\nservice:\n  name: go-api # the name\n  region: us-east-1\n# the id\napp:\n  id: a1b2c3d4e5f6a7b8\n';
  it('adds domain: before app:, keeping the comments', () => {
    const out = withDomain(text, 'api.example.com');
    expect(parse(out)).toEqual({ ...parse(text), domain: 'api.example.com' });
    expect(out.indexOf('domain: api.example.com')).toBeLessThan(out.indexOf('app:'));
    for (const c of ['# header', '# the name', '# the id']) expect(out).toContain(c);
  });
  it('replaces and removes it', () => {
    const once = withDomain(text, 'api.example.com');
    expect(parse(withDomain(once, 'www.example.com')).domain).toBe('www.example.com');
    expect(parse(withDomain(once, undefined))).toEqual(parse(text));
    expect(withDomain(text, undefined)).toContain('# the name');
  });
});

describe("the listener rule's conditions", () => {
  const rule = {
    Conditions: [
      {
        Field: 'host-header',
        Values: ['go-1.ecs.us-east-1.on.aws'],
        HostHeaderConfig: { Values: ['go-1.ecs.us-east-1.on.aws'] },
      },
      { Field: 'path-pattern', Values: ['/*'], PathPatternConfig: { Values: ['/*'] } },
    ],
  };
  it('reads the host names and replaces only them, in the Config form alone', () => {
    expect(hostsOf(rule)).toEqual(['go-1.ecs.us-east-1.on.aws']);
    expect(withHosts(rule, ['go-1.ecs.us-east-1.on.aws', 'api.example.com'])).toEqual([
      { Field: 'host-header', HostHeaderConfig: { Values: ['go-1.ecs.us-east-1.on.aws', 'api.example.com'] } },
      { Field: 'path-pattern', PathPatternConfig: { Values: ['/*'] } },
    ]);
  });
  it('reads a rule with no host-header condition as no host names', () => {
    expect(hostsOf({ Conditions: [] })).toEqual([]);
    expect(hostsOf(undefined)).toEqual([]);
  });
});

describe('domain on the command line', () => {
  it('takes its words and its flags', () => {
    expect(parseCommandLine(['domain', 'add', 'api.example.com', '--no-wait', '--json']).extra).toEqual({
      action: 'add',
      name: 'api.example.com',
      'no-wait': true,
      json: true,
    });
    expect(parseCommandLine(['--cwd', 'app', 'domain', 'remove', '--yes']).extra).toEqual({
      action: 'remove',
      cwd: 'app',
      yes: true,
    });
    expect(parseCommandLine(['domain', '--help']).command).toBe('help');
  });
  it.each([
    [['domain']],
    [['domain', 'list']],
    [['domain', 'add']],
    [['domain', 'status', 'x']],
    [['domain', 'add', 'a.com', 'b.com']],
    [['domain', 'add', 'a.com', '--keep-image']],
  ])('refuses %j', (argv) => expect(() => parseCommandLine(argv)).toThrow(/domain|Unknown option/));
  it('still refuses words for the other in-app commands', () => {
    expect(() => parseCommandLine(['status', 'add'])).toThrow(/takes no other words/);
  });
});

describe('ingressOf: only the listener and rule ECS names for this service, and only if they hang together', () => {
  const LB = 'arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/ecs-alb/50dc6c495c0c9188';
  const LISTENER = LB.replace(':loadbalancer/', ':listener/') + '/f2f7dc8efc522ab2';
  const RULE = LISTENER.replace(':listener/', ':listener-rule/') + '/9683b2d02a6cabee';
  const OTHER_RULE = RULE.replace('f2f7dc8efc522ab2', '0000000000000000');
  const live = (paths: object[], tags = [{ key: 'create-apprunner-app:app-id', value: 'a1b2c3d4e5f6a7b8' }]) =>
    ({
      clients: {
        sts: { callerIdentity: async () => ({ account: '123456789012', arn: '' }) },
        ecs: {
          describeExpress: async () => ({
            status: { statusCode: 'ACTIVE' },
            tags,
            activeConfigurations: [{ serviceRevisionArn: 'rev' }],
          }),
          serviceRevisions: async () => [{ ecsManagedResources: { ingressPaths: paths } }],
        },
      },
      config: { service: { name: 'go-api', region: 'us-east-1' }, app: { id: 'a1b2c3d4e5f6a7b8' } },
      region: 'us-east-1',
    }) as never;
  const path = (rule: string, extra = {}) => ({
    accessType: 'PUBLIC',
    endpoint: 'go-1.ecs.us-east-1.on.aws',
    loadBalancer: { arn: LB, status: 'ACTIVE' },
    listener: { arn: LISTENER, status: 'ACTIVE' },
    rule: { arn: rule, status: 'ACTIVE' },
    ...extra,
  });

  it('takes a complete path', async () => {
    expect(await ingressOf(live([path(RULE)]))).toEqual({
      endpoint: 'go-1.ecs.us-east-1.on.aws',
      loadBalancerArn: LB,
      listenerArn: LISTENER,
      ruleArn: RULE,
    });
  });
  it('takes no rule of another listener, nothing being deleted, and a PUBLIC path first', async () => {
    expect(await ingressOf(live([path(OTHER_RULE)]))).toBeUndefined();
    expect(await ingressOf(live([path(RULE, { rule: { arn: RULE, status: 'DEPROVISIONING' } })]))).toBeUndefined();
    const priv = path(RULE, { accessType: 'PRIVATE', endpoint: 'private.example' });
    expect((await ingressOf(live([priv, path(RULE)])))?.endpoint).toBe('go-1.ecs.us-east-1.on.aws');
  });
  it("refuses a service that is not this app's", async () => {
    await expect(ingressOf(live([path(RULE)], [{ key: 'team', value: 'payments' }]))).rejects.toThrow(
      /not this app's .* so domain leaves it alone/,
    );
  });
});
