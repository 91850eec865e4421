// The Elastic Load Balancing (v2) calls the tool makes for a custom domain on ECS Express Mode: read the
// service's managed load balancer (DNS name, hosted zone), its HTTPS listener's certificates and its
// listener rule; add or remove one certificate on that listener; replace that rule's conditions. Which
// listener and rule are the service's comes from ECS (ecsManagedResources), never from a search here.
// The only definition of ELBv2's "not found". Tests point the client at moto through AWS_ENDPOINT_URL.
// API: https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_ModifyRule.html
import type { LoadBalancer, Rule, RuleCondition } from '@aws-sdk/client-elastic-load-balancing-v2';

import { type AwsOptions, call, callOrMissing, interop, settingsOf } from './call.js';
import type { AwsCallError } from './errors.js';

const isElbNotFound = (error: AwsCallError) =>
  /^(LoadBalancerNotFound|ListenerNotFound|RuleNotFound)(Exception)?$/.test(error.code);

export interface Elbv2 {
  loadBalancer(arn: string): Promise<LoadBalancer | undefined>;
  /** The listener's certificates besides its default one (DescribeListenerCertificates lists both). */
  listenerCertificates(listenerArn: string): Promise<{ arn: string; isDefault: boolean }[]>;
  addListenerCertificate(listenerArn: string, certificateArn: string): Promise<void>;
  removeListenerCertificate(listenerArn: string, certificateArn: string): Promise<void>;
  rule(arn: string): Promise<Rule | undefined>;
  /** ModifyRule with these conditions (ELBv2 replaces the rule's conditions as a whole); actions stay. */
  setRuleConditions(ruleArn: string, conditions: RuleCondition[]): Promise<void>;
  close(): void;
}

export async function createElbv2(o: AwsOptions): Promise<Elbv2> {
  const elb = interop(await import('./sdk/elbv2.js'));
  const client = new elb.ElasticLoadBalancingV2Client(settingsOf(o));
  const opts = { abortSignal: o.signal };
  return {
    loadBalancer: async (arn) =>
      (
        await callOrMissing(
          'elasticloadbalancing:DescribeLoadBalancers',
          arn,
          () => client.send(new elb.DescribeLoadBalancersCommand({ LoadBalancerArns: [arn] }), opts),
          isElbNotFound,
        )
      )?.LoadBalancers?.[0],
    async listenerCertificates(listenerArn) {
      const out: { arn: string; isDefault: boolean }[] = [];
      let marker: string | undefined;
      do {
        const page = await call('elasticloadbalancing:DescribeListenerCertificates', listenerArn, () =>
          client.send(new elb.DescribeListenerCertificatesCommand({ ListenerArn: listenerArn, Marker: marker }), opts),
        );
        for (const c of page.Certificates ?? [])
          if (c.CertificateArn) out.push({ arn: c.CertificateArn, isDefault: c.IsDefault === true });
        marker = page.NextMarker;
      } while (marker);
      return out;
    },
    addListenerCertificate: async (listenerArn, certificateArn) => {
      await call('elasticloadbalancing:AddListenerCertificates', listenerArn, () =>
        client.send(
          new elb.AddListenerCertificatesCommand({
            ListenerArn: listenerArn,
            Certificates: [{ CertificateArn: certificateArn }],
          }),
          opts,
        ),
      );
    },
    removeListenerCertificate: async (listenerArn, certificateArn) => {
      await call('elasticloadbalancing:RemoveListenerCertificates', listenerArn, () =>
        client.send(
          new elb.RemoveListenerCertificatesCommand({
            ListenerArn: listenerArn,
            Certificates: [{ CertificateArn: certificateArn }],
          }),
          opts,
        ),
      );
    },
    rule: async (arn) =>
      (
        await callOrMissing(
          'elasticloadbalancing:DescribeRules',
          arn,
          () => client.send(new elb.DescribeRulesCommand({ RuleArns: [arn] }), opts),
          isElbNotFound,
        )
      )?.Rules?.[0],
    setRuleConditions: async (ruleArn, conditions) => {
      await call('elasticloadbalancing:ModifyRule', ruleArn, () =>
        client.send(new elb.ModifyRuleCommand({ RuleArn: ruleArn, Conditions: conditions }), opts),
      );
    },
    close: () => client.destroy(),
  };
}
