// --dry-run: every request and command of a first deploy, in order, with nothing sent or run. Each AWS
// request is a "--- service:Operation" line and its JSON; values only AWS knows are placeholders that
// still pass the API's validation (said on stderr). The CreateService JSON goes as it is to
// `aws apprunner create-service --cli-input-json file://create-service.json`.
import type { Context } from '../shared/context.js';
import { buildArgs, loginArgs, pushArgs } from '../shared/engine.js';
import { type ImagePlan, registryHost, repositoryInput } from '../shared/image.js';
import { partitionOf, TOOL_TAG } from '../shared/names.js';
import type { CodePlan } from './code.js';
import {
  type Arns,
  autoScalingInput,
  connectionName,
  createServiceInput,
  type Source,
  updateServiceInput,
} from './requests.js';
import {
  ACCESS_ROLE_NAME,
  accessRoleArn,
  accessRoleInput,
  attachPolicyInput,
  instanceRoleArn,
  instanceRoleInput,
  needsInstanceRole,
  observabilityInput,
  secretsPolicyInput,
  vpcConnectorInput,
  XRAY_POLICY_ARN,
} from './resources.js';

export const PLACEHOLDER_ACCOUNT = '123456789012';
const PLACEHOLDER_ID = '0'.repeat(32);

type Request = (operation: string, input: object, why?: string) => void;

