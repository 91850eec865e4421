// The platform layer without a CLI or a network: no branch on a platform id outside the loader, the one
// poll helper, the one IAM-propagation retry, and the deciders (whose deployment is whose, how a delete
// goes from the service's status) run against fake clients that answer as the AWS API model says.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

import type { ECSExpressGatewayService, ServiceDeployment } from '@aws-sdk/client-ecs';
import { describe, expect, it } from 'vitest';

import type { Ecs } from '../../generators/aws/ecs.js';
import { AwsCallError } from '../../generators/aws/errors.js';
import { withIamRetry } from '../../generators/aws/iam-retry.js';
import { poll, WaitCancelled } from '../../generators/aws/poll.js';
import type { DeployConfig } from '../../generators/core/deploy-config.js';
import { TARGETS } from '../../generators/core/options.js';
import { ownDeployment, runningDeployment } from '../../generators/platforms/ecs-express/deployments.js';
import type { EcsClients } from '../../generators/platforms/ecs-express/index.js';
import { logGroupOf } from '../../generators/platforms/ecs-express/log-group.js';
import { deleteService } from '../../generators/platforms/ecs-express/operate.js';
import { isPlatformId, loadPlatform } from '../../generators/platforms/load.js';
import type { Live } from '../../generators/platforms/platform.js';

const ROOT = join(import.meta.dirname, '..', '..');
const IDS = TARGETS.map((t) => t.id).join('|');
/**
 * The only files that may name a platform id in a decision: the loader, the registry of rows, and the
 * ownership readers, which sort AWS's own resources (an ARN's service, a listing per API) by platform.
 */
const ALLOWED = [
  'generators/platforms/load.ts',
  'generators/platforms/registry.ts',
  'generators/platforms/ownership/readers.ts',
  'generators/platforms/ownership/refs.ts',
];
/**
 * Files outside this restructure's reach that still branch on an id today (their owners move the
 * decision into the registry or the platform). Each must still branch, so the list only shrinks.
 */
const PENDING: string[] = [];
// A compare either way round, a ternary that picks an id, a switch case, or a map keyed by the ids.
const BRANCH = new RegExp(
  [
    `[!=]==?\\s*['"](${IDS})['"]`,
    `['"](${IDS})['"]\\s*[!=]==?`,
    `\\?\\s*['"](${IDS})['"]\\s*:`,
    `case\\s+['"](${IDS})['"]`,
    `[{,]\\s*(apprunner|'ecs-express')\\s*:\\s*['"\`]`,
  ].join('|'),
);

function tsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const path = join(dir, f);
    return statSync(path).isDirectory() ? tsFiles(path) : path.endsWith('.ts') ? [relative(ROOT, path)] : [];
  });
}

describe('no branches on platform ids', () => {
  it('generators/** decides by the platform module, never by comparing an id (outside the loader and the registry)', () => {
    const branching = tsFiles(join(ROOT, 'generators'))
      .filter((f) => !ALLOWED.includes(f))
      .filter((f) =>
        readFileSync(join(ROOT, f), 'utf8')
          .split('\n')
          .some((line) => !/^\s*(\/\/|\*)/.test(line) && BRANCH.test(line)),
      );
    expect(branching.filter((f) => !PENDING.includes(f))).toEqual([]);
    // A pending file that no longer branches leaves the list.
    expect(PENDING.filter((f) => !branching.includes(f))).toEqual([]);
  });

  it('catches the kinds of branch it is meant to', () => {
    for (const line of [
      `if (target === 'ecs-express') {`,
      `const x = 'apprunner' !== id;`,
      `t ? 'apprunner' : 'ecs-express'`,
      `case 'ecs-express':`,
      `const L = { apprunner: 'App Runner', 'ecs-express': 'ECS' };`,
    ])
      expect(line).toMatch(BRANCH);
    for (const line of [
      `id: 'apprunner',`,
      `deployCommand(ctx, ['--target', 'ecs-express'])`,
      `'apprunner:ListServices'`,
    ])
      expect(line).not.toMatch(BRANCH);
  });

  it('loads each platform by its id, and knows no other', async () => {
    for (const { id } of TARGETS) expect((await loadPlatform(id)).id).toBe(id);
    expect(isPlatformId('heroku')).toBe(false);
  });
});

const progress = () => {
  const lines: string[] = [];
  return {
    lines,
    progress: (label: string, status: string) => void lines.push(`${label}: ${status}`),
    endProgress: () => void lines.push('end'),
  };
};

