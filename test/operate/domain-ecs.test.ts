// domain add/status/remove on ECS Express Mode, through the packed CLI: the real @aws-sdk/client-ecs
// against the ECS Express stand-in, whose managed load balancer (one shared HTTPS listener, a rule and
// target group per service) is made for real in moto (test/standin/ecs-ingress.ts); ACM and ELBv2 are
// moto's. moto keeps a requested certificate PENDING_VALIDATION for MOTO_ACM_VALIDATION_WAIT seconds,
// then reports it ISSUED: set here to ACM_WAIT, so a test sees it pending first and issued later.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import {
  ACMClient,
  DescribeCertificateCommand,
  ListCertificatesCommand,
  RequestCertificateCommand,
} from '@aws-sdk/client-acm';
import { CreateExpressGatewayServiceCommand, ECSClient } from '@aws-sdk/client-ecs';
import {
  AddListenerCertificatesCommand,
  DescribeListenerCertificatesCommand,
  DescribeLoadBalancersCommand,
  DescribeRulesCommand,
  ElasticLoadBalancingV2Client,
  ModifyRuleCommand,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { withTarget } from '../../generators/core/deploy-config-file.js';
import { ACCOUNT, type Backends, CREDENTIALS, deployEnv, fakeDockerBin, makeApp } from '../deploy/harness.js';
import { runInTerminal } from '../helpers/cli.js';
import { type EcsStandIn, startEcsExpressStandIn } from '../standin/ecs-express.js';
import { type ManagedIngress, managedIngress } from '../standin/ecs-ingress.js';
import { type Moto, startMoto } from '../standin/moto.js';
import { startTaggingStandIn, type TaggingStandIn } from '../standin/tagging.js';
import { cli as runIn } from './harness.js';

const ACM_WAIT = 6;
const NAME = 'api.example.com';
const VALIDATION = `_d930b28be6c5927595552b219965053e.${NAME}.`; // moto's fixed validation record name

let moto: Moto;
let ecs: EcsStandIn;
let ingress: ManagedIngress;
let tagging: TaggingStandIn;
let acm: ACMClient;
let elb: ElasticLoadBalancingV2Client;
beforeAll(async () => {
  moto = await startMoto({ acmValidationWait: ACM_WAIT });
  const o = { endpoint: moto.url, region: 'us-east-1', credentials: CREDENTIALS };
  acm = new ACMClient(o);
  elb = new ElasticLoadBalancingV2Client(o);
});
afterAll(async () => {
  acm?.destroy();
  elb?.destroy();
  await moto?.close();
});
beforeEach(async () => {
  await moto.reset();
  ingress = managedIngress(moto.url);
  ecs = await startEcsExpressStandIn({ managedIngress: ingress });
  tagging = await startTaggingStandIn({
    get ecs() {
      return [ecs];
    },
    motoUrl: moto.url,
  });
});
afterEach(async () => {
  ingress?.close();
  await Promise.all([ecs?.close(), tagging?.close()]);
});

const backends = () => ({ moto, tagging, standIn: { url: 'http://127.0.0.1:9' } }) as unknown as Backends;
const env = (extra: Record<string, string | undefined> = {}) => ({ AWS_ENDPOINT_URL_ECS: ecs.url, ...extra });
const cli = (dir: string, args: string[], extra: Record<string, string | undefined> = {}) =>
  runIn(backends(), dir, args, env(extra));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function deployed() {
  const dir = await makeApp('image');
  const docker = fakeDockerBin();
  const r = await cli(dir, ['deploy', '--target', 'ecs-express'], { PATH: `${docker.bin}:${process.env.PATH}` });
  expect(r.code, r.out).toBe(0);
  return { dir, service: ecs.services.get('go-api')! };
}

/** Another team's Express service on the same (shared) load balancer, made straight through ECS. */
async function neighbour(): Promise<string> {
  const client = new ECSClient({ endpoint: ecs.url, region: 'us-east-1', credentials: CREDENTIALS });
  await client.send(
    new CreateExpressGatewayServiceCommand({
      serviceName: 'payments',
      executionRoleArn: `arn:aws:iam::${ACCOUNT}:role/theirs`,
      infrastructureRoleArn: `arn:aws:iam::${ACCOUNT}:role/theirs-infra`,
      primaryContainer: { image: 'public.ecr.aws/nginx/nginx:latest' },
      tags: [{ key: 'team', value: 'payments' }],
    }),
  );
  client.destroy();
  return ecs.services.get('payments')!.managed.rule.arn as string;
}

const rule = async (arn: string) => (await elb.send(new DescribeRulesCommand({ RuleArns: [arn] }))).Rules![0]!;
const hosts = async (arn: string) =>
  (await rule(arn)).Conditions!.find((c) => c.Field === 'host-header')!.HostHeaderConfig!.Values;
const listenerCerts = async (listenerArn: string) =>
  ((await elb.send(new DescribeListenerCertificatesCommand({ ListenerArn: listenerArn }))).Certificates ?? []).map(
    (c) => c.CertificateArn,
  );
const certsFor = async (name: string) =>
  ((await acm.send(new ListCertificatesCommand({}))).CertificateSummaryList ?? []).filter((c) => c.DomainName === name);
const configOf = (dir: string) => readFileSync(join(dir, 'apprunner.deploy.yaml'), 'utf8');

describe('domain on ECS Express Mode', () => {
  it('adds a domain whose certificate is still pending, attaches it once issued, and removes exactly that', async () => {
    const { dir, service } = await deployed();
    const endpoint = service.activeConfigurations[0].ingressPaths[0].endpoint as string;
    const { listener, rule: own, loadBalancer } = service.managed;
    const theirs = await neighbour();
    const theirsBefore = await rule(theirs);
    // Another team's certificate for the same name, already on the shared listener: never ours to touch.
    const foreign = (
      await acm.send(
        new RequestCertificateCommand({
          DomainName: NAME,
          ValidationMethod: 'DNS',
          Tags: [{ Key: 'team', Value: 'web' }],
        }),
      )
    ).CertificateArn!;
    await elb.send(
      new AddListenerCertificatesCommand({ ListenerArn: listener.arn, Certificates: [{ CertificateArn: foreign }] }),
    );

    const added = await cli(dir, ['domain', 'add', NAME, '--no-wait']);
    expect(added.code, added.out).toBe(0);
    expect(added.stdout).toContain(`${NAME} (ECS Express Mode, us-east-1): PENDING_VALIDATION`);
    expect(added.stdout).toMatch(
      new RegExp(`${VALIDATION.replace(/\./g, '\\.')}\\s+CNAME\\s+_c9edd76ee4a0e2a74388032f3861cc50`),
    );
    expect(added.stdout).toContain('shared by up to 25 ECS Express services');
    expect(configOf(dir)).toMatch(/^domain: api\.example\.com$/m);
    const mine = (await certsFor(NAME)).map((c) => c.CertificateArn).filter((a) => a !== foreign);
    expect(mine).toHaveLength(1);
    // Pending: nothing on the load balancer has changed yet.
    expect(await hosts(own.arn)).toEqual([endpoint]);
    expect(await listenerCerts(listener.arn)).not.toContain(mine[0]);

    const pending = await cli(dir, ['domain', 'status', '--json']);
    expect(pending.code, pending.out).toBe(0);
    expect(JSON.parse(pending.stdout).domain).toMatchObject({ name: NAME, state: 'PENDING_VALIDATION', ready: false });

    await sleep(ACM_WAIT * 1000 + 500);
    const issued = await cli(dir, ['domain', 'status']);
    expect(issued.code, issued.out).toBe(0);
    expect(issued.stdout).toContain(`${NAME} (ECS Express Mode, us-east-1): ACTIVE`);
    // One bounded CNAME lookup: nothing resolves example.com's names to this load balancer here.
    expect(issued.stdout).toMatch(/DNS: (no CNAME record found yet|not checked|the CNAME points at)/);
    const lb = (await elb.send(new DescribeLoadBalancersCommand({ LoadBalancerArns: [loadBalancer.arn] })))
      .LoadBalancers![0]!;
    expect(issued.stdout).toMatch(
      new RegExp(`${NAME.replace(/\./g, '\\.')}\\s+CNAME\\s+${lb.DNSName!.replace(/\./g, '\\.')}`),
    );
    expect(issued.stdout).toContain(`hosted zone ${lb.CanonicalHostedZoneId}`);
    expect(await hosts(own.arn)).toEqual([endpoint, NAME]);
    expect(await listenerCerts(listener.arn)).toContain(mine[0]);
    // The neighbour's rule is exactly as it was.
    expect(await rule(theirs)).toEqual(theirsBefore);

    const status = await cli(dir, ['status']);
    expect(status.stdout).toMatch(/Domain\s+https:\/\/api\.example\.com: ACTIVE/);

    const removed = await cli(dir, ['domain', 'remove', '--yes']);
    expect(removed.code, removed.out).toBe(0);
    expect(await hosts(own.arn)).toEqual([endpoint]);
    const left = await listenerCerts(listener.arn);
    expect(left).not.toContain(mine[0]);
    expect(left).toContain(foreign);
    expect((await certsFor(NAME)).map((c) => c.CertificateArn)).toEqual([foreign]);
    expect(await rule(theirs)).toEqual(theirsBefore);
    expect(configOf(dir)).not.toMatch(/^domain:/m);

    const again = await cli(dir, ['domain', 'remove', '--yes']);
    expect(again.code, again.out).toBe(0);
    expect(again.stdout).toContain('has no custom domain: nothing to remove');
  });

  it('on a terminal, add waits for ACM to issue the certificate, then attaches it; delete removes it all', async () => {
    const { dir, service } = await deployed();
    const { listener, rule: own } = service.managed;
    const endpoint = service.activeConfigurations[0].ingressPaths[0].endpoint as string;
    // A rule that no longer routes the service's endpoint (changed by hand) is never modified.
    await elb.send(
      new ModifyRuleCommand({
        RuleArn: own.arn,
        Conditions: [{ Field: 'host-header', HostHeaderConfig: { Values: ['x.example.org'] } }],
      }),
    );
    const tampered = await cli(dir, ['domain', 'add', NAME]);
    expect(tampered.code, tampered.out).toBe(1);
    expect(tampered.stderr).toContain('does not route its endpoint');
    expect(await certsFor(NAME)).toEqual([]);
    await elb.send(
      new ModifyRuleCommand({
        RuleArn: own.arn,
        Conditions: [{ Field: 'host-header', HostHeaderConfig: { Values: [endpoint] } }],
      }),
    );
    const dry = await cli(dir, ['domain', 'add', NAME, '--dry-run']);
    expect(dry.code, dry.out).toBe(0);
    expect(dry.stdout).toContain('Would send acm:RequestCertificate');
    expect(await certsFor(NAME)).toEqual([]);
    expect(configOf(dir)).not.toMatch(/^domain:/m);

    const r = await runInTerminal(['domain', 'add', NAME], dir, [], process.execPath, {
      ...(deployEnv(backends(), env({ CREATE_APPRUNNER_APP_POLL_MS: '500' })) as Record<string, string>),
    });
    expect(r.code, r.out).toBe(0);
    expect(r.out).toContain(VALIDATION);
    expect(r.out).toContain('Waiting for ACM to issue the certificate');
    expect(r.out).toContain(`${NAME} (ECS Express Mode, us-east-1): ACTIVE`);
    const mine = (await certsFor(NAME))[0]!.CertificateArn!;
    expect((await acm.send(new DescribeCertificateCommand({ CertificateArn: mine }))).Certificate!.Status).toBe(
      'ISSUED',
    );
    expect(await hosts(own.arn)).toEqual([endpoint, NAME]);

    // A redeploy keeps honouring domain: (already attached: nothing sent twice).
    const docker = fakeDockerBin();
    const redeploy = await cli(dir, ['deploy'], { PATH: `${docker.bin}:${process.env.PATH}` });
    expect(redeploy.code, redeploy.out).toBe(0);
    expect(redeploy.stdout).toContain(`Custom domain: https://${NAME} (ACTIVE).`);
    expect(await hosts(own.arn)).toEqual([endpoint, NAME]);

    const del = await cli(dir, ['delete', '--yes']);
    expect(del.code, del.out).toBe(0);
    expect(del.stdout).toContain(`Removed the custom domain ${NAME}`);
    expect(await certsFor(NAME)).toEqual([]);
    expect(await listenerCerts(listener.arn)).not.toContain(mine);
  });

  it('Ctrl-C while waiting for the certificate stops the wait (exit 130); domain status finishes later', async () => {
    const { dir, service } = await deployed();
    const { listener, rule: own } = service.managed;
    const r = await runInTerminal(
      ['domain', 'add', NAME],
      dir,
      [{ expect: 'Waiting for ACM to issue the certificate', send: '\u0003' }],
      process.execPath,
      deployEnv(backends(), env({ CREATE_APPRUNNER_APP_POLL_MS: '500' })) as Record<string, string>,
    );
    expect(r.code, r.out).toBe(130);
    expect(r.out).toContain('domain status');
    // What AWS accepted is recorded; nothing is on the load balancer yet.
    expect(configOf(dir)).toMatch(/^domain: api\.example\.com$/m);
    const mine = (await certsFor(NAME))[0]!.CertificateArn!;
    expect(await listenerCerts(listener.arn)).not.toContain(mine);
    expect(await hosts(own.arn)).not.toContain(NAME);
    await sleep(ACM_WAIT * 1000 + 500);
    const later = await cli(dir, ['domain', 'status', '--json']);
    expect(later.code, later.out).toBe(0);
    expect(JSON.parse(later.stdout).domain).toMatchObject({ state: 'ACTIVE', ready: true });
    expect(await listenerCerts(listener.arn)).toContain(mine);
  });

  it('refuses a bad name (exit 2) and a service not deployed (exit 1), sending nothing to ACM', async () => {
    const dir = await makeApp('image');
    const file = join(dir, 'apprunner.deploy.yaml');
    writeFileSync(file, withTarget(readFileSync(file, 'utf8'), 'ecs-express'));
    for (const bad of [
      'API.example.com',
      '*.example.com',
      'api.example.com\u001b[2J',
      'https://api.example.com',
      'x'.repeat(120) + '.example.com',
    ]) {
      const r = await cli(dir, ['domain', 'add', bad]);
      expect(r.code, r.out).toBe(2);
      expect(r.stderr).toContain('Nothing was sent.');
      expect(r.stderr).not.toContain('\u001b');
    }
    const none = await cli(dir, ['domain', 'add', NAME]);
    expect(none.code, none.out).toBe(1);
    expect(none.stderr).toContain('go-api is not deployed in us-east-1');
    expect(await certsFor(NAME)).toEqual([]);
    expect(configOf(dir)).not.toMatch(/^domain:/m);
  });
});