export function printDryRun(ctx: Context, plan: ImagePlan | CodePlan): void {
  const { config, region, io } = ctx;
  const name = config.service.name;
  const out: string[] = [];
  const notes: string[] = [];
  const request: Request = (operation, input, why) =>
    out.push(`--- ${operation}${why ? `  # ${why}` : ''}`, JSON.stringify(input, null, 2), '');
  const command = (args: string[], why?: string) => out.push(`$ ${args.join(' ')}${why ? `   # ${why}` : ''}`, '');

  const given = 'given' in plan && plan.given.type === 'ECR' ? plan.given.account : undefined;
  const account = given ?? PLACEHOLDER_ACCOUNT;
  if (!given)
    notes.push(
      `the account id ${PLACEHOLDER_ACCOUNT} is a placeholder: AWS tells deploy the real one (sts:GetCallerIdentity).`,
    );
  const arn = (kind: string, path: string, what: string) => {
    const value = `arn:${partitionOf(region)}:apprunner:${region}:${account}:${kind}/${path}/${PLACEHOLDER_ID}`;
    notes.push(`the ${what} ARN ${value} is a placeholder: AWS gives the real one.`);
    return value;
  };

  out.push(`Dry run: nothing is sent to AWS, built or pushed. For ${name} in ${region}, deploy would send:`, '');
  request('sts:GetCallerIdentity', {}, 'whose credentials these are');
  request('apprunner:ListServices', {}, `is there a service named ${name}? (paginated)`);

  let source: Source;
  if (plan.kind === 'image' && 'given' in plan) {
    const ref = plan.given;
    if (ref.type === 'ECR') roleRequests(request);
    source =
      ref.type === 'ECR'
        ? {
            kind: 'image',
            imageIdentifier: ref.uri,
            repositoryType: 'ECR',
            accessRoleArn: accessRoleArn(account, region),
          }
        : { kind: 'image', imageIdentifier: ref.uri, repositoryType: 'ECR_PUBLIC' };
  } else if (plan.kind === 'image') {
    const { repository, tag } = plan.build;
    const registry = registryHost(account, region);
    const ref = `${registry}/${repository}:${tag}`;
    command(['docker', ...buildArgs(ref)], 'or podman, whichever works');
    request('ecr:DescribeRepositories', { repositoryNames: [repository] });
    request('ecr:CreateRepository', repositoryInput(repository), 'only if it does not exist');
    request('ecr:GetAuthorizationToken', {});
    command(['docker', ...loginArgs(registry, 'AWS')], 'the password from the token, on stdin');
    command(['docker', ...pushArgs(ref)]);
    roleRequests(request);
    source = {
      kind: 'image',
      imageIdentifier: ref,
      repositoryType: 'ECR',
      accessRoleArn: accessRoleArn(account, region),
    };
  } else {
    let connectionArn = ctx.options.connectionArn;
    if (!connectionArn) {
      const connection = connectionName(plan.provider);
      request('apprunner:ListConnections', {}, `reuses an AVAILABLE ${plan.provider} connection`);
      request(
        'apprunner:CreateConnection',
        { ConnectionName: connection, ProviderType: plan.provider, Tags: [TOOL_TAG] },
        'only if there is none; a person then completes its handshake in the console',
      );
      connectionArn = arn('connection', connection, 'connection');
    }
    source = {
      kind: 'code',
      repositoryUrl: plan.repositoryUrl,
      branch: plan.branch,
      sourceDirectory: plan.sourceDirectory,
      connectionArn,
    };
  }

  const arns = extrasRequests(ctx, request, account, arn);
  request(
    'apprunner:CreateService',
    createServiceInput(config, source, arns),
    'if the service does not exist; aws apprunner create-service --cli-input-json file://create-service.json',
  );
  const serviceArn = `arn:${partitionOf(region)}:apprunner:${region}:${account}:service/${name}/${PLACEHOLDER_ID}`;
  request(
    'apprunner:UpdateService',
    updateServiceInput(serviceArn, config, source, arns),
    'instead, if the service exists and differs; if it matches: apprunner:StartDeployment',
  );
  out.push(
    `Then apprunner:DescribeService every ${ctx.timing.pollMs / 1000} s until the operation ends${ctx.options.wait ? '' : ' (not with --no-wait)'}.`,
  );
  if (config.domain)
    out.push(`Then apprunner:AssociateCustomDomain for ${config.domain}, and the DNS records to create.`);

  io.stdout.write(`${out.join('\n')}\n`);
  for (const note of notes) io.stderr.write(`Note: ${note}\n`);
}

function roleRequests(request: Request) {
  request('iam:GetRole', { RoleName: ACCESS_ROLE_NAME });
  request('iam:CreateRole', accessRoleInput(), 'only if it does not exist');
  request('iam:AttachRolePolicy', attachPolicyInput());
}

function extrasRequests(
  ctx: Context,
  request: Request,
  account: string,
  arn: (kind: string, path: string, what: string) => string,
): Arns {
  const { config, region } = ctx;
  const arns: Arns = {};
  const scaling = autoScalingInput(config);
  if (scaling) {
    request('apprunner:ListAutoScalingConfigurations', {
      AutoScalingConfigurationName: scaling.AutoScalingConfigurationName,
      LatestOnly: true,
    });
    request('apprunner:CreateAutoScalingConfiguration', scaling, 'only if the latest revision has other values');
    arns.autoScaling = arn(
      'autoscalingconfiguration',
      `${scaling.AutoScalingConfigurationName}/1`,
      'auto scaling configuration',
    );
  }
  if (needsInstanceRole(config)) {
    const role = instanceRoleInput(config, region);
    request('iam:GetRole', { RoleName: role.RoleName });
    request('iam:CreateRole', role, 'only if it does not exist');
    if (config.observability?.tracing)
      request('iam:AttachRolePolicy', { RoleName: role.RoleName, PolicyArn: XRAY_POLICY_ARN });
    const policy = secretsPolicyInput(config, account, region);
    if (policy) request('iam:PutRolePolicy', policy, 'read access to exactly the configured secrets');
    arns.instanceRole = instanceRoleArn(account, region, config);
  }
  const network = config.network;
  if (network && 'vpcConnectorArn' in network) arns.vpcConnector = network.vpcConnectorArn;
  else if (network) {
    const input = vpcConnectorInput(config)!;
    request(
      'apprunner:ListVpcConnectors',
      {},
      `reuses ${input.VpcConnectorName} when its subnets and security groups match`,
    );
    request('apprunner:CreateVpcConnector', input, 'only if there is no such connector');
    arns.vpcConnector = arn('vpcconnector', `${input.VpcConnectorName}/1`, 'VPC connector');
  }
  const tracing = observabilityInput(config);
  if (tracing) {
    request('apprunner:ListObservabilityConfigurations', {
      ObservabilityConfigurationName: tracing.ObservabilityConfigurationName,
      LatestOnly: true,
    });
    request('apprunner:CreateObservabilityConfiguration', tracing, 'only if it does not exist');
    arns.observability = arn(
      'observabilityconfiguration',
      `${tracing.ObservabilityConfigurationName}/1`,
      'observability configuration',
    );
  }
  return arns;
}
