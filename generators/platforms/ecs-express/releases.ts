// ECS Express's releases: its own records are the service's deployments (ListServiceDeployments) and
// the service revision each rolled out (DescribeServiceRevisions: the image, and the digest ECS
// resolved it to). Who asked for each is not recorded by ECS; deploy adds it as a release tag on the
// service (shared/releases.ts), matched here by service revision.
// https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ServiceRevision.html
import { tagMap } from '../ownership/owner.js';
import type { Live, Release } from '../platform.js';
import type { Context } from '../shared/context.js';
import { imageOfRecord, recordedImage, releaseRecords, releaseTag } from '../shared/releases.js';
import type { EcsClients } from './index.js';
import { serviceArnIn } from './operate.js';
import { CLUSTER } from './requests.js';
import type { EcsApplied } from './service.js';

const iso = (d?: Date) => (d ? d.toISOString().replace(/\.\d{3}Z$/, 'Z') : undefined);
/** A service revision's own id: the last part of its ARN. */
const revisionId = (arn?: string) => arn?.split('/').pop() ?? '?';

export async function releases(live: Live<EcsClients>): Promise<Release[]> {
  const { ecs } = live.clients;
  const arn = await serviceArnIn(live);
  const service = await ecs.describeExpress(arn);
  if (!service || service.status?.statusCode === 'INACTIVE') return [];
  const deployments = await ecs.deployments(CLUSTER, arn);
  const arns = [...new Set(deployments.map((d) => d.targetServiceRevision?.arn).filter((a): a is string => !!a))];
  const revisions = new Map<string, { image?: string; digest?: string }>();
  // DescribeServiceRevisions takes at most 20 ARNs a call.
  for (let i = 0; i < arns.length; i += 20) {
    for (const r of await ecs.serviceRevisions(arns.slice(i, i + 20))) {
      const image = r.containerImages?.[0];
      revisions.set(r.serviceRevisionArn ?? '', { image: image?.image, digest: image?.imageDigest });
    }
  }
  const records = new Map(releaseRecords(tagMap(service.tags ?? [])).map((r) => [r.id, r]));
  return deployments.map((d) => {
    const revision = revisions.get(d.targetServiceRevision?.arn ?? '');
    const record = records.get(revisionId(d.targetServiceRevision?.arn));
    const recorded = record ? imageOfRecord(record.image, revision?.image) : {};
    const image = revision?.image ?? recorded.image;
    const digest = revision?.digest ?? recorded.digest;
    return {
      id: revisionId(d.targetServiceRevision?.arn),
      startedAt: iso(d.startedAt ?? d.createdAt),
      endedAt: iso(d.finishedAt ?? d.stoppedAt),
      result: d.status ?? '?',
      ...(image ? { image } : {}),
      ...(digest ? { digest } : {}),
      ...(record?.by ? { by: record.by } : {}),
    };
  });
}

/** The release tag for the service revision this deploy rolls out (a failed tag never fails the deploy). */
export async function recordRelease(ctx: Context, clients: EcsClients, applied: EcsApplied, caller: string) {
  const revision = applied.mine.revisionArn;
  if (!revision) return;
  const service = await clients.ecs.describeExpress(applied.serviceArn);
  const [current] = await clients.ecs.serviceRevisions([revision]);
  const deployed = current?.containerImages?.[0]?.image;
  const image = deployed ? await recordedImage(clients.ecr, deployed, ctx.region) : '-';
  const tag = releaseTag(tagMap(service?.tags ?? []), { id: revisionId(revision), image, by: caller });
  await clients.ecs.tagResource(applied.serviceArn, [tag]);
}
