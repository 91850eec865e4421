// The sts calls the tool sends, named so the bundle keeps only these (see ./ec2.ts).
export { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
