// A local stand-in for the Resource Groups Tagging API's GetResources, because tests cannot reach AWS and
// moto's version covers neither App Runner, ECS Express nor ECR. It speaks the API's wire protocol (AWS
// JSON 1.1, `X-Amz-Target: ResourceGroupsTaggingAPI_20170126.GetResources`), so the real
// @aws-sdk/client-resource-groups-tagging-api talks to it through AWS_ENDPOINT_URL_RESOURCE_GROUPS_TAGGING_API.
//
// Like the real API it is regional: the region is the one the request is signed for (SigV4's credential
// scope), and it answers from what the other stand-ins hold in that region, read when asked:
// App Runner services (the stand-in's state) and its configurations and connectors (over its own wire),
// ECS Express services (the ECS stand-in's state; INACTIVE and DRAINING ones too, since whether AWS still
// lists a deleted ECS service is not documented), ECR repositories and log groups (moto, over its wire).
// IAM roles are never returned: "The GetResources operation does not currently support IAM users and roles."
// https://docs.aws.amazon.com/resourcegroupstagging/latest/APIReference/API_GetResources.html
// Validated: TagFilters (at most 50, each with at most 20 values), ResourcesPerPage (1-100), unknown members.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import {
  AppRunnerClient,
  ListAutoScalingConfigurationsCommand,
  ListObservabilityConfigurationsCommand,
  ListTagsForResourceCommand,
  ListVpcConnectorsCommand,
} from '@aws-sdk/client-apprunner';
import {
  CloudWatchLogsClient,
  DescribeLogGroupsCommand,
  ListTagsForResourceCommand as LogTags,
} from '@aws-sdk/client-cloudwatch-logs';
import { DescribeRepositoriesCommand, ECRClient, ListTagsForResourceCommand as EcrTags } from '@aws-sdk/client-ecr';

import type { AppRunnerStandIn } from './apprunner.js';
import type { EcsStandIn } from './ecs-express.js';
import { readCall, sendJson } from './wire.js';

const PREFIX = 'ResourceGroupsTaggingAPI_20170126.';
const CREDENTIALS = { accessKeyId: 'testing', secretAccessKey: 'testing' };
const INPUT_MEMBERS = [
  'PaginationToken',
  'TagFilters',
  'ResourcesPerPage',
  'TagsPerPage',
  'ResourceTypeFilters',
  'IncludeComplianceDetails',
  'ExcludeCompliantResources',
  'ResourceARNList',
];

export interface TaggingSources {
  apprunner?: AppRunnerStandIn[];
  ecs?: EcsStandIn[];
  /** moto's URL, for ECR repositories and log groups. */
  motoUrl?: string;
}

export interface TaggingStandIn {
  readonly url: string;
  /** Every GetResources received: the region it was signed for and its input. */
  readonly requests: { region: string; input: Record<string, any> }[];
  /** Makes GetResources in `region` fail with this error type (e.g. UnrecognizedClientException: region not enabled). */
  failIn(region: string, errorType: string): void;
  close(): Promise<void>;
}

interface Mapping {
  ResourceARN: string;
  Tags: { Key: string; Value: string }[];
}

class ApiError extends Error {
  constructor(
    readonly type: string,
    message: string,
    readonly status = 400,
  ) {
    super(message);
  }
}

const regionOf = (req: IncomingMessage) =>
  /Credential=[^/]+\/\d{8}\/([^/]+)\//.exec(String(req.headers.authorization ?? ''))?.[1];
const arnRegion = (arn: string) => arn.split(':')[3];
const pascal = (tags: { Key?: string; Value?: string }[] | undefined) =>
  (tags ?? []).map((t) => ({ Key: t.Key ?? '', Value: t.Value ?? '' }));

async function appRunnerMappings(standIn: AppRunnerStandIn, region: string): Promise<Mapping[]> {
  if (standIn.region !== region) return [];
  const services = standIn.services
    .filter((s) => s.service.Status !== 'DELETED')
    .map((s) => ({ ResourceARN: s.service.ServiceArn!, Tags: pascal(s.tags) }));
  const client = new AppRunnerClient({ endpoint: standIn.url, region, credentials: CREDENTIALS });
  try {
    const arns = [
      ...(
        (await client.send(new ListAutoScalingConfigurationsCommand({}))).AutoScalingConfigurationSummaryList ?? []
      ).map((a) => a.AutoScalingConfigurationArn),
      ...(
        (await client.send(new ListObservabilityConfigurationsCommand({}))).ObservabilityConfigurationSummaryList ?? []
      ).map((o) => o.ObservabilityConfigurationArn),
      ...((await client.send(new ListVpcConnectorsCommand({}))).VpcConnectors ?? [])
        .filter((v) => v.Status === 'ACTIVE')
        .map((v) => v.VpcConnectorArn),
    ].filter((a): a is string => Boolean(a) && !a!.includes('/DefaultConfiguration/'));
    const configs = await Promise.all(
      arns.map(async (arn) => ({
        ResourceARN: arn,
        Tags: pascal((await client.send(new ListTagsForResourceCommand({ ResourceArn: arn }))).Tags),
      })),
    );
    return [...services, ...configs];
  } finally {
    client.destroy();
  }
}

function ecsMappings(standIn: EcsStandIn, region: string): Mapping[] {
  return [...standIn.services.values()]
    .filter((s) => arnRegion(s.serviceArn) === region)
    .map((s) => ({
      ResourceARN: s.serviceArn,
      Tags: (s.tags ?? []).map((t: { key: string; value?: string }) => ({ Key: t.key, Value: t.value ?? '' })),
    }));
}