describe('poll', () => {
  it('reads until settled, shows each status, and ends the progress line', async () => {
    const ui = progress();
    const readings = ['IN_PROGRESS', 'IN_PROGRESS', 'SUCCESSFUL'];
    const out = await poll({
      read: async () => readings.shift()!,
      settled: (r) => r === 'SUCCESSFUL',
      status: (r) => r,
      label: 'Deploying',
      ui,
      timing: { pollMs: 1, timeoutMs: 60_000 },
      timedOut: () => new Error('timed out'),
    });
    expect(out).toBe('SUCCESSFUL');
    expect(ui.lines).toEqual(['Deploying: IN_PROGRESS', 'Deploying: IN_PROGRESS', 'Deploying: SUCCESSFUL', 'end']);
  });

  it("gives up with the caller's error once the time is up, and stops at once on Ctrl-C", async () => {
    const ui = progress();
    const forever = { read: async () => 'IN_PROGRESS', settled: () => false, status: (r: string) => r, label: 'x', ui };
    await expect(
      poll({ ...forever, timing: { pollMs: 1, timeoutMs: 0 }, timedOut: async (r) => new Error(`still ${r}`) }),
    ).rejects.toThrow('still IN_PROGRESS');
    expect(ui.lines.at(-1)).toBe('end');
    const controller = new AbortController();
    controller.abort();
    await expect(
      poll({
        ...forever,
        timing: { pollMs: 60_000, timeoutMs: 600_000 },
        signal: controller.signal,
        timedOut: () => new Error('no'),
      }),
    ).rejects.toBeInstanceOf(WaitCancelled);
  });
});

const awsError = (code: string, message: string) =>
  new AwsCallError(
    'ecs:CreateExpressGatewayService',
    'service go-api',
    Object.assign(new Error(message), { name: code }),
  );

describe('withIamRetry', () => {
  it('retries only what the platform calls "not spread yet", says so once, and stops after its attempts', async () => {
    const notReady = (e: AwsCallError) => e.code === 'AccessDeniedException' && /unable to assume/i.test(e.awsMessage);
    let calls = 0;
    let said = 0;
    const ok = await withIamRetry(
      async () => {
        if (++calls < 3) throw awsError('AccessDeniedException', 'ECS was unable to assume the role');
        return 'created';
      },
      { notReady, attempts: 5, pauseMs: 1, onRetry: () => said++ },
    );
    expect([ok, calls, said]).toEqual(['created', 3, 1]);

    calls = 0;
    await expect(
      withIamRetry(
        async () => {
          calls++;
          throw awsError('AccessDeniedException', 'ECS was unable to assume the role');
        },
        { notReady, attempts: 4, pauseMs: 1 },
      ),
    ).rejects.toThrow(/unable to assume/);
    expect(calls).toBe(4);

    calls = 0;
    await expect(
      withIamRetry(
        async () => {
          calls++;
          throw awsError('AccessDeniedException', 'User is not authorized to perform: ecs:CreateExpressGatewayService');
        },
        { notReady, attempts: 4, pauseMs: 1 },
      ),
    ).rejects.toThrow(/not authorized/);
    expect(calls).toBe(1);
  });
});

const at = (s: number) => new Date(Date.UTC(2026, 11, 2, 18, 0, s));
const deployment = (arn: string, revision: string, created: number, status = 'IN_PROGRESS'): ServiceDeployment => ({
  serviceDeploymentArn: arn,
  targetServiceRevision: { arn: revision },
  createdAt: at(created),
  status: status as ServiceDeployment['status'],
});

describe('ownDeployment: each deploy waits for the deployment it started', () => {
  // Newest first, as ecs.deployments returns them: d2 was started by another deploy after ours.
  const list = [
    deployment('d2', 'rev-2', 20),
    deployment('d1', 'rev-1', 10, 'SUCCESSFUL'),
    deployment('d0', 'rev-0', 1, 'SUCCESSFUL'),
  ];
  it('by the deployment ARN ECS returned, else the revision the update rolls out, never simply the newest', () => {
    expect(ownDeployment(list, { deploymentArn: 'd1', since: at(0) })?.serviceDeploymentArn).toBe('d1');
    expect(ownDeployment(list, { revisionArn: 'rev-1', since: at(0) })?.serviceDeploymentArn).toBe('d1');
    expect(ownDeployment(list, { revisionArn: 'rev-9', since: at(0) })).toBeUndefined();
  });
  it('without either, the oldest since this run sent its request', () => {
    expect(ownDeployment(list, { since: at(5) })?.serviceDeploymentArn).toBe('d1');
    expect(ownDeployment(list, { since: at(30) })).toBeUndefined();
    expect(runningDeployment(list)?.serviceDeploymentArn).toBe('d2');
  });
});

