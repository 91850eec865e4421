// doctor's ECS Express checks: what a first Express deploy needs in the region besides permissions.
// - A network: the app's own subnets, else the default VPC with public subnets (Express puts an
//   internet-facing load balancer there; the getting-started guide lists it as a prerequisite).
// - The infrastructure role deploy uses (it creates it when missing: a warning, not a failure) and the
//   ECS service-linked role (created by ECS on first use where the caller may; a warning too).
// - The quotas a workshop hits: Fargate On-Demand vCPU and services per cluster (Service Quotas).
// https://docs.aws.amazon.com/AmazonECS/latest/developerguide/express-service-getting-started.html
// https://docs.aws.amazon.com/AmazonECS/latest/developerguide/service-quotas.html
import { createEc2 } from '../../aws/ec2.js';
import { AwsCallError, kindOf } from '../../aws/errors.js';
import { createIam } from '../../aws/iam.js';
import { createServiceQuotas } from '../../aws/service-quotas.js';
import { type CheckResult, fail, guarded, ok, warn } from '../../doctor/check.js';
import type { DoctorAws, PlatformDoctor } from '../../doctor/platform-checks.js';
import { INFRASTRUCTURE_ROLE_NAME } from './requests.js';

const SERVICE_LINKED_ROLE = 'AWSServiceRoleForECS';
// Service Quotas codes: Fargate On-Demand vCPU resource count (L-3032A538), services per cluster (L-9EF96962).
// A room of thirty at the default size (1 vCPU a task) in one account needs 30 of each; a new account's
// Fargate vCPU quota can be far lower than the documented default until AWS raises it.
const ROOM = 30;
const QUOTAS = [
  { service: 'fargate', code: 'L-3032A538', label: 'Fargate On-Demand vCPU' },
  { service: 'ecs', code: 'L-9EF96962', label: 'ECS services per cluster' },
];

export const ecsExpressDoctor: PlatformDoctor = async (d) => {
  const base = { region: d.region, ms: d.ms, parent: d.signal };
  return Promise.all([
    guarded({ ...base, id: 'ecs-network', label: 'ECS Express network', service: 'ec2' }, (signal) =>
      network(d, signal),
    ),
    guarded({ ...base, id: 'ecs-roles', label: 'ECS Express roles', service: 'iam' }, (signal) => roles(d, signal)),
    guarded({ ...base, id: 'ecs-quotas', label: 'ECS Express quotas', service: 'servicequotas' }, (signal) =>
      quotas(d, signal),
    ),
  ]);
};

async function network(d: DoctorAws, signal: AbortSignal): Promise<CheckResult> {
  const label = 'ECS Express network';
  const ec2 = await createEc2({ region: d.region, profile: d.profile, signal });
  try {
    const given = d.config?.network && 'vpcSubnets' in d.config.network ? d.config.network.vpcSubnets : undefined;
    if (given) {
      const subnets = await ec2.subnets({ ids: given });
      const missing = given.filter((id) => !subnets.some((s) => s.id === id));
      if (missing.length)
        return fail(
          'ecs-network',
          label,
          `the app's subnets ${missing.join(', ')} are not in ${d.region}`,
          'fix network.vpcSubnets in apprunner.deploy.yaml',
        );
      const zones = new Set(subnets.map((s) => s.zone));
      if (zones.size < 2)
        return fail(
          'ecs-network',
          label,
          `the app's subnets are in ${zones.size} availability zone`,
          'give subnets in at least two zones (a load balancer needs two)',
        );
      return ok('ecs-network', label, `the app's ${subnets.length} subnets in ${zones.size} zones`);
    }
    const vpc = await ec2.defaultVpc();
    if (!vpc)
      return fail(
        'ecs-network',
        label,
        `no default VPC in ${d.region}`,
        `create one (aws ec2 create-default-vpc --region ${d.region}) or give subnets in apprunner.deploy.yaml network.vpcSubnets`,
      );
    const publics = (await ec2.subnets({ vpcId: vpc })).filter((s) => s.public);
    const zones = new Set(publics.map((s) => s.zone));
    if (zones.size < 2)
      return fail(
        'ecs-network',
        label,
        `the default VPC ${vpc} has public subnets in ${zones.size} zone${zones.size === 1 ? '' : 's'}`,
        'a load balancer needs public subnets in two zones: create default subnets (aws ec2 create-default-subnet --availability-zone <zone>)',
      );
    return ok('ecs-network', label, `default VPC ${vpc} with public subnets in ${zones.size} zones`);
  } finally {
    ec2.close();
  }
}

async function roles(d: DoctorAws, signal: AbortSignal): Promise<CheckResult> {
  const label = 'ECS Express roles';
  const iam = await createIam({ region: d.region, profile: d.profile, signal });
  try {
    const [infra, linked] = await Promise.all([
      iam.getRole(INFRASTRUCTURE_ROLE_NAME),
      iam.getRole(SERVICE_LINKED_ROLE),
    ]);
    const missing = [!infra && INFRASTRUCTURE_ROLE_NAME, !linked && SERVICE_LINKED_ROLE].filter(Boolean);
    if (missing.length)
      return warn(
        'ecs-roles',
        label,
        `${missing.join(' and ')} not there yet`,
        `deploy creates ${INFRASTRUCTURE_ROLE_NAME}, ECS creates ${SERVICE_LINKED_ROLE} on first use: the caller needs iam:CreateRole and iam:CreateServiceLinkedRole`,
      );
    return ok('ecs-roles', label, `${INFRASTRUCTURE_ROLE_NAME} and ${SERVICE_LINKED_ROLE} are there`);
  } finally {
    iam.close();
  }
}

async function quotas(d: DoctorAws, signal: AbortSignal): Promise<CheckResult> {
  const label = 'ECS Express quotas';
  const sq = await createServiceQuotas({ region: d.region, profile: d.profile, signal });
  try {
    // A quota Service Quotas cannot answer for (not there, or the endpoint does not know it) is "unknown".
    const read = async (q: (typeof QUOTAS)[number]) =>
      sq.value(q.service, q.code).catch((error: unknown) => {
        if (error instanceof AwsCallError && !['access-denied', 'network', 'cancelled'].includes(kindOf(error)))
          return undefined;
        throw error;
      });
    const values = await Promise.all(QUOTAS.map(async (q) => ({ q, value: await read(q) })));
    const unknown = values.filter((v) => v.value === undefined).map((v) => v.q.label);
    const low = values.filter((v) => v.value !== undefined && v.value < ROOM).map((v) => `${v.q.label} ${v.value}`);
    const said = values
      .filter((v) => v.value !== undefined)
      .map((v) => `${v.q.label} ${v.value}`)
      .join(', ');
    if (low.length)
      return warn(
        'ecs-quotas',
        label,
        `below ${ROOM} (a room of ${ROOM} at 1 vCPU a task in one account): ${low.join(', ')}`,
        'ask for an increase in the Service Quotas console before the day',
      );
    if (unknown.length)
      return warn(
        'ecs-quotas',
        label,
        `could not be checked: ${unknown.join(', ')} unknown to Service Quotas here${said ? ` (${said})` : ''}`,
      );
    return ok('ecs-quotas', label, said);
  } finally {
    sq.close();
  }
}
