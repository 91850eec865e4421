// createAws(): the Aws interface from the real SDK v3 clients, loaded here on demand (never by scaffolding).
// Tests point these same clients at local stand-ins through AWS_ENDPOINT_URL_*, so there is no fake of
// the interface to keep in step with it.
import type { ConnectionSummary, CustomDomain, VpcConnector } from '@aws-sdk/client-apprunner';
import type { Aws } from './aws.js';
import { clientSettings } from './client-config.js';
import { AwsCallError } from './errors.js';
import { TOOL_TAG } from './names.js';

export interface AwsOptions {
  region: string;
  profile?: string;
  signal?: AbortSignal;
}

/** Runs one call; on failure throws AwsCallError naming it, or returns `missing` for a "not found" answer. */
export async function call<T>(operation: string, resource: string, run: () => Promise<T>, missing?: RegExp): Promise<T | undefined> {
  try {
    return await run();
  } catch (error) {
    if (missing && missing.test((error as Error)?.name ?? '')) return undefined;
    throw new AwsCallError(operation, resource, error);
  }
}

// Bundled, the SDK's CommonJS build arrives as a default export only; unbundled, as named exports.
export const interop = <T>(mod: T): T => (mod as { default?: T }).default ?? mod;
export const must = async <T>(p: Promise<T | undefined>): Promise<T> => (await p) as T;

