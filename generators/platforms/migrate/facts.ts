// What migrate knows of an App Runner service before it maps it: the service (DescribeService) and the
// configurations it references, read by read.ts. Plain data, so the mapping (mapping.ts) stays pure.
import type {
  AutoScalingConfiguration,
  CustomDomain,
  ObservabilityConfiguration,
  Service,
  VpcConnector,
} from '@aws-sdk/client-apprunner';

export interface RoleCopy {
  name: string;
  arn: string;
  inline: { name: string; document: string }[];
  managed: string[];
}

/** Whether the VPC connector's subnets can reach ECR and CloudWatch Logs (read from their route tables). */
export type Routing =
  { checked: true; isolated: string[]; endpoints: string[] } | { checked: false; why: string } | undefined;

export interface SourceFacts {
  region: string;
  account: string;
  service: Service;
  autoScaling?: AutoScalingConfiguration;
  observability?: ObservabilityConfiguration;
  vpcConnector?: VpcConnector;
  customDomains: CustomDomain[];
  dnsTarget?: string;
  /** The image's digest (sha256:…) from ECR, when the image is a private ECR image named by tag. */
  digest?: string;
  /** Why there is no digest (not ECR, tag missing, denied), for the mapping row. */
  digestProblem?: string;
  instanceRole?: RoleCopy;
  routing: Routing;
}

export interface MapOptions {
  /** --health-path */
  healthPath?: string;
  /** Run inside one of our apps with a Dockerfile: a code source can be built from it. */
  dockerfile: boolean;
  /** The names migrate gives the new resources. */
  names: { service: string; repository: string; executionRole: string; taskRole: string };
}
