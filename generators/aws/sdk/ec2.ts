// Only the EC2 commands the tool sends. The EC2 client package holds several hundred commands (about
// 1 MB bundled); named from its ES module build (scripts/build.mjs), the bundle keeps just these.
export {
  DescribeSubnetsCommand,
  DescribeVpcsCommand,
  EC2Client,
  paginateDescribeRouteTables,
  paginateDescribeSubnets,
  paginateDescribeVpcEndpoints,
} from '@aws-sdk/client-ec2';
