// The narrow AWS interface deploy talks through: only the calls it makes, each failure an AwsCallError
// naming the operation and the resource. aws-sdk.ts builds it from the real SDK v3 clients; everything
// else in deploy sees only this, so it imports no SDK code (types only).
import type {
  AutoScalingConfiguration,
  ConnectionSummary,
  CreateAutoScalingConfigurationCommandInput,
  CreateObservabilityConfigurationCommandInput,
  CreateServiceCommandInput,
  CreateVpcConnectorCommandInput,
  CustomDomain,
  ObservabilityConfigurationSummary,
  OperationSummary,
  Service,
  ServiceSummary,
  UpdateServiceCommandInput,
  VpcConnector,
} from '@aws-sdk/client-apprunner';
import type { CreateRepositoryCommandInput, Repository } from '@aws-sdk/client-ecr';
import type { AttachRolePolicyCommandInput, CreateRoleCommandInput, PutRolePolicyCommandInput, Role } from '@aws-sdk/client-iam';

export interface Accepted {
  service: Service;
  operationId: string;
}

export interface Aws {
  readonly region: string;
  callerIdentity(): Promise<{ account: string; arn: string }>;

  findService(name: string): Promise<ServiceSummary | undefined>;
  describeService(arn: string): Promise<Service>;
  /** Newest first. */
  listOperations(arn: string): Promise<OperationSummary[]>;
  createService(input: CreateServiceCommandInput): Promise<Accepted>;
  updateService(input: UpdateServiceCommandInput): Promise<Accepted>;
  startDeployment(arn: string): Promise<string>;
  deleteService(arn: string): Promise<string>;

  listConnections(name?: string): Promise<ConnectionSummary[]>;
  createConnection(name: string, provider: 'GITHUB' | 'BITBUCKET'): Promise<ConnectionSummary>;

  /** The newest revision of a named auto scaling configuration, with its values. */
  latestAutoScaling(name: string): Promise<AutoScalingConfiguration | undefined>;
  createAutoScaling(input: CreateAutoScalingConfigurationCommandInput): Promise<AutoScalingConfiguration>;
  defaultAutoScalingArn(): Promise<string | undefined>;
  listVpcConnectors(): Promise<VpcConnector[]>;
  createVpcConnector(input: CreateVpcConnectorCommandInput): Promise<VpcConnector>;
  /** The newest active revision of a named observability configuration. */
  latestObservability(name: string): Promise<ObservabilityConfigurationSummary | undefined>;
  createObservability(input: CreateObservabilityConfigurationCommandInput): Promise<string>;
  associateCustomDomain(serviceArn: string, domain: string): Promise<void>;
  describeCustomDomains(serviceArn: string): Promise<{ dnsTarget?: string; domains: CustomDomain[] }>;

  findRepository(name: string): Promise<Repository | undefined>;
  createRepository(input: CreateRepositoryCommandInput): Promise<Repository>;
  /** docker login material from ecr:GetAuthorizationToken. */
  registryLogin(): Promise<{ registry: string; username: string; password: string }>;

  getRole(name: string): Promise<Role | undefined>;
  createRole(input: CreateRoleCommandInput): Promise<Role>;
  attachedPolicies(roleName: string): Promise<string[]>;
  attachRolePolicy(input: AttachRolePolicyCommandInput): Promise<void>;
  putRolePolicy(input: PutRolePolicyCommandInput): Promise<void>;

  /** Closes the HTTP connections (keep-alive sockets would hold the process open). */
  close(): void;
}
