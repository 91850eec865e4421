// Reads everything migrate maps, and changes nothing: DescribeService and the configurations it references
// (auto scaling, observability, VPC connector), the custom domains, the image's digest in ECR, the instance
// role's policies, and the VPC connector subnets' routes. Any App Runner service, ours or not.
import type { AppRunner } from '../../aws/apprunner.js';
import type { Ec2 } from '../../aws/ec2.js';
import type { Ecr } from '../../aws/ecr.js';
import { AwsCallError } from '../../aws/errors.js';
import type { Iam } from '../../aws/iam.js';
import { DeployError } from '../shared/errors.js';
import { parseImageUri } from '../shared/image-uri.js';
import type { RoleCopy, Routing, SourceFacts } from './facts.js';

export interface ReadClients {
  apprunner: AppRunner;
  ecr: Ecr;
  iam: Iam;
  ec2: Ec2;
}

/** `from` is a service name or ARN; the answer is the live service's ARN, or a plain refusal. */
export async function findSource(apprunner: AppRunner, from: string, region: string): Promise<string> {
  if (from.startsWith('arn:')) {
    const arnRegion = from.split(':')[3];
    if (arnRegion && arnRegion !== region)
      throw new DeployError(`--from ${from} is in ${arnRegion}, not ${region}: pass --region ${arnRegion}.`, 2);
    return from;
  }
  const found = await apprunner.findService(from);
  if (!found?.ServiceArn)
    throw new DeployError(
      `No App Runner service named ${from} in ${region}. List them with: aws apprunner list-services --region ${region}`,
    );
  return found.ServiceArn;
}

export async function readSource(c: ReadClients, arn: string, region: string, account: string): Promise<SourceFacts> {
  const service = await c.apprunner.describeService(arn);
  if (!service || service.Status === 'DELETED')
    throw new DeployError(`The App Runner service ${arn} is not there (deleted, or another account's).`);
  const asArn = service.AutoScalingConfigurationSummary?.AutoScalingConfigurationArn;
  const obsArn = service.ObservabilityConfiguration?.ObservabilityEnabled
    ? service.ObservabilityConfiguration.ObservabilityConfigurationArn
    : undefined;
  const vpcArn = service.NetworkConfiguration?.EgressConfiguration?.VpcConnectorArn;
  const [autoScaling, observability, vpcConnector, domains] = await Promise.all([
    asArn ? c.apprunner.describeAutoScaling(asArn) : undefined,
    obsArn ? c.apprunner.describeObservability(obsArn) : undefined,
    service.NetworkConfiguration?.EgressConfiguration?.EgressType === 'VPC' && vpcArn
      ? c.apprunner.describeVpcConnector(vpcArn)
      : undefined,
    c.apprunner.describeCustomDomains(arn),
  ]);
  const image = await digestOf(c.ecr, service.SourceConfiguration?.ImageRepository?.ImageIdentifier);
  const roleArn = service.InstanceConfiguration?.InstanceRoleArn;
  return {
    region,
    account,
    service,
    autoScaling,
    observability,
    vpcConnector,
    customDomains: domains.domains,
    dnsTarget: domains.dnsTarget,
    ...image,
    instanceRole: roleArn ? await readRole(c.iam, roleArn) : undefined,
    routing: vpcConnector?.Subnets?.length ? await routingOf(c.ec2, vpcConnector.Subnets) : undefined,
  };
}

/** A private ECR image named by tag → the digest the tag points at now (ECR Public and denials: said, not fatal). */
async function digestOf(ecr: Ecr, id: string | undefined): Promise<{ digest?: string; digestProblem?: string }> {
  if (!id || id.includes('@')) return {};
  const ref = parseImageUri(id, () => '');
  if ('error' in ref || ref.type !== 'ECR')
    return { digestProblem: 'ECR Public images are not resolved to a digest here' };
  const tag = /:([^:/]+)$/.exec(id)?.[1] ?? 'latest';
  try {
    const digest = await ecr.imageDigest(ref.repository, tag, ref.account);
    return digest ? { digest } : { digestProblem: `ECR has no image tagged ${tag} in ${ref.repository}` };
  } catch (error) {
    if (error instanceof AwsCallError) return { digestProblem: `ecr:DescribeImages failed: ${error.code}` };
    throw error;
  }
}

async function readRole(iam: Iam, arn: string): Promise<RoleCopy> {
  const name = arn.split('/').pop()!;
  const role = await iam.getRole(name);
  if (!role)
    throw new DeployError(
      `The service's instance role ${arn} is not there any more, so migrate cannot copy its policies. ` +
        'Give the App Runner service a role that exists (or none), then run migrate again.',
    );
  const [inline, managed] = await Promise.all([iam.inlinePolicies(name), iam.attachedPolicies(name)]);
  return { name, arn: role.Arn ?? arn, inline, managed };
}

async function routingOf(ec2: Ec2, subnets: string[]): Promise<Routing> {
  try {
    const facts = await ec2.subnetRoutes(subnets);
    const isolated = facts
      .filter(
        (s) => !s.routes.some((r) => r.destination === '0.0.0.0/0' && (r.natGateway || r.gateway?.startsWith('igw-'))),
      )
      .map((s) => s.id);
    const vpcs = [...new Set(facts.map((s) => s.vpcId).filter((v): v is string => Boolean(v)))];
    const endpoints = isolated.length ? (await Promise.all(vpcs.map((v) => ec2.endpointServices(v)))).flat() : [];
    return { checked: true, isolated, endpoints };
  } catch (error) {
    if (error instanceof AwsCallError) return { checked: false, why: `${error.operation}: ${error.code}` };
    throw error;
  }
}
