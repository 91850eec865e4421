// The narrow AWS interface status, logs, pause/resume and delete talk through: only the calls they make,
// each failure an AwsCallError naming the operation and the resource (deploy's wrapping, reused). Built
// from the real SDK v3 clients, loaded on demand; tests point them at local stand-ins through
// AWS_ENDPOINT_URL_*. Every client has bounded time: a silent endpoint fails, it never hangs.
import type {
  AutoScalingConfigurationSummary,
  CustomDomain,
  ObservabilityConfigurationSummary,
  OperationSummary,
  Service,
  ServiceSummary,
  Tag,
  VpcConnector,
} from '@aws-sdk/client-apprunner';
import type { FilteredLogEvent } from '@aws-sdk/client-cloudwatch-logs';
import type { Repository } from '@aws-sdk/client-ecr';
import type { Role } from '@aws-sdk/client-iam';
import { call } from '../deploy/shared/aws-sdk.js';
import { clientSettings } from '../deploy/shared/client-config.js';
import { AwsCallError } from '../deploy/shared/errors.js';
import type { Removal } from './target.js';

export interface LogPage {
  events: FilteredLogEvent[];
  nextToken?: string;
}

export interface OpsAws {
  readonly region: string;
  findService(name: string): Promise<ServiceSummary | undefined>;
  listServices(): Promise<ServiceSummary[]>;
  describeService(arn: string): Promise<Service>;
  /** Newest first. */
  listOperations(arn: string): Promise<OperationSummary[]>;
  /** Tags of any App Runner resource (service, configuration, connector). */
  tagsOf(arn: string): Promise<Tag[]>;
  pauseService(arn: string): Promise<string>;
  resumeService(arn: string): Promise<string>;
  deleteService(arn: string): Promise<string>;
  /** Every revision of a named auto scaling configuration, active ones only. */
  autoScalingRevisions(name: string): Promise<AutoScalingConfigurationSummary[]>;
  describeAutoScaling(arn: string): Promise<{ minSize?: number; maxSize?: number; maxConcurrency?: number }>;
  deleteAutoScaling(arn: string): Promise<void>;
  observabilityRevisions(name: string): Promise<ObservabilityConfigurationSummary[]>;
  deleteObservability(arn: string): Promise<void>;
  vpcConnectors(name: string): Promise<VpcConnector[]>;
  deleteVpcConnector(arn: string): Promise<void>;
  customDomains(serviceArn: string): Promise<CustomDomain[]>;
  disassociateCustomDomain(serviceArn: string, domain: string): Promise<void>;

  getRole(name: string): Promise<(Role & { tags: Tag[] }) | undefined>;
  /** Detaches managed policies, deletes inline ones, then the role (IAM refuses a role with policies). */
  deleteRole(name: string): Promise<void>;

  findRepository(name: string): Promise<(Repository & { tags: Tag[]; imageCount: number }) | undefined>;
  deleteRepository(name: string): Promise<void>;

  logGroupExists(name: string): Promise<boolean>;
  filterLogEvents(group: string, startTime: number, nextToken?: string): Promise<LogPage>;

  close(): void;
}

export interface OpsOptions {
  region: string;
  profile?: string;
  signal?: AbortSignal;
}

const interop = <T>(mod: T): T => (mod as { default?: T }).default ?? mod;
const must = async <T>(p: Promise<T | undefined>): Promise<T> => (await p) as T;
const NOT_FOUND = /^(ResourceNotFoundException|NoSuchEntity(Exception)?|RepositoryNotFoundException)$/;

