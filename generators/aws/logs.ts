// The CloudWatch Logs calls the tool makes: whether a log group exists, and its events (logs, --follow).
import type { FilteredLogEvent } from '@aws-sdk/client-cloudwatch-logs';

import { type AwsOptions, call, interop, settingsOf } from './call.js';

export interface LogPage {
  events: FilteredLogEvent[];
  nextToken?: string;
}

export interface Logs {
  logGroupExists(name: string): Promise<boolean>;
  /** The log groups whose names start with `prefix`, newest first. */
  logGroupsUnder(prefix: string): Promise<string[]>;
  filterLogEvents(group: string, startTime: number, nextToken?: string): Promise<LogPage>;
  close(): void;
}

export async function createLogs(o: AwsOptions): Promise<Logs> {
  const logs = interop(await import('./sdk/logs.js'));
  const client = new logs.CloudWatchLogsClient(settingsOf(o));
  const opts = { abortSignal: o.signal };
  return {
    // A prefix query, then an exact match: a missing group is an empty list here, never an error.
    logGroupExists: async (name) =>
      (
        await call(
          'logs:DescribeLogGroups',
          `log group ${name}`,
          async () =>
            (await client.send(new logs.DescribeLogGroupsCommand({ logGroupNamePrefix: name }), opts)).logGroups ?? [],
        )
      ).some((g) => g.logGroupName === name),
    logGroupsUnder: async (prefix) => {
      const found: { name: string; created: number }[] = [];
      for (let nextToken: string | undefined, first = true; first || nextToken; first = false) {
        const page = await call('logs:DescribeLogGroups', `log groups ${prefix}*`, () =>
          client.send(new logs.DescribeLogGroupsCommand({ logGroupNamePrefix: prefix, nextToken }), opts),
        );
        for (const g of page.logGroups ?? [])
          if (g.logGroupName) found.push({ name: g.logGroupName, created: g.creationTime ?? 0 });
        nextToken = page.nextToken;
      }
      return found.sort((a, b) => b.created - a.created).map((g) => g.name);
    },
    filterLogEvents: async (group, startTime, nextToken) => {
      const out = await call('logs:FilterLogEvents', `log group ${group}`, () =>
        client.send(
          new logs.FilterLogEventsCommand({ logGroupName: group, startTime, ...(nextToken ? { nextToken } : {}) }),
          opts,
        ),
      );
      return { events: out.events ?? [], nextToken: out.nextToken };
    },
    close: () => client.destroy(),
  };
}
