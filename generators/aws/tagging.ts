// The thin client of the Resource Groups Tagging API: every resource of one region that carries a tag,
// whatever service it belongs to (GetResources with a tag filter, every page). It is how status and
// delete find an app's deployments without trusting the deploy config's current name, region or
// target. GetResources is regional and does not return IAM roles (the API reference says so), so roles
// are found through IAM, and callers also list services per region (ownership/deployments.ts).
// https://docs.aws.amazon.com/resourcegroupstagging/latest/APIReference/API_GetResources.html
// https://docs.aws.amazon.com/resourcegroupstagging/latest/APIReference/supported-services.html
import { type AwsOptions, call, interop, settingsOf } from './call.js';

export interface TaggedResource {
  arn: string;
  tags: Record<string, string>;
}

export interface Tagging {
  readonly region: string;
  /** Every resource of the region whose tag `key` has the value `value`. */
  tagged(key: string, value: string): Promise<TaggedResource[]>;
  close(): void;
}

export async function createTagging(o: AwsOptions): Promise<Tagging> {
  const { region, signal } = o;
  const sdk = interop(await import('./sdk/tagging.js'));
  const client = new sdk.ResourceGroupsTaggingAPIClient(settingsOf(o));
  return {
    region,
    tagged: (key, value) =>
      call('tag:GetResources', `resources tagged ${key}=${value} in ${region}`, async () => {
        const out: TaggedResource[] = [];
        const pages = sdk.paginateGetResources(
          { client, pageSize: 100 },
          { TagFilters: [{ Key: key, Values: [value] }] },
        );
        for await (const page of pages) {
          if (signal?.aborted) throw signal.reason;
          for (const m of page.ResourceTagMappingList ?? []) {
            if (!m.ResourceARN) continue;
            out.push({
              arn: m.ResourceARN,
              tags: Object.fromEntries((m.Tags ?? []).map((t) => [t.Key ?? '', t.Value ?? ''])),
            });
          }
        }
        return out;
      }),
    close: () => client.destroy(),
  };
}
