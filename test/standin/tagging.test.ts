// The Tagging API stand-in, driven by our own client (generators/aws/tagging.ts) through the real SDK: it
// answers per signed region from what the App Runner, ECS and moto stand-ins hold, pages, never returns
// IAM roles, and fails like an account whose region is not enabled.
import { AppRunnerClient, CreateAutoScalingConfigurationCommand } from '@aws-sdk/client-apprunner';
import { CloudWatchLogsClient, CreateLogGroupCommand } from '@aws-sdk/client-cloudwatch-logs';
import { CreateRepositoryCommand, ECRClient } from '@aws-sdk/client-ecr';
import { CreateRoleCommand, IAMClient } from '@aws-sdk/client-iam';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createTagging } from '../../generators/aws/tagging.js';
import { APP_ID_KEY, ownTags } from '../../generators/platforms/ownership/owner.js';
import { type AppRunnerStandIn, startAppRunnerStandIn } from './apprunner.js';
import { type EcsStandIn, startEcsExpressStandIn } from './ecs-express.js';
import { type Moto, startMoto } from './moto.js';
import { startTaggingStandIn, type TaggingStandIn } from './tagging.js';

const ID = 'app-aaaaaaaaaaaa' as never;
const OTHER = 'app-bbbbbbbbbbbb' as never;
const CREDENTIALS = { accessKeyId: 'testing', secretAccessKey: 'testing' };

let moto: Moto;
let apprunner: AppRunnerStandIn;
let ecsEast: EcsStandIn;
let ecsWest: EcsStandIn;
let tagging: TaggingStandIn;

beforeAll(async () => {
  moto = await startMoto();
  apprunner = await startAppRunnerStandIn({ region: 'us-east-1' });
  ecsEast = await startEcsExpressStandIn({ region: 'us-east-1' });
  ecsWest = await startEcsExpressStandIn({ region: 'eu-west-1' });
  tagging = await startTaggingStandIn({ apprunner: [apprunner], ecs: [ecsEast, ecsWest], motoUrl: moto.url });
  process.env.AWS_ENDPOINT_URL_RESOURCE_GROUPS_TAGGING_API = tagging.url;
  process.env.AWS_ACCESS_KEY_ID = CREDENTIALS.accessKeyId;
  process.env.AWS_SECRET_ACCESS_KEY = CREDENTIALS.secretAccessKey;

  const east = { region: 'us-east-1', credentials: CREDENTIALS };
  apprunner.addService({ ServiceName: 'my-api', Status: 'RUNNING' });
  const ar = new AppRunnerClient({ ...east, endpoint: apprunner.url });
  await ar.send(
    new CreateAutoScalingConfigurationCommand({
      AutoScalingConfigurationName: 'my-api-aaaaaaaa',
      MinSize: 1,
      MaxSize: 2,
      Tags: ownTags(ID).pascal,
    }),
  );
  await ar.send(
    new CreateAutoScalingConfigurationCommand({
      AutoScalingConfigurationName: 'theirs-bbbbbbbb',
      MinSize: 1,
      MaxSize: 2,
      Tags: ownTags(OTHER).pascal,
    }),
  );
  await new ECRClient({ ...east, endpoint: moto.url }).send(
    new CreateRepositoryCommand({ repositoryName: 'my-api-aaaaaaaa', tags: ownTags(ID).pascal }),
  );
  await new CloudWatchLogsClient({ region: 'eu-west-1', credentials: CREDENTIALS, endpoint: moto.url }).send(
    new CreateLogGroupCommand({ logGroupName: '/ecs/my-api-aaaaaaaa', tags: ownTags(ID).map }),
  );
  await new IAMClient({ ...east, endpoint: moto.url }).send(
    new CreateRoleCommand({
      RoleName: 'ecsTaskExecution-my-api-us-east-1-aaaaaaaa',
      AssumeRolePolicyDocument: '{}',
      Tags: ownTags(ID).pascal,
    }),
  );
  // Enough ECS services in eu-west-1 to need a second page (the client asks for 100 a page).
  for (let i = 0; i < 120; i++) {
    const name = `svc-${i}`;
    ecsWest.services.set(name, {
      serviceName: name,
      serviceArn: `arn:aws:ecs:eu-west-1:123456789012:service/default/${name}`,
      status: { statusCode: 'ACTIVE' },
      tags: ownTags(ID).camel,
    });
  }
  ecsEast.services.set('foreign', {
    serviceName: 'foreign',
    serviceArn: 'arn:aws:ecs:us-east-1:123456789012:service/default/foreign',
    status: { statusCode: 'ACTIVE' },
    tags: [{ key: 'team', value: 'x' }],
  });
}, 60_000);

afterAll(async () => {
  await Promise.all([tagging?.close(), apprunner?.close(), ecsEast?.close(), ecsWest?.close(), moto?.close()]);
});

describe('GetResources through the stand-in', () => {
  it('returns only what carries the tag value, in the signed region, never IAM roles', async () => {
    const client = await createTagging({ region: 'us-east-1' });
    try {
      const arns = (await client.tagged(APP_ID_KEY, ID)).map((r) => r.arn);
      expect(arns).toEqual([
        expect.stringMatching(
          /^arn:aws:apprunner:us-east-1:123456789012:autoscalingconfiguration\/my-api-aaaaaaaa\/1\//,
        ),
        'arn:aws:ecr:us-east-1:123456789012:repository/my-api-aaaaaaaa',
      ]);
      const found = await client.tagged(APP_ID_KEY, ID);
      expect(found[0]!.tags).toEqual({ 'created-by': 'create-apprunner-app', [APP_ID_KEY]: ID });
    } finally {
      client.close();
    }
  });

  it('pages through every match in another region', async () => {
    const client = await createTagging({ region: 'eu-west-1' });
    try {
      const found = await client.tagged(APP_ID_KEY, ID);
      expect(found).toHaveLength(121);
      expect(found.some((r) => r.arn.endsWith(':log-group:/ecs/my-api-aaaaaaaa'))).toBe(true);
      expect(tagging.requests.filter((r) => r.region === 'eu-west-1')).toHaveLength(2);
      expect(tagging.requests[tagging.requests.length - 1]!.input).toMatchObject({
        TagFilters: [{ Key: APP_ID_KEY, Values: [ID] }],
        ResourcesPerPage: 100,
      });
    } finally {
      client.close();
    }
  });

  it('fails like a region the account has not enabled, with the AWS error code', async () => {
    tagging.failIn('me-central-1', 'UnrecognizedClientException');
    const client = await createTagging({ region: 'me-central-1' });
    try {
      await expect(client.tagged(APP_ID_KEY, ID)).rejects.toMatchObject({ code: 'UnrecognizedClientException' });
    } finally {
      client.close();
    }
  });
});
