// The elastic-load-balancing-v2 calls the tool sends, named so the bundle keeps only these (see ./ec2.ts).
export {
  AddListenerCertificatesCommand,
  DescribeListenerCertificatesCommand,
  DescribeLoadBalancersCommand,
  DescribeRulesCommand,
  ElasticLoadBalancingV2Client,
  ModifyRuleCommand,
  RemoveListenerCertificatesCommand,
} from '@aws-sdk/client-elastic-load-balancing-v2';
