// The Amazon EC2 calls the tool makes: read-only, to tell whether subnets can reach the internet (a route
// to an internet or NAT gateway) or have VPC endpoints for ECR and CloudWatch Logs, which a task in a
// private subnet needs to pull its image and write its logs. Nothing here changes anything.
// https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-networking-awsvpc.html
import type { RouteTable } from '@aws-sdk/client-ec2';

import { type AwsOptions, interop, listAll, settingsOf } from './call.js';

export interface SubnetFacts {
  id: string;
  vpcId?: string;
  /** The route tables that apply: the subnet's own association, else its VPC's main table. */
  routes: { destination?: string; gateway?: string; natGateway?: string }[];
}

export interface Ec2 {
  subnets(ids: string[]): Promise<SubnetFacts[]>;
  /** The service names of the VPC's endpoints (com.amazonaws.<region>.ecr.dkr, …). */
  endpointServices(vpcId: string): Promise<string[]>;
  close(): void;
}

export async function createEc2(o: AwsOptions): Promise<Ec2> {
  const ec2 = interop(await import('@aws-sdk/client-ec2')) as typeof import('@aws-sdk/client-ec2');
  const client = new ec2.EC2Client(settingsOf(o));
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
    async subnets(ids) {
      const subnets = await listAll<{ SubnetId?: string; VpcId?: string }>(
        'ec2:DescribeSubnets',
        ids.join(', '),
        () => ec2.paginateDescribeSubnets({ client }, { SubnetIds: ids }),
        'Subnets',
      );
      const out: SubnetFacts[] = [];
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