async function motoMappings(url: string, region: string): Promise<Mapping[]> {
  const config = { endpoint: url, region, credentials: CREDENTIALS };
  const ecr = new ECRClient(config);
  const logs = new CloudWatchLogsClient(config);
  try {
    const repos = (await ecr.send(new DescribeRepositoriesCommand({}))).repositories ?? [];
    const groups = (await logs.send(new DescribeLogGroupsCommand({}))).logGroups ?? [];
    return [
      ...(await Promise.all(
        repos.map(async (r) => ({
          ResourceARN: r.repositoryArn!,
          Tags: pascal((await ecr.send(new EcrTags({ resourceArn: r.repositoryArn }))).tags),
        })),
      )),
      ...(await Promise.all(
        groups.map(async (g) => {
          const arn = g.arn!.replace(/:\*$/, '');
          const tags = (await logs.send(new LogTags({ resourceArn: arn }))).tags ?? {};
          return { ResourceARN: arn, Tags: Object.entries(tags).map(([Key, Value]) => ({ Key, Value })) };
        }),
      )),
    ];
  } finally {
    ecr.destroy();
    logs.destroy();
  }
}

function check(input: Record<string, any>): void {
  const unknown = Object.keys(input).filter((k) => !INPUT_MEMBERS.includes(k));
  if (unknown.length) throw new ApiError('InvalidParameterException', `Unknown parameter(s): ${unknown.join(', ')}`);
  const filters = input.TagFilters ?? [];
  if (!Array.isArray(filters) || filters.length > 50)
    throw new ApiError('InvalidParameterException', 'TagFilters may hold at most 50 filters.');
  for (const f of filters) {
    if (typeof f.Key !== 'string' || f.Key.length < 1 || f.Key.length > 128)
      throw new ApiError('InvalidParameterException', 'Each tag filter needs a Key of 1-128 characters.');
    if ((f.Values ?? []).length > 20)
      throw new ApiError('InvalidParameterException', 'A tag filter may hold at most 20 values.');
  }
  const per = input.ResourcesPerPage;
  if (per !== undefined && (!Number.isInteger(per) || per < 1 || per > 100))
    throw new ApiError('InvalidParameterException', 'ResourcesPerPage must be between 1 and 100.');
}

const matchesFilters = (m: Mapping, filters: { Key: string; Values?: string[] }[]) =>
  filters.every((f) => {
    const tag = m.Tags.find((t) => t.Key === f.Key);
    return tag !== undefined && (!f.Values?.length || f.Values.includes(tag.Value));
  });

// "ecs:service" matches arn:aws:ecs:…:service/…; "ecr" matches every ECR resource.
const matchesTypes = (m: Mapping, types: string[]) =>
  !types.length ||
  types.some((t) => {
    const [service, type] = t.split(':');
    const [, , arnService, , , resource = ''] = m.ResourceARN.split(':');
    return arnService === service && (!type || resource.startsWith(`${type}/`) || resource === type);
  });

export async function startTaggingStandIn(sources: TaggingSources): Promise<TaggingStandIn> {
  const requests: TaggingStandIn['requests'] = [];
  const failures = new Map<string, string>();

  async function getResources(region: string, input: Record<string, any>) {
    check(input);
    const all = [
      ...(await Promise.all((sources.apprunner ?? []).map((s) => appRunnerMappings(s, region)))).flat(),
      ...(sources.ecs ?? []).flatMap((s) => ecsMappings(s, region)),
      ...(sources.motoUrl ? await motoMappings(sources.motoUrl, region) : []),
    ]
      .filter((m) => matchesFilters(m, input.TagFilters ?? []) && matchesTypes(m, input.ResourceTypeFilters ?? []))
      .sort((a, b) => a.ResourceARN.localeCompare(b.ResourceARN));
    const start = input.PaginationToken ? Number(Buffer.from(input.PaginationToken, 'base64url').toString('utf8')) : 0;
    if (!Number.isInteger(start) || start < 0)
      throw new ApiError('PaginationTokenExpiredException', 'The pagination token is not valid.');
    const end = start + (input.ResourcesPerPage ?? 50);
    return {
      ResourceTagMappingList: all.slice(start, end),
      PaginationToken: end < all.length ? Buffer.from(String(end)).toString('base64url') : '',
    };
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const { target, text } = await readCall(req);
    try {
      const region = regionOf(req);
      if (!region)
        throw new ApiError('InvalidSignatureException', 'The request carries no SigV4 credential scope.', 403);
      if (target !== `${PREFIX}GetResources`)
        throw new ApiError(
          'UnknownOperationException',
          `The stand-in does not serve ${target || '(no X-Amz-Target)'}.`,
        );
      const input = text ? JSON.parse(text) : {};
      requests.push({ region, input });
      const failure = failures.get(region);
      if (failure)
        throw new ApiError(failure, `The security token included in the request is invalid (${region}).`, 403);
      sendJson(res, '1.1', 200, await getResources(region, input));
    } catch (e) {
      const err =
        e instanceof ApiError
          ? e
          : new ApiError('InternalServiceException', `Stand-in bug: ${(e as Error).stack ?? e}`, 500);
      sendJson(res, '1.1', err.status, { __type: err.type, Message: err.message }, err.type);
    }
  }

  const server = createServer((req, res) => void handle(req, res));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    failIn: (region, errorType) => void failures.set(region, errorType),
    close() {
      server.closeAllConnections();
      return new Promise<void>((resolve, reject) => server.close((err) => (err ? reject(err) : resolve())));
    },
  };
}
