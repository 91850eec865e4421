// App Runner's releases: its own record is the service's operations (ListOperations: type, status,
// times), which name neither the image nor who asked; deploy adds both as a release tag on the service
// (shared/releases.ts), matched here by operation id.
// https://docs.aws.amazon.com/apprunner/latest/api/API_ListOperations.html
import { tagMap } from '../ownership/owner.js';
import type { Live, Release } from '../platform.js';
import type { Context } from '../shared/context.js';
import { imageOfRecord, recordedImage, releaseRecords, releaseTag } from '../shared/releases.js';
import type { ArClients } from './index.js';
import { findLive } from './operate.js';
import type { Applied } from './service.js';

/** The operations that roll out a version: creating the service, changing it, or a new deployment. */
const ROLLOUTS = new Set(['CREATE_SERVICE', 'UPDATE_SERVICE', 'START_DEPLOYMENT']);
const iso = (d?: Date) => (d ? d.toISOString().replace(/\.\d{3}Z$/, 'Z') : undefined);

export async function releases(live: Live<ArClients>): Promise<Release[]> {
  const service = await findLive(live);
  if (!service?.ServiceArn) return [];
  const ar = live.clients.apprunner;
  const [operations, tags] = await Promise.all([ar.listOperations(service.ServiceArn), ar.tagsOf(service.ServiceArn)]);
  const records = new Map(releaseRecords(tagMap(tags)).map((r) => [r.id, r]));
  const code = service.SourceConfiguration?.CodeRepository;
  const current = service.SourceConfiguration?.ImageRepository?.ImageIdentifier;
  return operations
    .filter((o) => ROLLOUTS.has(o.Type ?? ''))
    .map((o) => {
      const record = records.get(o.Id ?? '');
      return {
        id: o.Id ?? '?',
        startedAt: iso(o.StartedAt),
        endedAt: iso(o.EndedAt),
        result: o.Status ?? '?',
        ...(record ? imageOfRecord(record.image, current) : {}),
        ...(code ? { source: `${code.RepositoryUrl} branch ${code.SourceCodeVersion?.Value}` } : {}),
        ...(record?.by ? { by: record.by } : {}),
      };
    });
}

/** The release tag for the operation this deploy started (a failed tag is said, never fails the deploy). */
export async function recordRelease(ctx: Context, clients: ArClients, applied: Applied, caller: string) {
  const arn = applied.service.ServiceArn;
  if (!arn || !applied.operationId) return;
  const deployed = applied.image;
  const image = deployed ? await recordedImage(clients.ecr, deployed, ctx.region) : '-';
  const tags = tagMap(await clients.apprunner.tagsOf(arn));
  const tag = releaseTag(tags, { id: applied.operationId, image, by: caller });
  await clients.apprunner.tagResource(arn, [{ Key: tag.key, Value: tag.value }]);
}
