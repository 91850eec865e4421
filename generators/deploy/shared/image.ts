// The image flow both targets share. Planned locally first (the --image check, the tag, the engine: no
// AWS, nothing created), then carried out once the target's first call has answered: build, ECR
// repository, login, push. What pulls the image (App Runner's access role, ECS's execution role) is the
// target's business.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Aws } from './aws.js';
import type { Context } from './context.js';
import { detectEngine, buildImage, login, pushImage, type Engine } from './engine.js';
import { usageError } from './errors.js';
import { gitFacts, imageTag } from './git.js';
import { parseImageUri, type ImageRef } from './image-uri.js';
import type { CreateRepositoryCommandInput } from '@aws-sdk/client-ecr';
import { TOOL_TAG } from './names.js';

export type ImagePlan =
  | { kind: 'image'; given: ImageRef }
  | { kind: 'image'; build: { repository: string; tag: string; engine?: Engine } };

/**
 * `repository` defaults to the config's source.ecrRepository; `unique` adds the time to every tag, for
 * targets that roll out only on a new tag (ECS: the same tag pushed again is no change).
 */
export async function planImage(ctx: Context, how: { repository?: string; unique?: boolean } = {}): Promise<ImagePlan> {
  if (ctx.options.image !== undefined) {
    const ref = parseImageUri(ctx.options.image);
    if ('error' in ref) throw usageError(ref.error);
    return { kind: 'image', given: ref };
  }
  const { dir } = ctx.project;
  if (!existsSync(join(dir, 'Dockerfile'))) {
    throw usageError(`No Dockerfile in ${dir}: deploy builds the image from it. Add one, or deploy a built image with --image <uri>.`);
  }
  const repository = how.repository ?? (ctx.config.source.kind === 'image' ? ctx.config.source.ecrRepository : '');
  const tag = imageTag(await gitFacts(dir), new Date(), how.unique);
  // A dry run names the engine it would use but never runs it.
  const engine = ctx.options.dryRun ? undefined : await detectEngine(ctx.io.env);
  return { kind: 'image', build: { repository, tag, engine } };
}

export function repositoryInput(name: string): CreateRepositoryCommandInput {
  return {
    repositoryName: name,
    imageScanningConfiguration: { scanOnPush: true },
    // Each deploy pushes its own tag; mutable tags let a redeploy of the same commit push it again.
    imageTagMutability: 'MUTABLE',
    tags: [TOOL_TAG],
  };
}

export const registryHost = (account: string, region: string) =>
  `${account}.dkr.ecr.${region}.amazonaws.com${region.startsWith('cn-') ? '.cn' : ''}`;

/** Builds the image, makes sure its ECR repository exists, logs in and pushes; returns the pushed reference. */
export async function buildAndPush(ctx: Context, aws: Aws, build: { repository: string; tag: string; engine?: Engine }, account: string): Promise<string> {
  const { ui, ledger } = ctx;
  const { repository, tag, engine } = build;
  const ref = `${registryHost(account, ctx.region)}/${repository}:${tag}`;
  const run = { env: ctx.io.env, signal: ctx.signal, output: ctx.io.stderr };
  // Built before anything exists on AWS: a broken Dockerfile leaves nothing behind.
  ui.info(`Building ${ref} with ${engine!.name}…`);
  await buildImage(engine!, ctx.project.dir, ref, run);

  if (!(await aws.findRepository(repository))) {
    await aws.createRepository(repositoryInput(repository));
    ledger.note(`The ECR repository ${repository} was created and is kept (deploy pushes every image there).`);
    ui.info(`Created the ECR repository ${repository} (scan on push).`);
  }
  const auth = await aws.registryLogin();
  await login(engine!, auth.registry, auth.username, auth.password, run);
  await pushImage(engine!, ref, run);
  ledger.note(`The image ${ref} was pushed and is kept.`);
  ui.info(`Pushed ${ref}.`);
  return ref;
}
