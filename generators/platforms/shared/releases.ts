// Who deployed what: neither App Runner's operations nor ECS's deployments say who asked for them, and
// App Runner's do not say which image either. So every deploy records its release on the service itself,
// as one tag: the platform's own id of the deployment (App Runner's operation id, the ECS service
// revision), the image it rolled out and the caller's ARN from STS. Tags, not a file: every person and
// CI runner deploying the app sees the same history, and it goes when the service goes. The records
// take ten tag slots, overwritten in turn (AWS allows 50 tags a resource), so the ten newest releases
// carry who deployed them; older ones still list from the platform's records, with "not recorded".
// https://docs.aws.amazon.com/apprunner/latest/api/API_Tag.html
// https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_Tag.html
import { TOOL } from '../ownership/owner.js';

export const RELEASE_KEY = `${TOOL}:release:`;
export const RELEASE_SLOTS = 10;
/** Both App Runner and ECS take at most 256 characters in a tag value. */
const MAX_VALUE = 256;

export interface ReleaseRecord {
  seq: number;
  /** The platform's id of the deployment (an App Runner operation id, an ECS service revision id). */
  id: string;
  /** The image as deployed (a URI with :tag or @digest), or "-" when the platform records it itself. */
  image: string;
  /** The caller's ARN (STS GetCallerIdentity), cut to fit. */
  by: string;
}

// Tag values allow letters, digits, spaces and _ . : / = + - @ on both platforms; anything else in an
// ARN (none today) becomes "_".
const clean = (s: string) => s.replace(/[^\p{L}\p{N}_.:/=+@-]/gu, '_');

/** Every release record among a resource's tags, newest first. */
export function releaseRecords(tags: Record<string, string>): ReleaseRecord[] {
  const out: ReleaseRecord[] = [];
  for (const [key, value] of Object.entries(tags)) {
    if (!key.startsWith(RELEASE_KEY)) continue;
    const [seq, id, image, ...by] = value.split(' ');
    if (!seq || !/^\d+$/.test(seq) || !id || !image) continue;
    out.push({ seq: Number(seq), id, image, by: by.join(' ') });
  }
  return out.sort((a, b) => b.seq - a.seq);
}

/** The tag that records this release, in the slot after the newest one. */
export function releaseTag(tags: Record<string, string>, record: Omit<ReleaseRecord, 'seq'>) {
  const seq = (releaseRecords(tags)[0]?.seq ?? -1) + 1;
  const head = `${seq} ${clean(record.id)} ${clean(record.image)} `;
  return { key: `${RELEASE_KEY}${seq % RELEASE_SLOTS}`, value: `${head}${clean(record.by)}`.slice(0, MAX_VALUE) };
}

/**
 * What a release record keeps of the image: its digest, read from ECR right after the push (a tag can
 * move to another image later, a digest cannot), or the reference as deployed when ECR does not say.
 */
export async function recordedImage(
  ecr: { imageDigest(repository: string, tag: string): Promise<string | undefined> },
  image: string,
  region: string,
): Promise<string> {
  const at = image.indexOf('@');
  if (at >= 0) return image.slice(at + 1);
  const m = /^\d{12}\.dkr\.ecr\.([a-z0-9-]+)\.amazonaws\.com(?:\.cn)?\/([^:@]+):([^:/@]+)$/.exec(image);
  if (!m || m[1] !== region) return image;
  return (await ecr.imageDigest(m[2]!, m[3]!)) ?? image;
}

/** A recorded image back as a reference: a bare digest is in the repository of `current` (the service's image now). */
export function imageOfRecord(recorded: string, current: string | undefined): { image?: string; digest?: string } {
  if (recorded === '-') return {};
  if (!recorded.startsWith('sha256:')) return { image: recorded };
  const base = current ? current.replace(/@.*$/, '').replace(/:[^:/]+$/, '') : undefined;
  return { image: base ? `${base}@${recorded}` : undefined, digest: recorded };
}
