// The App Runner side of the image flow: the pushed (or given) image as App Runner's source, with the
// access role App Runner pulls from private ECR with.
import type { Context } from '../shared/context.js';
import { buildAndPush, type ImagePlan } from '../shared/image.js';
import type { ArClients } from './index.js';
import type { Source } from './requests.js';
import { ensureAccessRole } from './roles.js';

export async function prepareImage(
  ctx: Context,
  clients: ArClients,
  plan: ImagePlan,
  account: string,
): Promise<Source> {
  const { ui } = ctx;
  if ('given' in plan) {
    const ref = plan.given;
    if (ref.type === 'ECR_PUBLIC') return { kind: 'image', imageIdentifier: ref.uri, repositoryType: 'ECR_PUBLIC' };
    if (ref.region !== ctx.region || ref.account !== account) {
      ui.warn(
        `${ref.uri} is in ${ref.account === account ? 'another region' : `account ${ref.account}`}: App Runner can pull it only if ` +
          "that repository allows it (a repository policy for this account's AppRunnerECRAccessRole).",
      );
    }
    return {
      kind: 'image',
      imageIdentifier: ref.uri,
      repositoryType: 'ECR',
      accessRoleArn: await ensureAccessRole(ctx, clients.iam),
    };
  }

  const ref = await buildAndPush(ctx, clients.ecr, plan.build, account);
  return {
    kind: 'image',
    imageIdentifier: ref,
    repositoryType: 'ECR',
    accessRoleArn: await ensureAccessRole(ctx, clients.iam),
  };
}
