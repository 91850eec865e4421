// The ecs calls the tool sends, named so the bundle keeps only these (see ./ec2.ts).
export {
  CreateExpressGatewayServiceCommand,
  DeleteExpressGatewayServiceCommand,
  DescribeExpressGatewayServiceCommand,
  DescribeServiceDeploymentsCommand,
  DescribeServiceRevisionsCommand,
  ECSClient,
  ListServiceDeploymentsCommand,
  TagResourceCommand,
  UpdateExpressGatewayServiceCommand,
} from '@aws-sdk/client-ecs';
