// The load balancer ECS Express Mode manages for its services, made for real in moto (ELBv2, ACM, EC2)
// so the ECS stand-in can report it (DescribeServiceRevisions → ecsManagedResources.ingressPaths) and
// the tool's ELBv2 and ACM calls meet a real listener and rule. As Express does: one internet-facing
// Application Load Balancer per VPC, shared by up to 25 services, with an HTTPS listener on 443 whose
// default certificate is ECS's own for *.ecs.<region>.on.aws and whose default action answers 404;
// each service gets its own target group and a listener rule matching its endpoint's host name. Every
// resource carries AmazonECSManaged=true, as the managed policy requires. A service's rule and target
// group go when it is deleted; the load balancer stays (other services share it).
// https://docs.aws.amazon.com/AmazonECS/latest/developerguide/express-service-work.html
import { randomBytes } from 'node:crypto';

import { ACMClient, RequestCertificateCommand } from '@aws-sdk/client-acm';
import {
  CreateListenerCommand,
  CreateLoadBalancerCommand,
  CreateRuleCommand,
  CreateTargetGroupCommand,
  DeleteRuleCommand,
  DeleteTargetGroupCommand,
  ElasticLoadBalancingV2Client,
} from '@aws-sdk/client-elastic-load-balancing-v2';

export type Json = Record<string, any>;

const MANAGED = [{ Key: 'AmazonECSManaged', Value: 'true' }];
const credentials = { accessKeyId: 'testing', secretAccessKey: 'testing' };

export interface ManagedIngress {
  /** The ingress path's managed resources for a new service (ManagedIngressPath minus accessType/endpoint). */
  forService(serviceName: string, endpoint: string): Promise<Json>;
  /** The service is gone: its rule and target group go; the shared load balancer and listener stay. */
  release(resources: Json): Promise<void>;
  /** The shared load balancer and listener, once made. */
  shared(): Promise<{ loadBalancerArn: string; listenerArn: string; certificateArn: string }>;
  close(): void;
}

/** moto's default VPC subnets, through EC2's query API (moto reads the service from the credential scope). */
async function defaultSubnets(motoUrl: string, region: string): Promise<{ vpcId: string; subnets: string[] }> {
  const res = await fetch(motoUrl, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      authorization: `AWS4-HMAC-SHA256 Credential=testing/20260101/${region}/ec2/aws4_request, SignedHeaders=host, Signature=0`,
    },
    body: 'Action=DescribeSubnets&Version=2016-11-15&Filter.1.Name=default-for-az&Filter.1.Value.1=true',
  });
  const xml = await res.text();
  const subnets = [...xml.matchAll(/<subnetId>([^<]+)<\/subnetId>/g)].map((m) => m[1]!);
  const vpcId = /<vpcId>([^<]+)<\/vpcId>/.exec(xml)?.[1];
  if (!res.ok || !vpcId || subnets.length < 2)
    throw new Error(`moto has no default subnets: HTTP ${res.status} ${xml.slice(0, 300)}`);
  return { vpcId, subnets: subnets.slice(0, 2) };
}

export function managedIngress(motoUrl: string, region = 'us-east-1'): ManagedIngress {
  const elb = new ElasticLoadBalancingV2Client({ endpoint: motoUrl, region, credentials });
  const acm = new ACMClient({ endpoint: motoUrl, region, credentials });
  let lb: Promise<{ loadBalancerArn: string; listenerArn: string; certificateArn: string; vpcId: string }> | undefined;
  let priority = 0;

  async function makeShared() {
    const { vpcId, subnets } = await defaultSubnets(motoUrl, region);
    const created = await elb.send(
      new CreateLoadBalancerCommand({
        Name: `ecs-express-gateway-alb-${randomBytes(4).toString('hex')}`,
        Subnets: subnets,
        Scheme: 'internet-facing',
        Type: 'application',
        Tags: MANAGED,
      }),
    );
    const loadBalancerArn = created.LoadBalancers![0]!.LoadBalancerArn!;
    const cert = await acm.send(
      new RequestCertificateCommand({ DomainName: `*.ecs.${region}.on.aws`, ValidationMethod: 'DNS', Tags: MANAGED }),
    );
    const listener = await elb.send(
      new CreateListenerCommand({
        LoadBalancerArn: loadBalancerArn,
        Protocol: 'HTTPS',
        Port: 443,
        Certificates: [{ CertificateArn: cert.CertificateArn }],
        DefaultActions: [
          { Type: 'fixed-response', FixedResponseConfig: { StatusCode: '404', ContentType: 'text/plain' } },
        ],
        Tags: MANAGED,
      }),
    );
    return {
      loadBalancerArn,
      listenerArn: listener.Listeners![0]!.ListenerArn!,
      certificateArn: cert.CertificateArn!,
      vpcId,
    };
  }

  return {
    shared: async () => (lb ??= makeShared()),
    async forService(serviceName, endpoint) {
      const shared = await (lb ??= makeShared());
      const tg = await elb.send(
        new CreateTargetGroupCommand({
          Name: `ecs-gateway-tg-${randomBytes(6).toString('hex')}`,
          Protocol: 'HTTP',
          Port: 80,
          VpcId: shared.vpcId,
          TargetType: 'ip',
          HealthCheckPath: '/ping',
          Tags: MANAGED,
        }),
      );
      const tgArn = tg.TargetGroups![0]!.TargetGroupArn!;
      const rule = await elb.send(
        new CreateRuleCommand({
          ListenerArn: shared.listenerArn,
          Priority: ++priority,
          Conditions: [{ Field: 'host-header', HostHeaderConfig: { Values: [endpoint] } }],
          Actions: [{ Type: 'forward', TargetGroupArn: tgArn }],
          Tags: [...MANAGED, { Key: 'service', Value: serviceName }],
        }),
      );
      const at = Date.now() / 1000;
      return {
        loadBalancer: { arn: shared.loadBalancerArn, status: 'ACTIVE', updatedAt: at, scheme: 'internet-facing' },
        certificate: {
          arn: shared.certificateArn,
          status: 'ACTIVE',
          updatedAt: at,
          domainName: `*.ecs.${region}.on.aws`,
        },
        listener: { arn: shared.listenerArn, status: 'ACTIVE', updatedAt: at },
        rule: { arn: rule.Rules![0]!.RuleArn!, status: 'ACTIVE', updatedAt: at },
        targetGroups: [
          { arn: tgArn, status: 'ACTIVE', updatedAt: at, healthCheckPath: '/ping', healthCheckPort: 80, port: 80 },
        ],
      };
    },
    async release(resources) {
      await elb.send(new DeleteRuleCommand({ RuleArn: resources.rule.arn }));
      for (const tg of resources.targetGroups) await elb.send(new DeleteTargetGroupCommand({ TargetGroupArn: tg.arn }));
    },
    close() {
      elb.destroy();
      acm.destroy();
    },
  };
}
