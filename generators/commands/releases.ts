// `create-apprunner-app releases`: the app's deployments, newest first, from the platform's own records
// (App Runner operations, ECS deployments and service revisions; platform.releases) plus the image each
// rolled out as ECR has it now (DescribeImages: its digest and tags, or that it is gone).
import type { EcrImage } from '../aws/ecr.js';
import type { Release } from '../platforms/platform.js';
import { parseImageUri } from '../platforms/shared/image-uri.js';
import { type Flags, operate, type Run } from './run.js';

export interface Listed extends Release {
  /** The image's tags in ECR now. */
  tags?: string[];
  /** false: the image is gone from ECR; undefined: not an image of this account's ECR in this region, or none recorded. */
  inEcr?: boolean;
  /** The newest release that went live: what runs now. */
  live: boolean;
  /** The image as `<registry>/<repository>` (no tag or digest), for a rollback by digest. */
  repositoryUri?: string;
}

/** Where an image URI points: its repository, and its tag or digest. */
export function imageParts(image: string) {
  const ref = parseImageUri(image, () => '');
  if ('error' in ref || ref.type !== 'ECR') return undefined;
  const at = image.indexOf('@');
  const base = at >= 0 ? image.slice(0, at) : image.replace(/:[^:/]+$/, '');
  const tag = at >= 0 ? undefined : /:([^:/]+)$/.exec(image)?.[1];
  return { ...ref, base, tag, digest: at >= 0 ? image.slice(at + 1) : undefined };
}

export async function listReleases(run: Run): Promise<Listed[]> {
  const releases = await run.platform.releases(run.live);
  const repos = new Map<string, EcrImage[] | undefined>();
  const listed: Listed[] = [];
  for (const r of releases) {
    const parts = r.image ? imageParts(r.image) : undefined;
    if (!parts || parts.region !== run.region) {
      listed.push({ ...r, live: false });
      continue;
    }
    if (!repos.has(parts.repository)) repos.set(parts.repository, await run.live.clients.ecr.images(parts.repository));
    const images = repos.get(parts.repository) ?? [];
    const digest = r.digest ?? parts.digest;
    const found = images.find((i) =>
      digest ? i.digest === digest : parts.tag !== undefined && i.tags.includes(parts.tag),
    );
    listed.push({
      ...r,
      ...(found ? { digest: found.digest, tags: found.tags } : {}),
      inEcr: Boolean(found),
      live: false,
      repositoryUri: parts.base,
    });
  }
  const live = listed.find((r) => run.platform.releaseSucceeded.has(r.result));
  if (live) live.live = true;
  return listed;
}

export const runReleases = (flags: Flags) => operate('releases', flags, releases);

async function releases(run: Run): Promise<number> {
  const list = await listReleases(run);
  if (run.flags.json === true) {
    run.io.stdout.write(
      `${JSON.stringify({ name: run.config.service.name, region: run.region, releases: list }, null, 2)}\n`,
    );
    return 0;
  }
  if (!list.length) {
    run.io.stdout.write(
      `${run.config.service.name} has no releases in ${run.region} yet. Deploy it with:\n  ${run.tool('deploy')}\n`,
    );
    return 0;
  }
  const lines = list.map((r) =>
    [
      `  ${r.id}  ${r.startedAt ?? '?'}  ${r.result}${r.live ? '  (live)' : ''}`,
      r.image
        ? `      image ${r.image}${r.digest && !r.image.includes(r.digest) ? `  ${r.digest}` : ''}` +
          (r.inEcr === false ? '  (gone from ECR)' : r.tags?.length ? `  tags: ${r.tags.join(', ')}` : '')
        : r.source
          ? `      source ${r.source} (App Runner records no commit)`
          : '      image not recorded (deployed before releases were recorded)',
      `      by ${r.by ?? 'not recorded'}`,
    ].join('\n'),
  );
  run.io.stdout.write(
    `Releases of ${run.config.service.name} (${run.platform.shortLabel}, ${run.region}), newest first:\n${lines.join('\n')}\n` +
      `Roll back to the previous one with ${run.tool('rollback')}, or to one of these with ${run.tool('rollback <id>')}.\n`,
  );
  return 0;
}