export async function createOpsAws({ region, profile, signal }: OpsOptions): Promise<OpsAws> {
  const [ar, iam, ecr, logs] = (await Promise.all([
    import('@aws-sdk/client-apprunner'),
    import('@aws-sdk/client-iam'),
    import('@aws-sdk/client-ecr'),
    import('@aws-sdk/client-cloudwatch-logs'),
  ])).map(interop) as unknown as [
    typeof import('@aws-sdk/client-apprunner'), typeof import('@aws-sdk/client-iam'),
    typeof import('@aws-sdk/client-ecr'), typeof import('@aws-sdk/client-cloudwatch-logs'),
  ];
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const config = clientSettings(region, profile);
  const apprunner = new ar.AppRunnerClient(config);
  const iamClient = new iam.IAMClient(config);
  const ecrClient = new ecr.ECRClient(config);
  const logsClient = new logs.CloudWatchLogsClient(config);
  const opts = { abortSignal: signal };
  const send = <T>(operation: string, resource: string, run: () => Promise<T>) => must(call(operation, resource, run));

  const listAll = async <T>(operation: string, resource: string, pages: () => AsyncIterable<object>, key: string) =>
    send(operation, resource, async () => {
      const all: T[] = [];
      for await (const page of pages()) all.push(...(((page as Record<string, unknown>)[key] as T[] | undefined) ?? []));
      return all;
    });

  return {
    region,
    findService: async (name) => (await listAll<ServiceSummary>('apprunner:ListServices', `region ${region}`,
      () => ar.paginateListServices({ client: apprunner }, {}), 'ServiceSummaryList')).find((s) => s.ServiceName === name && s.Status !== 'DELETED'),
    listServices: () => listAll('apprunner:ListServices', `region ${region}`, () => ar.paginateListServices({ client: apprunner }, {}), 'ServiceSummaryList'),
    describeService: async (arn) => (await send('apprunner:DescribeService', arn, () => apprunner.send(new ar.DescribeServiceCommand({ ServiceArn: arn }), opts))).Service!,
    listOperations: async (arn) =>
      (await send('apprunner:ListOperations', arn, () => apprunner.send(new ar.ListOperationsCommand({ ServiceArn: arn }), opts))).OperationSummaryList ?? [],
    tagsOf: async (arn) => (await send('apprunner:ListTagsForResource', arn, () => apprunner.send(new ar.ListTagsForResourceCommand({ ResourceArn: arn }), opts))).Tags ?? [],
    pauseService: async (arn) => (await send('apprunner:PauseService', arn, () => apprunner.send(new ar.PauseServiceCommand({ ServiceArn: arn }), opts))).OperationId ?? '',
    resumeService: async (arn) => (await send('apprunner:ResumeService', arn, () => apprunner.send(new ar.ResumeServiceCommand({ ServiceArn: arn }), opts))).OperationId ?? '',
    deleteService: async (arn) => (await send('apprunner:DeleteService', arn, () => apprunner.send(new ar.DeleteServiceCommand({ ServiceArn: arn }), opts))).OperationId ?? '',

    autoScalingRevisions: async (name) => (await listAll<AutoScalingConfigurationSummary>('apprunner:ListAutoScalingConfigurations', `auto scaling configuration ${name}`,
      () => ar.paginateListAutoScalingConfigurations({ client: apprunner }, { AutoScalingConfigurationName: name }), 'AutoScalingConfigurationSummaryList'))
      .filter((a) => a.AutoScalingConfigurationName === name && a.Status === 'ACTIVE'),
    describeAutoScaling: async (arn) => {
      const a = (await send('apprunner:DescribeAutoScalingConfiguration', arn, () =>
        apprunner.send(new ar.DescribeAutoScalingConfigurationCommand({ AutoScalingConfigurationArn: arn }), opts))).AutoScalingConfiguration;
      return { minSize: a?.MinSize, maxSize: a?.MaxSize, maxConcurrency: a?.MaxConcurrency };
    },
    deleteAutoScaling: async (arn) => {
      await send('apprunner:DeleteAutoScalingConfiguration', arn, () => apprunner.send(new ar.DeleteAutoScalingConfigurationCommand({ AutoScalingConfigurationArn: arn }), opts));
    },
    observabilityRevisions: async (name) => {
      const list = await listAll<ObservabilityConfigurationSummary>('apprunner:ListObservabilityConfigurations', `observability configuration ${name}`,
        () => ar.paginateListObservabilityConfigurations({ client: apprunner }, { ObservabilityConfigurationName: name }), 'ObservabilityConfigurationSummaryList');
      return list.filter((o) => o.ObservabilityConfigurationName === name);
    },
    deleteObservability: async (arn) => {
      await send('apprunner:DeleteObservabilityConfiguration', arn, () => apprunner.send(new ar.DeleteObservabilityConfigurationCommand({ ObservabilityConfigurationArn: arn }), opts));
    },
    vpcConnectors: async (name) => (await listAll<VpcConnector>('apprunner:ListVpcConnectors', `region ${region}`,
      () => ar.paginateListVpcConnectors({ client: apprunner }, {}), 'VpcConnectors')).filter((v) => v.VpcConnectorName === name && v.Status === 'ACTIVE'),
    deleteVpcConnector: async (arn) => {
      await send('apprunner:DeleteVpcConnector', arn, () => apprunner.send(new ar.DeleteVpcConnectorCommand({ VpcConnectorArn: arn }), opts));
    },
    customDomains: (serviceArn) => listAll<CustomDomain>('apprunner:DescribeCustomDomains', serviceArn,
      () => ar.paginateDescribeCustomDomains({ client: apprunner }, { ServiceArn: serviceArn }), 'CustomDomains'),
    disassociateCustomDomain: async (serviceArn, domain) => {
      await send('apprunner:DisassociateCustomDomain', `domain ${domain}`, () =>
        apprunner.send(new ar.DisassociateCustomDomainCommand({ ServiceArn: serviceArn, DomainName: domain }), opts));
    },

    getRole: async (name) => {
      const role = await call('iam:GetRole', `role ${name}`, async () => (await iamClient.send(new iam.GetRoleCommand({ RoleName: name }), opts)).Role, NOT_FOUND);
      if (!role) return undefined;
      const tags = await send('iam:ListRoleTags', `role ${name}`, async () => (await iamClient.send(new iam.ListRoleTagsCommand({ RoleName: name }), opts)).Tags ?? []);
      return { ...role, tags: tags.map((t) => ({ Key: t.Key, Value: t.Value })) };
    },
    deleteRole: async (name) => {
      const resource = `role ${name}`;
      const attached = await listAll<{ PolicyArn?: string }>('iam:ListAttachedRolePolicies', resource,
        () => iam.paginateListAttachedRolePolicies({ client: iamClient }, { RoleName: name }), 'AttachedPolicies');
      for (const p of attached) {
        await send('iam:DetachRolePolicy', resource, () => iamClient.send(new iam.DetachRolePolicyCommand({ RoleName: name, PolicyArn: p.PolicyArn }), opts));
      }
      const inline = await listAll<string>('iam:ListRolePolicies', resource, () => iam.paginateListRolePolicies({ client: iamClient }, { RoleName: name }), 'PolicyNames');
      for (const policy of inline) {
        await send('iam:DeleteRolePolicy', resource, () => iamClient.send(new iam.DeleteRolePolicyCommand({ RoleName: name, PolicyName: policy }), opts));
      }
      await send('iam:DeleteRole', resource, () => iamClient.send(new iam.DeleteRoleCommand({ RoleName: name }), opts));
    },

    findRepository: async (name) => {
      const repo = await call('ecr:DescribeRepositories', `repository ${name}`, async () =>
        (await ecrClient.send(new ecr.DescribeRepositoriesCommand({ repositoryNames: [name] }), opts)).repositories?.[0], NOT_FOUND);
      if (!repo) return undefined;
      const tags = await send('ecr:ListTagsForResource', `repository ${name}`, async () =>
        (await ecrClient.send(new ecr.ListTagsForResourceCommand({ resourceArn: repo.repositoryArn }), opts)).tags ?? []);
      const images = await listAll<unknown>('ecr:ListImages', `repository ${name}`,
        () => ecr.paginateListImages({ client: ecrClient }, { repositoryName: name }), 'imageIds');
      return { ...repo, tags: tags.map((t) => ({ Key: t.Key, Value: t.Value })), imageCount: images.length };
    },
    deleteRepository: async (name) => {
      // force: the images go with it (that is what --keep-image is for).
      await send('ecr:DeleteRepository', `repository ${name}`, () => ecrClient.send(new ecr.DeleteRepositoryCommand({ repositoryName: name, force: true }), opts));
    },

    logGroupExists: async (name) => {
      const groups = await send('logs:DescribeLogGroups', `log group ${name}`, async () =>
        (await logsClient.send(new logs.DescribeLogGroupsCommand({ logGroupNamePrefix: name }), opts)).logGroups ?? []);
      return groups.some((g) => g.logGroupName === name);
    },
    filterLogEvents: async (group, startTime, nextToken) => {
      const out = await send('logs:FilterLogEvents', `log group ${group}`, () =>
        logsClient.send(new logs.FilterLogEventsCommand({ logGroupName: group, startTime, ...(nextToken ? { nextToken } : {}) }), opts));
      return { events: out.events ?? [], nextToken: out.nextToken };
    },

    close: () => {
      for (const client of [apprunner, iamClient, ecrClient, logsClient]) client.destroy();
    },
  };
}

/** Whether an AWS error means "that is not there (any more)". */
export const isNotFound = (code: string) => NOT_FOUND.test(code);

/** A removal for delete's plan: "not found" means already gone, which is what a second run should say. */
export function removal(label: string, run: () => Promise<'removed' | 'gone' | void | unknown>, blocking = false): Removal {
  return {
    label,
    blocking,
    remove: async () => {
      try {
        const result = await run();
        return result === 'gone' ? 'gone' : 'removed';
      } catch (error) {
        if (error instanceof AwsCallError && isNotFound(error.code)) return 'gone';
        throw error;
      }
    },
  };
}
