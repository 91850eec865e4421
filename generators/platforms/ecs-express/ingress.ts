// Where an Express service takes its traffic: the load balancer, HTTPS listener and listener rule ECS
// manages for it, as ECS reports them for the service's active revision (DescribeServiceRevisions →
// ecsManagedResources.ingressPaths). The load balancer and its listener are shared by up to 25 Express
// services in the VPC; the rule is this service's own. Nothing here searches the load balancer for a
// rule: only the one ECS names for this service is ever used, and only after checking that it sits on
// the listener ECS names and routes this service's own endpoint (its host-header condition).
// https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ECSManagedResources.html
// https://docs.aws.amazon.com/AmazonECS/latest/developerguide/express-service-advanced-customization.html
import type { ManagedIngressPath } from '@aws-sdk/client-ecs';
import type { Rule, RuleCondition } from '@aws-sdk/client-elastic-load-balancing-v2';

import { isOurs, notOursText } from '../ownership/owner.js';
import type { Live } from '../platform.js';
import { DeployError } from '../shared/errors.js';
import type { EcsClients } from './index.js';
import { serviceArnIn } from './operate.js';

export interface Ingress {
  /** The service's own host name under *.ecs.<region>.on.aws. */
  endpoint: string;
  loadBalancerArn: string;
  listenerArn: string;
  ruleArn: string;
}

const gone = (status?: string) => status === 'DELETED' || status === 'DEPROVISIONING';

/** The path's parts, if ECS names them all and they hang together (the listener on the load balancer, the rule on the listener). */
function complete(p: ManagedIngressPath): Ingress | undefined {
  const lb = p.loadBalancer?.arn;
  const listener = p.listener?.arn;
  const rule = p.rule?.arn;
  if (!p.endpoint || !lb || !listener || !rule) return undefined;
  if ([p.loadBalancer?.status, p.listener?.status, p.rule?.status].some(gone)) return undefined;
  const lbId = lb.replace(':loadbalancer/', ':listener/');
  const listenerId = listener.replace(':listener/', ':listener-rule/');
  if (!listener.startsWith(`${lbId}/`) || !rule.startsWith(`${listenerId}/`)) return undefined;
  return { endpoint: p.endpoint, loadBalancerArn: lb, listenerArn: listener, ruleArn: rule };
}

/** The service's public ingress, or undefined when ECS reports none (yet). Refuses a service that is not this app's. */
export async function ingressOf(live: Live<EcsClients>): Promise<Ingress | undefined> {
  const { ecs } = live.clients;
  const name = live.config.service.name;
  const service = await ecs.describeExpress(await serviceArnIn(live));
  if (!service || service.status?.statusCode !== 'ACTIVE') return undefined;
  if (!isOurs(service.tags, live.config))
    throw new DeployError(
      `The ECS Express service ${name} in ${live.region} is ${notOursText(service.tags, live.config)}, so domain leaves it alone.`,
      1,
    );
  const arns = (service.activeConfigurations ?? []).map((c) => c.serviceRevisionArn).filter((a): a is string => !!a);
  const paths = (await ecs.serviceRevisions(arns)).flatMap((r) => r.ecsManagedResources?.ingressPaths ?? []);
  const usable = paths.map((p) => ({ p, ingress: complete(p) })).filter((u) => u.ingress !== undefined);
  return (usable.find((u) => u.p.accessType === 'PUBLIC') ?? usable[0])?.ingress;
}

/** The host names a rule's host-header condition matches. */
export function hostsOf(rule: Rule | undefined): string[] {
  const c = rule?.Conditions?.find((x) => x.Field === 'host-header');
  return [...(c?.HostHeaderConfig?.Values ?? c?.Values ?? [])];
}

/**
 * The rule's conditions with the host-header values changed, every other condition as it was. ELBv2
 * returns both `Values` and the `…Config` form; a request may carry only one, so the Config form is kept.
 */
export function withHosts(rule: Rule, hosts: string[]): RuleCondition[] {
  const others = (rule.Conditions ?? [])
    .filter((c) => c.Field !== 'host-header')
    .map(({ Values, ...c }) => (Object.keys(c).some((k) => k.endsWith('Config')) ? c : { ...c, Values }));
  return [{ Field: 'host-header', HostHeaderConfig: { Values: hosts } }, ...others];
}

/** The rule ECS named, read and checked to route this service's endpoint; a refusal otherwise (nothing changed). */
export async function ownRule(live: Live<EcsClients>, ingress: Ingress): Promise<Rule> {
  const rule = await live.clients.elbv2.rule(ingress.ruleArn);
  if (!rule || !hostsOf(rule).includes(ingress.endpoint))
    throw new DeployError(
      `The listener rule ECS reports for ${live.config.service.name} (${ingress.ruleArn}) ` +
        `${rule ? `does not route its endpoint ${ingress.endpoint}` : 'is not on the load balancer'}, so domain changes nothing on it. ` +
        'Run domain status again in a minute; if it persists, the rule was changed by hand.',
      1,
    );
  return rule;
}
