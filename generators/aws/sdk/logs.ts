// The cloudwatch-logs calls the tool sends, named so the bundle keeps only these (see ./ec2.ts).
export {
  CloudWatchLogsClient,
  DescribeLogGroupsCommand,
  FilterLogEventsCommand,
} from '@aws-sdk/client-cloudwatch-logs';
