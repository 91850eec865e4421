// --dry-run for ECS Express: every request and command of a first deploy, in order, nothing sent or run.
// Each AWS request is a "--- service:Operation" line and its JSON. The CreateExpressGatewayService JSON
// goes as it is to `aws ecs create-express-gateway-service --cli-input-json file://create.json`.
import type { Context } from '../shared/context.js';
import { buildArgs, loginArgs, pushArgs } from '../shared/engine.js';
import { registryHost, repositoryInput } from '../shared/image.js';
import { secretsPolicyDocument } from '../shared/secrets.js';
import type { EcsPlan } from './plan.js';
import {
  createInput,
  EXECUTION_POLICY_ARN,
  executionRoleInput,
  executionRoleName,
  INFRASTRUCTURE_POLICY_ARN,
  INFRASTRUCTURE_ROLE_NAME,
  infrastructureRoleInput,
  type Resolved,
  roleArnOf,
  SECRETS_POLICY_NAME,
  serviceArnOf,
  taskRoleArnOf,
  updateInput,
} from './requests.js';

export const PLACEHOLDER_ACCOUNT = '123456789012';

export function printEcsDryRun(ctx: Context, plan: EcsPlan): void {
  const { config, region, io } = ctx;
  const name = config.service.name;
  const out: string[] = [];
  const request = (operation: string, input: object, why?: string) =>
    out.push(`--- ${operation}${why ? `  # ${why}` : ''}`, JSON.stringify(input, null, 2), '');
  const command = (args: string[], why?: string) => out.push(`$ ${args.join(' ')}${why ? `   # ${why}` : ''}`, '');
  const given = 'given' in plan.image && plan.image.given.type === 'ECR' ? plan.image.given.account : undefined;
  const account = given ?? PLACEHOLDER_ACCOUNT;

  out.push(
    `Dry run: nothing is sent to AWS, built or pushed. For ${name} on Amazon ECS Express Mode in ${region}, deploy would send:`,
    '',
  );
  request('sts:GetCallerIdentity', {}, 'whose credentials these are');
  const serviceArn = serviceArnOf(region, account, name);
  request('ecs:DescribeExpressGatewayService', { serviceArn }, `does ${name} exist?`);
  let image: string;
  if ('given' in plan.image) image = plan.image.given.uri;
  else {
    const { repository, tag } = plan.image.build;
    const registry = registryHost(account, region);
    image = `${registry}/${repository}:${tag}`;
    command(['docker', ...buildArgs(image)], 'or podman, whichever works');
    request('ecr:DescribeRepositories', { repositoryNames: [repository] });
    request('ecr:CreateRepository', repositoryInput(repository), 'only if it does not exist');
    request('ecr:GetAuthorizationToken', {});
    command(['docker', ...loginArgs(registry, 'AWS')], 'the password from the token, on stdin');
    command(['docker', ...pushArgs(image)]);
  }
  const execution = executionRoleName(config, region);
  request('iam:GetRole', { RoleName: execution });
  request('iam:CreateRole', executionRoleInput(config, region), 'only if it does not exist');
  request('iam:AttachRolePolicy', { RoleName: execution, PolicyArn: EXECUTION_POLICY_ARN });
  const policy = secretsPolicyDocument(config.secrets, account, region);
  if (policy)
    request(
      'iam:PutRolePolicy',
      { RoleName: execution, PolicyName: SECRETS_POLICY_NAME, PolicyDocument: policy },
      'read access to exactly the configured secrets',
    );
  request('iam:GetRole', { RoleName: INFRASTRUCTURE_ROLE_NAME });
  request('iam:CreateRole', infrastructureRoleInput(), 'only if it does not exist');
  request('iam:AttachRolePolicy', { RoleName: INFRASTRUCTURE_ROLE_NAME, PolicyArn: INFRASTRUCTURE_POLICY_ARN });

  const resolved: Resolved = {
    image,
    port: plan.port,
    environment: plan.environment,
    executionRoleArn: roleArnOf(region, account, execution),
    infrastructureRoleArn: roleArnOf(region, account, INFRASTRUCTURE_ROLE_NAME),
    taskRoleArn: taskRoleArnOf(config, region, account),
  };
  request(
    'ecs:CreateExpressGatewayService',
    createInput(config, resolved),
    'if the service does not exist; aws ecs create-express-gateway-service --cli-input-json file://create.json',
  );
  request(
    'ecs:UpdateExpressGatewayService',
    updateInput(serviceArn, config, resolved),
    'instead, if the service exists',
  );
  out.push(
    `Then ecs:DescribeExpressGatewayService, ecs:ListServiceDeployments and ecs:DescribeServiceDeployments every ${ctx.timing.pollMs / 1000} s ` +
      `until the service is ACTIVE and the deployment SUCCESSFUL${ctx.options.wait ? '' : ' (not with --no-wait)'}.`,
  );
  if (config.domain)
    out.push(
      `Then, for domain: ${config.domain}, what domain status does: this app's ACM certificate for it, once issued, ` +
        "on the shared HTTPS listener and the name on this service's listener rule.",
    );
  io.stdout.write(`${out.join('\n')}\n`);
  if (!given)
    io.stderr.write(
      `Note: the account id ${PLACEHOLDER_ACCOUNT} is a placeholder: AWS tells deploy the real one (sts:GetCallerIdentity).\n`,
    );
}
