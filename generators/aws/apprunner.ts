// The AWS App Runner calls the tool makes, deploy and operate alike: services and their operations,
// connections, auto scaling / observability configurations, VPC connectors, custom domains, tags. The
// only definition of App Runner's "not found" is here. Tests point the client at the App Runner stand-in
// through AWS_ENDPOINT_URL_APPRUNNER.
import type {
  AutoScalingConfiguration,
  AutoScalingConfigurationSummary,
  ConnectionSummary,
  CreateAutoScalingConfigurationCommandInput,
  CreateObservabilityConfigurationCommandInput,
  CreateServiceCommandInput,
  CreateVpcConnectorCommandInput,
  CustomDomain,
  ObservabilityConfiguration,
  ObservabilityConfigurationSummary,
  OperationSummary,
  Service,
  ServiceSummary,
  UpdateServiceCommandInput,
  VpcConnector,
} from '@aws-sdk/client-apprunner';

import { type AwsOptions, call, callOrMissing, interop, listAll, settingsOf, type Tag } from './call.js';
import type { AwsCallError } from './errors.js';

/** App Runner's answer for a service, configuration or connector that is not there (any more). */
export const isAppRunnerNotFound = (error: AwsCallError) => error.code === 'ResourceNotFoundException';

export interface Accepted {
  service: Service;
  operationId: string;
}

export interface AppRunner {
  /** The service of that name that is not DELETED. */
  findService(name: string): Promise<ServiceSummary | undefined>;
  listServices(): Promise<ServiceSummary[]>;
  /** undefined once App Runner no longer knows the ARN (a deleted service vanishes). */
  describeService(arn: string): Promise<Service | undefined>;
  /** Newest first. */
  listOperations(arn: string): Promise<OperationSummary[]>;
  /** Tags of any App Runner resource (service, configuration, connector). */
  tagsOf(arn: string): Promise<Tag[]>;
  /** Adds tags to a service (deploy --adopt: this app's id); tags are create-only otherwise. */
  tagResource(arn: string, tags: Tag[]): Promise<void>;
  createService(input: CreateServiceCommandInput): Promise<Accepted>;
  updateService(input: UpdateServiceCommandInput): Promise<Accepted>;
  startDeployment(arn: string): Promise<string>;
  pauseService(arn: string): Promise<string>;
  resumeService(arn: string): Promise<string>;
  deleteService(arn: string): Promise<string>;

  listConnections(name?: string): Promise<ConnectionSummary[]>;
  createConnection(name: string, provider: 'GITHUB' | 'BITBUCKET', tags: Tag[]): Promise<ConnectionSummary>;

  /** The newest revision of a named auto scaling configuration, with its values. */
  latestAutoScaling(name: string): Promise<AutoScalingConfiguration | undefined>;
  /** Every active revision of a named auto scaling configuration. */
  autoScalingRevisions(name: string): Promise<AutoScalingConfigurationSummary[]>;
  describeAutoScaling(arn: string): Promise<AutoScalingConfiguration | undefined>;
  createAutoScaling(input: CreateAutoScalingConfigurationCommandInput): Promise<AutoScalingConfiguration>;
  defaultAutoScalingArn(): Promise<string | undefined>;
  deleteAutoScaling(arn: string): Promise<void>;

  listVpcConnectors(): Promise<VpcConnector[]>;
  describeVpcConnector(arn: string): Promise<VpcConnector | undefined>;
  describeObservability(arn: string): Promise<ObservabilityConfiguration | undefined>;
  createVpcConnector(input: CreateVpcConnectorCommandInput): Promise<VpcConnector>;
  deleteVpcConnector(arn: string): Promise<void>;
  /** The newest active revision of a named observability configuration. */
  latestObservability(name: string): Promise<ObservabilityConfigurationSummary | undefined>;
  observabilityRevisions(name: string): Promise<ObservabilityConfigurationSummary[]>;
  createObservability(input: CreateObservabilityConfigurationCommandInput): Promise<string>;
  deleteObservability(arn: string): Promise<void>;

  associateCustomDomain(serviceArn: string, domain: string): Promise<void>;
  describeCustomDomains(serviceArn: string): Promise<{ dnsTarget?: string; domains: CustomDomain[] }>;
  disassociateCustomDomain(serviceArn: string, domain: string): Promise<void>;
  close(): void;
}

