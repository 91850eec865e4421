// The ssm calls the tool sends, named so the bundle keeps only these (see ./ec2.ts).
export { DescribeParametersCommand, SSMClient } from '@aws-sdk/client-ssm';
