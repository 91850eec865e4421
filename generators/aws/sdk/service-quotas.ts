// The service-quotas calls the tool sends, named so the bundle keeps only these (see ./ec2.ts).
export {
  GetAWSDefaultServiceQuotaCommand,
  GetServiceQuotaCommand,
  ServiceQuotasClient,
} from '@aws-sdk/client-service-quotas';