export async function createAws({ region, profile, signal }: AwsOptions): Promise<Aws> {
  const [ar, sts, iam, ecr] = (await Promise.all([
    import('@aws-sdk/client-apprunner'),
    import('@aws-sdk/client-sts'),
    import('@aws-sdk/client-iam'),
    import('@aws-sdk/client-ecr'),
  ])).map(interop) as unknown as [typeof import('@aws-sdk/client-apprunner'), typeof import('@aws-sdk/client-sts'), typeof import('@aws-sdk/client-iam'), typeof import('@aws-sdk/client-ecr')];
  // The SDK bundled in this package never changes under the user, so its notice that future SDK
  // releases will need Node 22 is noise on every deploy under Node 20.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  // The SDK's default credential chain and region, with bounded time and tries (client-config.ts); the
  // endpoints follow AWS_ENDPOINT_URL / AWS_ENDPOINT_URL_<SERVICE> by themselves.
  const config = clientSettings(region, profile);
  const apprunner = new ar.AppRunnerClient(config);
  const stsClient = new sts.STSClient(config);
  const iamClient = new iam.IAMClient(config);
  const ecrClient = new ecr.ECRClient(config);
  const opts = { abortSignal: signal };
  const svc = (name: string) => `service ${name}`;

  return {
    region,
    callerIdentity: async () => {
      const out = await must(call('sts:GetCallerIdentity', 'your credentials', () => stsClient.send(new sts.GetCallerIdentityCommand({}), opts)));
      return { account: out.Account ?? '', arn: out.Arn ?? '' };
    },

    findService: (name) => call('apprunner:ListServices', `region ${region}`, async () => {
      for await (const page of ar.paginateListServices({ client: apprunner }, {})) {
        const hit = page.ServiceSummaryList?.find((s) => s.ServiceName === name && s.Status !== 'DELETED');
        if (hit) return hit;
      }
      return undefined;
    }),
    describeService: async (arn) => (await must(call('apprunner:DescribeService', arn, () => apprunner.send(new ar.DescribeServiceCommand({ ServiceArn: arn }), opts)))).Service!,
    listOperations: async (arn) =>
      (await must(call('apprunner:ListOperations', arn, () => apprunner.send(new ar.ListOperationsCommand({ ServiceArn: arn }), opts)))).OperationSummaryList ?? [],
    createService: async (input) => {
      const out = await must(call('apprunner:CreateService', svc(input.ServiceName!), () => apprunner.send(new ar.CreateServiceCommand(input), opts)));
      return { service: out.Service!, operationId: out.OperationId! };
    },
    updateService: async (input) => {
      const out = await must(call('apprunner:UpdateService', input.ServiceArn!, () => apprunner.send(new ar.UpdateServiceCommand(input), opts)));
      return { service: out.Service!, operationId: out.OperationId! };
    },
    startDeployment: async (arn) =>
      (await must(call('apprunner:StartDeployment', arn, () => apprunner.send(new ar.StartDeploymentCommand({ ServiceArn: arn }), opts)))).OperationId!,
    deleteService: async (arn) =>
      (await must(call('apprunner:DeleteService', arn, () => apprunner.send(new ar.DeleteServiceCommand({ ServiceArn: arn }), opts)))).OperationId!,

    listConnections: async (name) => must(call('apprunner:ListConnections', `region ${region}`, async () => {
      const all: ConnectionSummary[] = [];
      for await (const page of ar.paginateListConnections({ client: apprunner }, name ? { ConnectionName: name } : {})) {
        all.push(...(page.ConnectionSummaryList ?? []));
      }
      return all;
    })),
    createConnection: async (name, provider) =>
      (await must(call('apprunner:CreateConnection', `connection ${name}`, () =>
        apprunner.send(new ar.CreateConnectionCommand({ ConnectionName: name, ProviderType: provider, Tags: [TOOL_TAG] }), opts)))).Connection!,

    latestAutoScaling: async (name) => {
      const list = await must(call('apprunner:ListAutoScalingConfigurations', `auto scaling configuration ${name}`, () =>
        apprunner.send(new ar.ListAutoScalingConfigurationsCommand({ AutoScalingConfigurationName: name, LatestOnly: true }), opts)));
      const latest = list.AutoScalingConfigurationSummaryList?.find((a) => a.Status === 'ACTIVE');
      if (!latest) return undefined;
      return (await must(call('apprunner:DescribeAutoScalingConfiguration', latest.AutoScalingConfigurationArn!, () =>
        apprunner.send(new ar.DescribeAutoScalingConfigurationCommand({ AutoScalingConfigurationArn: latest.AutoScalingConfigurationArn }), opts)))).AutoScalingConfiguration;
    },
    createAutoScaling: async (input) =>
      (await must(call('apprunner:CreateAutoScalingConfiguration', `auto scaling configuration ${input.AutoScalingConfigurationName}`, () =>
        apprunner.send(new ar.CreateAutoScalingConfigurationCommand(input), opts)))).AutoScalingConfiguration!,
    defaultAutoScalingArn: async () => {
      const list = await must(call('apprunner:ListAutoScalingConfigurations', 'DefaultConfiguration', () =>
        apprunner.send(new ar.ListAutoScalingConfigurationsCommand({ AutoScalingConfigurationName: 'DefaultConfiguration', LatestOnly: true }), opts)));
      return list.AutoScalingConfigurationSummaryList?.[0]?.AutoScalingConfigurationArn;
    },

    listVpcConnectors: async () => must(call('apprunner:ListVpcConnectors', `region ${region}`, async () => {
      const all: VpcConnector[] = [];
      for await (const page of ar.paginateListVpcConnectors({ client: apprunner }, {})) all.push(...(page.VpcConnectors ?? []));
      return all;
    })),
    createVpcConnector: async (input) =>
      (await must(call('apprunner:CreateVpcConnector', `VPC connector ${input.VpcConnectorName}`, () => apprunner.send(new ar.CreateVpcConnectorCommand(input), opts)))).VpcConnector!,
    latestObservability: async (name) => {
      const list = await must(call('apprunner:ListObservabilityConfigurations', `observability configuration ${name}`, () =>
        apprunner.send(new ar.ListObservabilityConfigurationsCommand({ ObservabilityConfigurationName: name, LatestOnly: true }), opts)));
      return list.ObservabilityConfigurationSummaryList?.[0];
    },
    createObservability: async (input) =>
      (await must(call('apprunner:CreateObservabilityConfiguration', `observability configuration ${input.ObservabilityConfigurationName}`, () =>
        apprunner.send(new ar.CreateObservabilityConfigurationCommand(input), opts)))).ObservabilityConfiguration!.ObservabilityConfigurationArn!,
    associateCustomDomain: async (serviceArn, domain) => {
      // No www. twin: the domain is usually a subdomain (api.example.com), where www.api… makes no sense.
      await call('apprunner:AssociateCustomDomain', `domain ${domain}`, () =>
        apprunner.send(new ar.AssociateCustomDomainCommand({ ServiceArn: serviceArn, DomainName: domain, EnableWWWSubdomain: false }), opts));
    },
    describeCustomDomains: async (serviceArn) => must(call('apprunner:DescribeCustomDomains', serviceArn, async () => {
      const domains: CustomDomain[] = [];
      let dnsTarget: string | undefined;
      for await (const page of ar.paginateDescribeCustomDomains({ client: apprunner }, { ServiceArn: serviceArn })) {
        dnsTarget ??= page.DNSTarget;
        domains.push(...(page.CustomDomains ?? []));
      }
      return { dnsTarget, domains };
    })),

    findRepository: (name) => call('ecr:DescribeRepositories', `repository ${name}`, async () =>
      (await ecrClient.send(new ecr.DescribeRepositoriesCommand({ repositoryNames: [name] }), opts)).repositories?.[0], /^RepositoryNotFoundException$/),
    createRepository: async (input) =>
      (await must(call('ecr:CreateRepository', `repository ${input.repositoryName}`, () => ecrClient.send(new ecr.CreateRepositoryCommand(input), opts)))).repository!,
    registryLogin: async () => {
      const out = await must(call('ecr:GetAuthorizationToken', `the ECR registry in ${region}`, () => ecrClient.send(new ecr.GetAuthorizationTokenCommand({}), opts)));
      const data = out.authorizationData?.[0];
      const [username = 'AWS', ...rest] = Buffer.from(data?.authorizationToken ?? '', 'base64').toString('utf8').split(':');
      return { registry: (data?.proxyEndpoint ?? '').replace(/^https?:\/\//, ''), username, password: rest.join(':') };
    },

    getRole: (name) => call('iam:GetRole', `role ${name}`, async () => (await iamClient.send(new iam.GetRoleCommand({ RoleName: name }), opts)).Role, /^NoSuchEntity(Exception)?$/),
    createRole: async (input) => (await must(call('iam:CreateRole', `role ${input.RoleName}`, () => iamClient.send(new iam.CreateRoleCommand(input), opts)))).Role!,
    attachedPolicies: async (roleName) => must(call('iam:ListAttachedRolePolicies', `role ${roleName}`, async () => {
      const arns: string[] = [];
      for await (const page of iam.paginateListAttachedRolePolicies({ client: iamClient }, { RoleName: roleName })) {
        arns.push(...(page.AttachedPolicies ?? []).map((p) => p.PolicyArn ?? ''));
      }
      return arns;
    })),
    attachRolePolicy: async (input) => {
      await call('iam:AttachRolePolicy', `role ${input.RoleName}`, () => iamClient.send(new iam.AttachRolePolicyCommand(input), opts));
    },

    putRolePolicy: async (input) => {
      await call('iam:PutRolePolicy', `role ${input.RoleName}`, () => iamClient.send(new iam.PutRolePolicyCommand(input), opts));
    },

    close: () => {
      for (const client of [apprunner, stsClient, iamClient, ecrClient]) client.destroy();
    },
  };
}
