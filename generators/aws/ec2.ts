// The EC2 reads doctor makes for ECS Express Mode: the region's default VPC and which of its subnets give
// a public IP at launch (Express puts an internet-facing load balancer in the default VPC's public subnets
// when no network configuration is given), and the subnets an app names. Reads only.
// https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeVpcs.html
// https://docs.aws.amazon.com/AmazonECS/latest/developerguide/express-service-getting-started.html
import { type AwsOptions, call, interop, settingsOf } from './call.js';

export interface SubnetFacts {
  id: string;
  zone?: string;
  public: boolean;
  vpcId?: string;
}

export interface Ec2 {
  /** The default VPC's id, or undefined when the region has none. */
  defaultVpc(): Promise<string | undefined>;
  /** The subnets of a VPC, or the subnets with these ids. */
  subnets(by: { vpcId: string } | { ids: string[] }): Promise<SubnetFacts[]>;
  close(): void;
}

export async function createEc2(o: AwsOptions): Promise<Ec2> {
  const ec2 = interop(await import('@aws-sdk/client-ec2')) as typeof import('@aws-sdk/client-ec2');
  const client = new ec2.EC2Client(settingsOf(o));
  const opts = { abortSignal: o.signal };
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
    close: () => client.destroy(),
  };
}
