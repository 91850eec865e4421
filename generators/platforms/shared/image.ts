// The image flow every platform shares. Planned locally first (the --image check, the tag, the engine: no
// AWS, nothing created), then carried out once the platform's first call has answered: build, ECR
// repository, login, push. What pulls the image (App Runner's access role, ECS's execution role) is the
// platform's business.
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

import type { CreateRepositoryCommandInput } from '@aws-sdk/client-ecr';

import type { Ecr } from '../../aws/ecr.js';
import { DEPLOY_CONFIG_FILE } from '../../core/deploy-config.js';
import { namesOf } from '../ownership/names.js';
import { type AnyTags, APP_ID_KEY, ownership, ownerText, toolTags } from '../ownership/owner.js';
import type { Context } from './context.js';
import { buildImage, detectEngine, type Engine, login, pushImage } from './engine.js';
import { DeployError, usageError } from './errors.js';
import { gitFacts, imageTag } from './git.js';
import { type ImageRef, parseImageUri } from './image-uri.js';
import { TOOL_TAG } from './names.js';

export type ImagePlan =
  { kind: 'image'; given: ImageRef } | { kind: 'image'; build: { repository: string; tag: string; engine?: Engine } };

export interface ImageHow {
  /** Why the platform refuses an image from another registry (platform.imageRefusal). */
  refusal: (registry: string) => string;
  /** Defaults to the config's source.ecrRepository. */
  repository?: string;
  /** A tag of its own for every deploy (see imageTag), for platforms that roll out only on a new tag. */
  unique?: boolean;
}

export async function planImage(ctx: Context, how: ImageHow): Promise<ImagePlan> {
  if (ctx.options.image !== undefined) {
    const ref = parseImageUri(ctx.options.image, how.refusal);
    if ('error' in ref) throw usageError(ref.error);
    return { kind: 'image', given: ref };
  }
  const { dir } = ctx.project;
  if (!existsSync(join(dir, 'Dockerfile'))) {
    throw usageError(
      `No Dockerfile in ${dir}: deploy builds the image from it. Add one, or deploy a built image with --image <uri>.`,
    );
  }
  const repository = how.repository ?? (ctx.config.source.kind === 'image' ? ctx.config.source.ecrRepository : '');
  const tag = imageTag(await gitFacts(dir), new Date(), how.unique ? randomBytes(3).toString('hex') : undefined);
  // A dry run names the engine it would use but never runs it.
  const engine = ctx.options.dryRun ? undefined : await detectEngine(ctx.io.env);
  return { kind: 'image', build: { repository, tag, engine } };
}

export function repositoryInput(
  name: string,
  tags: { Key: string; Value: string }[] = [{ Key: TOOL_TAG.Key, Value: TOOL_TAG.Value }],
): CreateRepositoryCommandInput {
  return {
    repositoryName: name,
    imageScanningConfiguration: { scanOnPush: true },
    // Each deploy pushes its own tag; mutable tags let a redeploy of the same commit push it again.
    imageTagMutability: 'MUTABLE',
    tags,
  };
}

export const registryHost = (account: string, region: string) =>
  `${account}.dkr.ecr.${region}.amazonaws.com${region.startsWith('cn-') ? '.cn' : ''}`;

function refuseOtherAppsRepository(ctx: Context, repository: string, tags: AnyTags): void {
  const id = ctx.config.app?.id;
  const o = id ? ownership(tags, id) : undefined;
  if (!id || o?.kind !== 'foreign' || !o.owner[APP_ID_KEY]) return;
  const own = namesOf({ id, name: ctx.config.service.name, region: ctx.region }).repository;
  throw new DeployError(
    `The ECR repository ${repository} in ${ctx.region} belongs to another app (${ownerText(o)}), so deploy does not push ` +
      `this app's image there. Give this app its own: set source.ecrRepository: ${own} in ${DEPLOY_CONFIG_FILE}, then deploy again.`,
  );
}

/** Builds the image, makes sure its ECR repository exists, logs in and pushes; returns the pushed reference. */
export async function buildAndPush(
  ctx: Context,
  ecr: Ecr,
  build: { repository: string; tag: string; engine?: Engine },
  account: string,
): Promise<string> {
  const { ui, ledger } = ctx;
  const { repository, tag, engine } = build;
  const ref = `${registryHost(account, ctx.region)}/${repository}:${tag}`;
  const run = { env: ctx.io.env, signal: ctx.signal, output: ctx.io.stderr };
  // Another app's repository (its id tag says so) is never pushed to: My_Api and my-api both default to my-api.
  const existing = await ecr.repositoryFacts(repository);
  if (existing) refuseOtherAppsRepository(ctx, repository, existing.tags);
  // Built before anything exists on AWS: a broken Dockerfile leaves nothing behind.
  ui.info(`Building ${ref} with ${engine!.name}…`);
  await buildImage(engine!, ctx.project.dir, ref, run);

  if (!existing) {
    await ecr.createRepository(repositoryInput(repository, toolTags(ctx.config)));
    ledger.note(`The ECR repository ${repository} was created and is kept (deploy pushes every image there).`);
    ui.info(`Created the ECR repository ${repository} (scan on push).`);
  }
  const auth = await ecr.registryLogin();
  await login(engine!, auth.registry, auth.username, auth.password, run);
  await pushImage(engine!, ref, run);
  ledger.note(`The image ${ref} was pushed and is kept.`);
  ui.info(`Pushed ${ref}.`);
  return ref;
}
