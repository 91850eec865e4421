// What a service leans on besides its source, each only when the config asks for it: a non-default auto
// scaling configuration, an instance role (secrets, tracing), a VPC connector, an observability
// configuration. Each is reused by name when it already says the same thing, else created.
import type { AppRunner } from '../../aws/apprunner.js';
import type { Context } from '../shared/context.js';
import type { ArClients } from './index.js';
import { type Arns, autoScalingInput } from './requests.js';
import { observabilityInput, vpcConnectorInput } from './resources.js';
import { ensureInstanceRole } from './roles.js';

export async function resolveExtras(ctx: Context, clients: ArClients, account: string): Promise<Arns> {
  const arns: Arns = {};
  arns.autoScaling = await resolveScaling(ctx, clients.apprunner);
  arns.instanceRole = await ensureInstanceRole(ctx, clients.iam, account);
  arns.vpcConnector = await resolveVpcConnector(ctx, clients.apprunner);
  arns.observability = await resolveObservability(ctx, clients.apprunner);
  return Object.fromEntries(Object.entries(arns).filter(([, v]) => v !== undefined)) as Arns;
}

/** App Runner's defaults (1, 25, 100) need no configuration of their own. */
async function resolveScaling(ctx: Context, ar: AppRunner): Promise<string | undefined> {
  const input = autoScalingInput(ctx.config);
  if (!input) return undefined;
  const latest = await ar.latestAutoScaling(input.AutoScalingConfigurationName!);
  if (
    latest &&
    latest.MinSize === input.MinSize &&
    latest.MaxSize === input.MaxSize &&
    latest.MaxConcurrency === input.MaxConcurrency
  ) {
    return latest.AutoScalingConfigurationArn!;
  }
  const created = await ar.createAutoScaling(input);
  ctx.ledger.note(
    `The auto scaling configuration ${created.AutoScalingConfigurationName} (revision ${created.AutoScalingConfigurationRevision}) was created and is kept.`,
  );
  return created.AutoScalingConfigurationArn!;
}

const sameSet = (a: string[] | undefined, b: string[] | undefined) =>
  JSON.stringify([...(a ?? [])].sort()) === JSON.stringify([...(b ?? [])].sort());

async function resolveVpcConnector(ctx: Context, ar: AppRunner): Promise<string | undefined> {
  const network = ctx.config.network;
  if (!network) return undefined;
  if ('vpcConnectorArn' in network) return network.vpcConnectorArn;
  const input = vpcConnectorInput(ctx.config)!;
  const match = (await ar.listVpcConnectors()).find(
    (v) =>
      v.VpcConnectorName === input.VpcConnectorName &&
      v.Status === 'ACTIVE' &&
      sameSet(v.Subnets, input.Subnets) &&
      sameSet(v.SecurityGroups, input.SecurityGroups),
  );
  if (match) return match.VpcConnectorArn!;
  const created = await ar.createVpcConnector(input);
  ctx.ledger.note(
    `The VPC connector ${created.VpcConnectorName} (revision ${created.VpcConnectorRevision}) was created and is kept.`,
  );
  ctx.ui.info(`Created the VPC connector ${created.VpcConnectorName} (subnets ${input.Subnets!.join(', ')}).`);
  return created.VpcConnectorArn!;
}

async function resolveObservability(ctx: Context, ar: AppRunner): Promise<string | undefined> {
  const input = observabilityInput(ctx.config);
  if (!input) return undefined;
  // Deploy only ever creates it with X-Ray tracing, so a configuration of that name is the one wanted.
  const latest = await ar.latestObservability(input.ObservabilityConfigurationName!);
  if (latest?.ObservabilityConfigurationArn) return latest.ObservabilityConfigurationArn;
  const arn = await ar.createObservability(input);
  ctx.ledger.note(
    `The observability configuration ${input.ObservabilityConfigurationName} (X-Ray) was created and is kept.`,
  );
  return arn;
}
