// The network half of the mapping (pure): App Runner's egress (a VPC connector) and ingress, and its custom
// domains, which Express has no parameter for: each domain gets the documented steps.
// https://docs.aws.amazon.com/AmazonECS/latest/developerguide/express-service-advanced-customization.html
import type { SourceFacts } from './facts.js';

type Row = (setting: string, appRunner: string, express: string, carried?: boolean) => void;

export function networkRows(
  facts: SourceFacts,
  row: Row,
  warnings: string[],
): { subnets: string[]; securityGroups: string[] } | undefined {
  const n = facts.service.NetworkConfiguration;
  if (n?.IngressConfiguration?.IsPubliclyAccessible === false)
    row(
      'Ingress',
      'private (reached through a VPC ingress connection)',
      'not carried over: Express makes an internal load balancer only when its subnets are private (the first Express ' +
        'service in a VPC decides); reach it from the VPC, or put CloudFront with a VPC origin in front',
      false,
    );
  if (n?.IpAddressType === 'DUAL_STACK')
    row('IP address type', 'DUAL_STACK', 'not carried over: the Express load balancer is IPv4', false);
  const egress = n?.EgressConfiguration;
  if (egress?.EgressType !== 'VPC') {
    row('Outbound network', 'default (App Runner managed)', 'no networkConfiguration: the default VPC and its subnets');
    return undefined;
  }
  const v = facts.vpcConnector;
  if (!v) {
    row(
      'Outbound network',
      `VPC connector ${egress.VpcConnectorArn}`,
      'not carried over: the connector could not be read; give network.vpcSubnets and network.vpcSecurityGroups yourself',
      false,
    );
    return undefined;
  }
  const subnets = v.Subnets ?? [];
  const securityGroups = v.SecurityGroups ?? [];
  row(
    'Outbound network',
    `VPC connector ${v.VpcConnectorName}:${v.VpcConnectorRevision}`,
    `networkConfiguration subnets ${subnets.join(', ')}; securityGroups ${securityGroups.join(', ') || '(none: Express adds its own)'}`,
  );
  routingWarning(facts, subnets, warnings);
  if (subnets.length < 2)
    warnings.push(
      `The VPC connector has ${subnets.length} subnet: Express needs subnets in at least 2 Availability Zones for its load balancer. Add one to network.vpcSubnets.`,
    );
  return { subnets, securityGroups };
}

const NEEDED = ['ecr.api', 'ecr.dkr', 'logs'];

function routingWarning(facts: SourceFacts, subnets: string[], warnings: string[]): void {
  const r = facts.routing;
  if (!r) return;
  if (!r.checked) {
    warnings.push(
      `Could not check whether the subnets ${subnets.join(', ')} reach the internet (${r.why}). In a private subnet without ` +
        'a NAT gateway or VPC endpoints for ECR (ecr.api, ecr.dkr, plus the S3 gateway) and CloudWatch Logs, the tasks cannot pull their image.',
    );
    return;
  }
  const missing = NEEDED.filter((e) => !r.endpoints.some((s) => s.endsWith(`.${e}`)));
  if (r.isolated.length && missing.length)
    warnings.push(
      `The subnets ${r.isolated.join(', ')} have no route to an internet or NAT gateway, and the VPC has no endpoint for ` +
        `${missing.join(', ')}: tasks there cannot pull the image or write logs. Add a NAT gateway route or those VPC endpoints ` +
        '(and the S3 gateway endpoint) before cutting over.',
    );
}

export function domainRows(facts: SourceFacts, row: Row): void {
  if (!facts.customDomains.length) return;
  for (const d of facts.customDomains) {
    row(
      'Custom domain',
      `${d.DomainName} (${d.Status}${d.EnableWWWSubdomain ? ', with www.' : ''})`,
      `not carried over: once the Express service runs, run domain add ${d.DomainName} in the app's folder (it requests ` +
        `the ACM certificate in ${facts.region}, prints its validation record, attaches it to the service's load balancer ` +
        `and listener rule, and prints the DNS record), then point ${d.DomainName} at the load balancer instead of ` +
        `${facts.dnsTarget ?? 'App Runner'}`,
      false,
    );
  }
}