export async function createAppRunner(o: AwsOptions): Promise<AppRunner> {
  const ar = interop(await import('./sdk/apprunner.js'));
  const client = new ar.AppRunnerClient(settingsOf(o));
  const opts = { abortSignal: o.signal };
  const region = `region ${o.region}`;
  const describeAutoScaling = async (arn: string) =>
    (
      await call('apprunner:DescribeAutoScalingConfiguration', arn, () =>
        client.send(new ar.DescribeAutoScalingConfigurationCommand({ AutoScalingConfigurationArn: arn }), opts),
      )
    ).AutoScalingConfiguration;
  const listServices = () =>
    listAll<ServiceSummary>(
      'apprunner:ListServices',
      region,
      () => ar.paginateListServices({ client }, {}),
      'ServiceSummaryList',
    );
  return {
    findService: async (name) => (await listServices()).find((s) => s.ServiceName === name && s.Status !== 'DELETED'),
    listServices,
    describeService: async (arn) =>
      (
        await callOrMissing(
          'apprunner:DescribeService',
          arn,
          () => client.send(new ar.DescribeServiceCommand({ ServiceArn: arn }), opts),
          isAppRunnerNotFound,
        )
      )?.Service,
    listOperations: async (arn) =>
      (
        await call('apprunner:ListOperations', arn, () =>
          client.send(new ar.ListOperationsCommand({ ServiceArn: arn }), opts),
        )
      ).OperationSummaryList ?? [],
    tagResource: async (arn, tags) => {
      await call('apprunner:TagResource', arn, () =>
        client.send(
          new ar.TagResourceCommand({ ResourceArn: arn, Tags: tags.map((t) => ({ Key: t.Key, Value: t.Value })) }),
          opts,
        ),
      );
    },
    tagsOf: async (arn) =>
      (
        await call('apprunner:ListTagsForResource', arn, () =>
          client.send(new ar.ListTagsForResourceCommand({ ResourceArn: arn }), opts),
        )
      ).Tags ?? [],
    createService: async (input) => {
      const out = await call('apprunner:CreateService', `service ${input.ServiceName}`, () =>
        client.send(new ar.CreateServiceCommand(input), opts),
      );
      return { service: out.Service!, operationId: out.OperationId! };
    },
    updateService: async (input) => {
      const out = await call('apprunner:UpdateService', input.ServiceArn!, () =>
        client.send(new ar.UpdateServiceCommand(input), opts),
      );
      return { service: out.Service!, operationId: out.OperationId! };
    },
    startDeployment: async (arn) =>
      (
        await call('apprunner:StartDeployment', arn, () =>
          client.send(new ar.StartDeploymentCommand({ ServiceArn: arn }), opts),
        )
      ).OperationId!,
    pauseService: async (arn) =>
      (
        await call('apprunner:PauseService', arn, () =>
          client.send(new ar.PauseServiceCommand({ ServiceArn: arn }), opts),
        )
      ).OperationId ?? '',
    resumeService: async (arn) =>
      (
        await call('apprunner:ResumeService', arn, () =>
          client.send(new ar.ResumeServiceCommand({ ServiceArn: arn }), opts),
        )
      ).OperationId ?? '',
    deleteService: async (arn) =>
      (
        await call('apprunner:DeleteService', arn, () =>
          client.send(new ar.DeleteServiceCommand({ ServiceArn: arn }), opts),
        )
      ).OperationId ?? '',

    listConnections: (name) =>
      listAll<ConnectionSummary>(
        'apprunner:ListConnections',
        region,
        () => ar.paginateListConnections({ client }, name ? { ConnectionName: name } : {}),
        'ConnectionSummaryList',
      ),
    createConnection: async (name, provider, tags) =>
      (
        await call('apprunner:CreateConnection', `connection ${name}`, () =>
          client.send(
            new ar.CreateConnectionCommand({ ConnectionName: name, ProviderType: provider, Tags: tags }),
            opts,
          ),
        )
      ).Connection!,

    async latestAutoScaling(name) {
      const list = await call('apprunner:ListAutoScalingConfigurations', `auto scaling configuration ${name}`, () =>
        client.send(
          new ar.ListAutoScalingConfigurationsCommand({ AutoScalingConfigurationName: name, LatestOnly: true }),
          opts,
        ),
      );
      const latest = list.AutoScalingConfigurationSummaryList?.find((a) => a.Status === 'ACTIVE');
      return latest ? describeAutoScaling(latest.AutoScalingConfigurationArn!) : undefined;
    },
    autoScalingRevisions: async (name) =>
      (
        await listAll<AutoScalingConfigurationSummary>(
          'apprunner:ListAutoScalingConfigurations',
          `auto scaling configuration ${name}`,
          () => ar.paginateListAutoScalingConfigurations({ client }, { AutoScalingConfigurationName: name }),
          'AutoScalingConfigurationSummaryList',
        )
      ).filter((a) => a.AutoScalingConfigurationName === name && a.Status === 'ACTIVE'),
    describeAutoScaling,
    createAutoScaling: async (input) =>
      (
        await call(
          'apprunner:CreateAutoScalingConfiguration',
          `auto scaling configuration ${input.AutoScalingConfigurationName}`,
          () => client.send(new ar.CreateAutoScalingConfigurationCommand(input), opts),
        )
      ).AutoScalingConfiguration!,
    defaultAutoScalingArn: async () =>
      (
        await call('apprunner:ListAutoScalingConfigurations', 'DefaultConfiguration', () =>
          client.send(
            new ar.ListAutoScalingConfigurationsCommand({
              AutoScalingConfigurationName: 'DefaultConfiguration',
              LatestOnly: true,
            }),
            opts,
          ),
        )
      ).AutoScalingConfigurationSummaryList?.[0]?.AutoScalingConfigurationArn,
    deleteAutoScaling: async (arn) => {
      await call('apprunner:DeleteAutoScalingConfiguration', arn, () =>
        client.send(new ar.DeleteAutoScalingConfigurationCommand({ AutoScalingConfigurationArn: arn }), opts),
      );
    },

    listVpcConnectors: () =>
      listAll<VpcConnector>(
        'apprunner:ListVpcConnectors',
        region,
        () => ar.paginateListVpcConnectors({ client }, {}),
        'VpcConnectors',
      ),
    describeVpcConnector: async (arn) =>
      (
        await callOrMissing(
          'apprunner:DescribeVpcConnector',
          arn,
          () => client.send(new ar.DescribeVpcConnectorCommand({ VpcConnectorArn: arn }), opts),
          isAppRunnerNotFound,
        )
      )?.VpcConnector,
    describeObservability: async (arn) =>
      (
        await callOrMissing(
          'apprunner:DescribeObservabilityConfiguration',
          arn,
          () =>
            client.send(new ar.DescribeObservabilityConfigurationCommand({ ObservabilityConfigurationArn: arn }), opts),
          isAppRunnerNotFound,
        )
      )?.ObservabilityConfiguration,
    createVpcConnector: async (input) =>
      (
        await call('apprunner:CreateVpcConnector', `VPC connector ${input.VpcConnectorName}`, () =>
          client.send(new ar.CreateVpcConnectorCommand(input), opts),
        )
      ).VpcConnector!,
    deleteVpcConnector: async (arn) => {
      await call('apprunner:DeleteVpcConnector', arn, () =>
        client.send(new ar.DeleteVpcConnectorCommand({ VpcConnectorArn: arn }), opts),
      );
    },
    latestObservability: async (name) =>
      (
        await call('apprunner:ListObservabilityConfigurations', `observability configuration ${name}`, () =>
          client.send(
            new ar.ListObservabilityConfigurationsCommand({ ObservabilityConfigurationName: name, LatestOnly: true }),
            opts,
          ),
        )
      ).ObservabilityConfigurationSummaryList?.[0],
    observabilityRevisions: async (name) =>
      (
        await listAll<ObservabilityConfigurationSummary>(
          'apprunner:ListObservabilityConfigurations',
          `observability configuration ${name}`,
          () => ar.paginateListObservabilityConfigurations({ client }, { ObservabilityConfigurationName: name }),
          'ObservabilityConfigurationSummaryList',
        )
      ).filter((c) => c.ObservabilityConfigurationName === name),
    createObservability: async (input) =>
      (
        await call(
          'apprunner:CreateObservabilityConfiguration',
          `observability configuration ${input.ObservabilityConfigurationName}`,
          () => client.send(new ar.CreateObservabilityConfigurationCommand(input), opts),
        )
      ).ObservabilityConfiguration!.ObservabilityConfigurationArn!,
    deleteObservability: async (arn) => {
      await call('apprunner:DeleteObservabilityConfiguration', arn, () =>
        client.send(new ar.DeleteObservabilityConfigurationCommand({ ObservabilityConfigurationArn: arn }), opts),
      );
    },

    associateCustomDomain: async (serviceArn, domain) => {
      // No www. twin: the domain is usually a subdomain (api.example.com), where www.api… makes no sense.
      await call('apprunner:AssociateCustomDomain', `domain ${domain}`, () =>
        client.send(
          new ar.AssociateCustomDomainCommand({
            ServiceArn: serviceArn,
            DomainName: domain,
            EnableWWWSubdomain: false,
          }),
          opts,
        ),
      );
    },
    describeCustomDomains: (serviceArn) =>
      call('apprunner:DescribeCustomDomains', serviceArn, async () => {
        const domains: CustomDomain[] = [];
        let dnsTarget: string | undefined;
        for await (const page of ar.paginateDescribeCustomDomains({ client }, { ServiceArn: serviceArn })) {
          dnsTarget ??= page.DNSTarget;
          domains.push(...(page.CustomDomains ?? []));
        }
        return { dnsTarget, domains };
      }),
    disassociateCustomDomain: async (serviceArn, domain) => {
      await call('apprunner:DisassociateCustomDomain', `domain ${domain}`, () =>
        client.send(new ar.DisassociateCustomDomainCommand({ ServiceArn: serviceArn, DomainName: domain }), opts),
      );
    },
    close: () => client.destroy(),
  };
}