/** An Ecs that answers as the model says, from a scripted list of statuses; it records what was sent. */
function fakeEcs(statuses: (string | undefined)[], onDelete: 'deleting' | 'gone' | 'not-active') {
  const sent: string[] = [];
  const ecs: Ecs = {
    describeExpress: async () => {
      sent.push('describe');
      const code = statuses.length > 1 ? statuses.shift() : statuses[0];
      return code ? ({ status: { statusCode: code } } as ECSExpressGatewayService) : undefined;
    },
    deleteExpress: async () => {
      sent.push('delete');
      return onDelete;
    },
    createExpress: async () => {
      throw new Error('not used');
    },
    tagResource: async () => {
      throw new Error('not used');
    },
    updateExpress: async () => {
      throw new Error('not used');
    },
    deployments: async () => [],
    serviceRevisions: async () => [],
    close: () => undefined,
  };
  return { ecs, sent };
}

const liveWith = (ecs: Ecs): Live<EcsClients> => ({
  clients: { ecs } as unknown as EcsClients,
  config: { service: { name: 'go-api', region: 'us-east-1' } } as DeployConfig,
  region: 'us-east-1',
  timing: { pollMs: 1, timeoutMs: 60_000 },
  signal: new AbortController().signal,
});

describe('deleteService: decided by the service status and the error code', () => {
  const ui = { ...progress(), info: () => undefined } as never;
  it('deletes an ACTIVE service and waits until it is INACTIVE', async () => {
    const { ecs, sent } = fakeEcs(['ACTIVE', 'DRAINING', 'DRAINING', 'INACTIVE'], 'deleting');
    expect(await deleteService(liveWith(ecs), ui, 'arn')).toBe('removed');
    expect(sent).toEqual(['describe', 'delete', 'describe', 'describe', 'describe']);
  });
  it('on a rerun while DRAINING sends no second delete: it waits for the first', async () => {
    const { ecs, sent } = fakeEcs(['DRAINING', 'DRAINING', 'INACTIVE'], 'not-active');
    expect(await deleteService(liveWith(ecs), ui, 'arn')).toBe('removed');
    expect(sent).not.toContain('delete');
  });
  it('when ECS refuses as not active, reads the status again and goes by it', async () => {
    const draining = fakeEcs(['ACTIVE', 'DRAINING', 'INACTIVE'], 'not-active');
    expect(await deleteService(liveWith(draining.ecs), ui, 'arn')).toBe('removed');
    const gone = fakeEcs(['ACTIVE', 'INACTIVE'], 'not-active');
    expect(await deleteService(liveWith(gone.ecs), ui, 'arn')).toBe('gone');
    const unknown = fakeEcs([undefined], 'gone');
    expect(await deleteService(liveWith(unknown.ecs), ui, 'arn')).toBe('gone');
  });
});

describe('logGroupOf', () => {
  it('reads the log group where ECS reports managed resources first, then the active configuration', async () => {
    const service = {
      activeConfigurations: [
        {
          serviceRevisionArn: 'rev-1',
          primaryContainer: { awsLogsConfiguration: { logGroup: '/from/config', logStreamPrefix: 'ecs' } },
        },
      ],
    } as ECSExpressGatewayService;
    const managed = {
      ...fakeEcs(['ACTIVE'], 'gone').ecs,
      serviceRevisions: async (arns: string[]) =>
        arns.map((a) => ({
          serviceRevisionArn: a,
          ecsManagedResources: {
            logGroups: [{ logGroupName: '/aws/ecs/managed', status: 'ACTIVE' as const, updatedAt: at(0) }],
          },
        })),
    };
    expect(await logGroupOf(managed, service)).toBe('/aws/ecs/managed');
    expect(await logGroupOf(fakeEcs(['ACTIVE'], 'gone').ecs, service)).toBe('/from/config');
    expect(await logGroupOf(fakeEcs(['ACTIVE'], 'gone').ecs, undefined)).toBeUndefined();
  });
});
