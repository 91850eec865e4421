// The Amazon EC2 calls the tool makes, all reads. doctor: the region's default VPC and which of its
// subnets give a public IP at launch (Express puts an internet-facing load balancer in the default VPC's
// public subnets when no network configuration is given), and the subnets an app names. migrate: whether
// subnets can reach the internet (a route to an internet or NAT gateway) or have VPC endpoints for ECR and
// CloudWatch Logs, which a task in a private subnet needs to pull its image and write its logs.
// https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeVpcs.html
// https://docs.aws.amazon.com/AmazonECS/latest/developerguide/express-service-getting-started.html
// https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-networking-awsvpc.html
import type { RouteTable } from '@aws-sdk/client-ec2';

import { type AwsOptions, call, interop, listAll, settingsOf } from './call.js';

export interface SubnetFacts {
  id: string;
  zone?: string;
  public: boolean;
  vpcId?: string;
}

export interface SubnetRoutes {
  id: string;
  vpcId?: string;
  /** The route tables that apply: the subnet's own association, else its VPC's main table. */
  routes: { destination?: string; gateway?: string; natGateway?: string }[];
}

export interface Ec2 {
  /** The default VPC's id, or undefined when the region has none. */
  defaultVpc(): Promise<string | undefined>;
  /** The subnets of a VPC, or the subnets with these ids. */
  subnets(by: { vpcId: string } | { ids: string[] }): Promise<SubnetFacts[]>;
  /** The routes each of these subnets follows. */
  subnetRoutes(ids: string[]): Promise<SubnetRoutes[]>;
  /** The service names of the VPC's endpoints (com.amazonaws.<region>.ecr.dkr, …). */
  endpointServices(vpcId: string): Promise<string[]>;
  close(): void;
}

export async function createEc2(o: AwsOptions): Promise<Ec2> {
  const ec2 = interop(await import('./sdk/ec2.js'));
  const client = new ec2.EC2Client(settingsOf(o));
  const opts = { abortSignal: o.signal };
  const tables = (filters: { Name: string; Values: string[] }[]) =>
    listAll<RouteTable>(
      'ec2:DescribeRouteTables',
      `region ${o.region}`,
      () => ec2.paginateDescribeRouteTables({ client }, { Filters: filters }),
      'RouteTables',
    );
  const routesOf = (t: RouteTable[]) =>
    t.flatMap((table) =>
      (table.Routes ?? []).map((r) => ({
        destination: r.DestinationCidrBlock ?? r.DestinationIpv6CidrBlock,
        gateway: r.GatewayId,
        natGateway: r.NatGatewayId,
      })),
    );
  return {
    defaultVpc: () =>
      call('ec2:DescribeVpcs', `the default VPC of ${o.region}`, async () => {
        const out = await client.send(
          new ec2.DescribeVpcsCommand({ Filters: [{ Name: 'is-default', Values: ['true'] }] }),
          opts,
        );
        return out.Vpcs?.find((v) => v.IsDefault)?.VpcId;
      }),
    subnets: (by) =>
      call(
        'ec2:DescribeSubnets',
        'vpcId' in by ? `the subnets of ${by.vpcId}` : `subnets ${by.ids.join(', ')}`,
        async () => {
          const input = 'vpcId' in by ? { Filters: [{ Name: 'vpc-id', Values: [by.vpcId] }] } : { SubnetIds: by.ids };
          const out = await client.send(new ec2.DescribeSubnetsCommand(input), opts);
          return (out.Subnets ?? []).map((s) => ({
            id: s.SubnetId ?? '',
            zone: s.AvailabilityZone,
            public: s.MapPublicIpOnLaunch === true,
            vpcId: s.VpcId,
          }));
        },
      ),
    async subnetRoutes(ids) {
      const subnets = await listAll<{ SubnetId?: string; VpcId?: string }>(
        'ec2:DescribeSubnets',
        ids.join(', '),
        () => ec2.paginateDescribeSubnets({ client }, { SubnetIds: ids }),
        'Subnets',
      );
      const out: SubnetRoutes[] = [];
      for (const s of subnets) {
        let own = await tables([{ Name: 'association.subnet-id', Values: [s.SubnetId!] }]);
        if (!own.length && s.VpcId)
          own = await tables([
            { Name: 'vpc-id', Values: [s.VpcId] },
            { Name: 'association.main', Values: ['true'] },
          ]);
        out.push({ id: s.SubnetId!, vpcId: s.VpcId, routes: routesOf(own) });
      }
      return out;
    },
    endpointServices: async (vpcId) =>
      (
        await listAll<{ ServiceName?: string }>(
          'ec2:DescribeVpcEndpoints',
          vpcId,
          () => ec2.paginateDescribeVpcEndpoints({ client }, { Filters: [{ Name: 'vpc-id', Values: [vpcId] }] }),
          'VpcEndpoints',
        )
      ).map((e) => e.ServiceName ?? ''),
    close: () => client.destroy(),
  };
}
