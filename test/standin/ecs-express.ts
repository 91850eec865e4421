// A local stand-in for the Amazon ECS Express Mode API, because tests run where AWS cannot be reached and
// moto does not implement it. It speaks ECS's wire protocol (AWS JSON 1.1: POST /,
// `X-Amz-Target: AmazonEC2ContainerServiceV20141113.<Operation>`), so the real @aws-sdk/client-ecs and the
// AWS CLI talk to it unchanged through an endpoint override (AWS_ENDPOINT_URL_ECS, --endpoint-url).
//
// Every request is validated against the ECS API model itself (botocore's service-2.json, which the AWS CLI
// installed for these tests carries): required members, types, enums, unknown members, lengths and
// patterns. On top, what the model does not say: Fargate cpu/memory pairs, role ARNs, a health path that
// starts with "/". A create or update starts a deployment of the revision it asks for, that succeeds
// after `deploymentPolls` reads of it (DescribeServiceDeployments); a delete drains the service
// (DRAINING) and makes it INACTIVE after `drainPolls` reads of it (DescribeExpressGatewayService), as
// ECS does; faults are injected per operation. Each service revision reports the resources ECS manages
// for it (DescribeServiceRevisions → ecsManagedResources: the ingress path and the log group; with
// `managedIngress`, the path's load balancer, listener, rule, certificate and target group too, made for
// real in moto by ecs-ingress.ts, in the API model's ManagedIngressPath shape). Whether
// the active configuration also names the log group (awsLogsConfiguration) when the request did not is
// not documented: `logGroupInConfiguration: false` answers as if it did not. Signatures are not checked.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';

import type { ManagedIngress } from './ecs-ingress.js';
import { readCall, sendJson } from './wire.js';

export type Json = Record<string, any>;
const PREFIX = 'AmazonEC2ContainerServiceV20141113.';

export type EcsFault =
  | 'access-denied' // AccessDeniedException naming the IAM action
  | 'throttling' // ThrottlingException: the SDK retries it on its own
  | 'invalid-parameter' // InvalidParameterException with a message of AWS's kind
  | 'role-not-ready' // AccessDeniedException "ECS was unable to assume the role": IAM not spread yet
  | 'deployment-failed'; // accepted; the deployment then fails (create: STOPPED, update: ROLLBACK_SUCCESSFUL)

export interface EcsRequest {
  operation: string;
  input: Json;
  error?: string;
  /** How many of the service's deployments were rolling out when this request arrived (create, update, delete). */
  rollingOut?: number;
}

export interface EcsStandIn {
  readonly url: string;
  readonly requests: EcsRequest[];
  /** Every Express service, by name. */
  readonly services: Map<string, Json>;
  inputsOf(operation: string): Json[];
  /** Puts a service in another status, as a delete in progress (DRAINING) would. */
  setStatus(serviceName: string, statusCode: 'ACTIVE' | 'DRAINING' | 'INACTIVE'): void;
  fail(operation: string, fault: EcsFault, opts?: { times?: number }): void;
  close(): Promise<void>;
}

// ---- the API model ----

interface Shape {
  type: string;
  members?: Record<string, { shape: string }>;
  required?: string[];
  member?: { shape: string };
  key?: { shape: string };
  value?: { shape: string };
  enum?: string[];
  min?: number;
  max?: number;
  pattern?: string;
}
interface Model {
  operations: Record<string, { input?: { shape: string } }>;
  shapes: Record<string, Shape>;
}

let model: Model | undefined;
/** botocore's ECS model, found through the Python the AWS CLI runs on. A missing model fails loudly. */
function loadModel(): Model {
  if (model) return model;
  const dir = execFileSync('python3', ['-c', 'import botocore, os; print(os.path.dirname(botocore.__file__))'], {
    encoding: 'utf8',
  }).trim();
  model = JSON.parse(
    gunzipSync(readFileSync(join(dir, 'data', 'ecs', '2014-11-13', 'service-2.json.gz'))).toString('utf8'),
  ) as Model;
  return model;
}

/** The model's patterns are Java regular expressions; the few JS cannot read are not checked (said loudly). */
const patterns = new Map<string, RegExp>();
function patternOf(source: string): RegExp {
  if (!patterns.has(source)) {
    try {
      patterns.set(source, new RegExp(`^(?:${source})$`, 'u'));
    } catch {
      process.stderr.write(
        `ecs-express stand-in: the model pattern ${source} is not a JS regular expression; not checked.\n`,
      );
      patterns.set(source, /^[\s\S]*$/);
    }
  }
  return patterns.get(source)!;
}

function validate(shapeName: string, value: unknown, path: string, errors: string[]): void {
  const shape = loadModel().shapes[shapeName];
  if (!shape) return;
  const bad = (what: string): void => void errors.push(`${path || 'input'}: ${what}`);
  switch (shape.type) {
    case 'structure': {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) return bad('must be an object');
      const v = value as Json;
      for (const name of shape.required ?? [])
        if (v[name] === undefined || v[name] === null) bad(`${name} is required`);
      for (const [name, member] of Object.entries(v)) {
        const def = shape.members?.[name];
        if (!def) bad(`unknown member ${name}`);
        else if (member !== null) validate(def.shape, member, path ? `${path}.${name}` : name, errors);
      }
      return;
    }
    case 'list':
      if (!Array.isArray(value)) return bad('must be a list');
      if (shape.min !== undefined && value.length < shape.min) bad(`needs at least ${shape.min} items`);
      if (shape.max !== undefined && value.length > shape.max) bad(`allows at most ${shape.max} items`);
      value.forEach((item, i) => validate(shape.member!.shape, item, `${path}[${i}]`, errors));
      return;
    case 'map':
      if (typeof value !== 'object' || value === null) return bad('must be a map');
      for (const [k, item] of Object.entries(value)) validate(shape.value!.shape, item, `${path}.${k}`, errors);
      return;
    case 'string':
      if (typeof value !== 'string') return bad(`must be a string, not ${JSON.stringify(value)}`);
      if (shape.enum && !shape.enum.includes(value)) bad(`"${value}" is not one of ${shape.enum.join(', ')}`);
      if (shape.min !== undefined && value.length < shape.min) bad(`is shorter than ${shape.min}`);
      if (shape.max !== undefined && value.length > shape.max) bad(`is longer than ${shape.max}`);
      if (shape.pattern && !patternOf(shape.pattern).test(value)) bad(`does not match ${shape.pattern}`);
      return;
    case 'integer':
    case 'long':
      if (typeof value !== 'number' || !Number.isInteger(value))
        return bad(`must be a whole number, not ${JSON.stringify(value)}`);
      return;
    case 'boolean':
      if (typeof value !== 'boolean') bad('must be true or false');
      return;
    case 'timestamp':
      if (typeof value !== 'number' && typeof value !== 'string') bad('must be a timestamp');
      return;
    default:
      return;
  }
}

// Fargate task sizes (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/fargate-tasks-services.html#fargate-tasks-size).
const range = (from: number, to: number, step: number) =>
  Array.from({ length: (to - from) / step + 1 }, (_, i) => from + i * step);
const FARGATE: Record<string, number[]> = {
  256: [512, 1024, 2048],
  512: range(1024, 4096, 1024),
  1024: range(2048, 8192, 1024),
  2048: range(4096, 16384, 1024),
  4096: range(8192, 30720, 1024),
};
const ROLE_ARN = /^arn:aws[\w-]*:iam::\d{12}:role\/[\w+=,.@/-]{1,512}$/;

class ApiError extends Error {
  constructor(
    readonly type: string,
    message: string,
    readonly status = 400,
  ) {
    super(message);
  }
}
const invalid = (message: string) => new ApiError('InvalidParameterException', message);

const hex = (n = 16) => randomBytes(n).toString('hex');
const now = () => Date.now() / 1000;

export interface EcsStandInOptions {
  region?: string;
  accountId?: string;
  deploymentPolls?: number;
  drainPolls?: number;
  /** false: the active configuration names no log group the request did not give (ecsManagedResources still does). */
  logGroupInConfiguration?: boolean;
  /**
   * The load balancer ECS manages, made for real (ecs-ingress.ts, in moto): each service's ingress path
   * then reports its load balancer, listener, rule, certificate and target group. Without it, the path
   * reports its endpoint only.
   */
  managedIngress?: ManagedIngress;
}

export async function startEcsExpressStandIn(opts: EcsStandInOptions = {}): Promise<EcsStandIn> {
  const region = opts.region ?? 'us-east-1';
  const accountId = opts.accountId ?? '123456789012';
  const polls = opts.deploymentPolls ?? 3;
  const drainPolls = opts.drainPolls ?? 3;
  /** Reads of a DRAINING service left before it is INACTIVE, by service ARN. */
  const draining = new Map<string, number>();
  loadModel();
  const requests: EcsRequest[] = [];
  const services = new Map<string, Json>();
  const deployments = new Map<
    string,
    Json & { reads: number; fails: boolean; kind: 'create' | 'update'; targetServiceRevision: Json }
  >();
  /** Every service revision ever made, by ARN, with what ECS manages for it. */
  const revisions = new Map<
    string,
    {
      serviceArn: string;
      clusterArn: string;
      createdAt: number;
      configuration: Json;
      logGroupName: string;
      managed?: Json;
    }
  >();
  const logGroupIn = opts.logGroupInConfiguration ?? true;
  const faults: { operation: string; fault: EcsFault; remaining: number }[] = [];

  const takeFault = (operation: string): EcsFault | undefined => {
    const f = faults.find((x) => (x.operation === operation || x.operation === '*') && x.remaining > 0);
    if (!f) return undefined;
    f.remaining--;
    return f.fault;
  };

  function checkSemantics(input: Json, creating: boolean) {
    for (const key of ['executionRoleArn', 'infrastructureRoleArn', 'taskRoleArn'] as const) {
      if (input[key] !== undefined && !ROLE_ARN.test(input[key]))
        throw invalid(`${key} ${input[key]} is not a valid IAM role ARN.`);
    }
    if (creating && input.serviceName !== undefined && !/^[A-Za-z0-9_-]{1,255}$/.test(input.serviceName)) {
      throw invalid('serviceName may contain up to 255 letters, numbers, underscores and hyphens.');
    }
    if (input.healthCheckPath !== undefined && !String(input.healthCheckPath).startsWith('/'))
      throw invalid('healthCheckPath must start with "/".');
    if (input.cpu !== undefined || input.memory !== undefined) {
      const cpu = String(input.cpu ?? '256');
      const memory = Number(input.memory ?? 512);
      if (!FARGATE[cpu]?.includes(memory))
        throw new ApiError(
          'ClientException',
          `No Fargate configuration exists for given values: ${cpu} CPU, ${memory} memory.`,
        );
    }
    const s = input.scalingTarget;
    if (s && s.minTaskCount !== undefined && s.maxTaskCount !== undefined && s.maxTaskCount < s.minTaskCount) {
      throw invalid('scalingTarget.maxTaskCount must be greater than or equal to minTaskCount.');
    }
    if (input.networkConfiguration?.subnets && input.networkConfiguration.subnets.length < 2) {
      throw invalid('At least 2 subnets must be specified when using network configuration.');
    }
  }

  /** A deployment of `configuration`'s revision (the requested one, even when it will fail and roll back). */
  function startDeployment(service: Json, kind: 'create' | 'update', fails: boolean, configuration: Json) {
    const arn = `arn:aws:ecs:${region}:${accountId}:service-deployment/default/${service.serviceName}/${hex(8)}`;
    deployments.set(arn, {
      serviceDeploymentArn: arn,
      serviceArn: service.serviceArn,
      clusterArn: `arn:aws:ecs:${region}:${accountId}:cluster/default`,
      status: 'IN_PROGRESS',
      createdAt: now(),
      startedAt: now(),
      reads: 0,
      fails,
      kind,
      targetServiceRevision: {
        arn: configuration.serviceRevisionArn,
        requestedTaskCount: configuration.scalingTarget.minTaskCount ?? 1,
        runningTaskCount: 0,
        pendingTaskCount: 0,
      },
    });
    service.currentDeployment = arn;
  }

  /** Records a new revision of the service (every create and update makes one) and the log group ECS manages for it. */
  function recordRevision(service: Json, configuration: Json) {
    revisions.set(configuration.serviceRevisionArn, {
      serviceArn: service.serviceArn,
      clusterArn: service.cluster,
      createdAt: configuration.createdAt,
      configuration,
      logGroupName: service.logGroupName,
      managed: service.managed,
    });
  }

  const rollingOut = (serviceArn: string) =>
    [...deployments.values()].filter((d) => d.serviceArn === serviceArn && d.status === 'IN_PROGRESS').length;

  const liveByArn = (arn: string) => [...services.values()].find((s) => s.serviceArn === arn);

  const handlers: Record<string, (input: Json) => Json | Promise<Json>> = {
    async CreateExpressGatewayService(input) {
      checkSemantics(input, true);
      const name = input.serviceName ?? `express-${hex(4)}`;
      const existing = services.get(name);
      if (existing && existing.status.statusCode !== 'INACTIVE')
        throw invalid(`Creation of service was not idempotent: a service named ${name} already exists.`);
      const arn = `arn:aws:ecs:${region}:${accountId}:service/${input.cluster ?? 'default'}/${name}`;
      const t = now();
      const logGroupName =
        input.primaryContainer?.awsLogsConfiguration?.logGroup ?? `/aws/ecs/default/${name}-${hex(2)}`;
      const service: Json = {
        cluster: `arn:aws:ecs:${region}:${accountId}:cluster/${input.cluster ?? 'default'}`,
        serviceName: name,
        serviceArn: arn,
        infrastructureRoleArn: input.infrastructureRoleArn,
        status: { statusCode: 'ACTIVE' },
        tags: input.tags ?? [],
        createdAt: t,
        updatedAt: t,
        logGroupName,
      };
      service.activeConfigurations = [configurationOf(input, service, undefined)];
      if (opts.managedIngress)
        service.managed = await opts.managedIngress.forService(
          name,
          service.activeConfigurations[0].ingressPaths[0].endpoint,
        );
      services.set(name, service);
      recordRevision(service, service.activeConfigurations[0]);
      startDeployment(
        service,
        'create',
        takeFault('deployment') === 'deployment-failed',
        service.activeConfigurations[0],
      );
      const { logGroupName: _l, managed: _m, ...wire } = service;
      return { service: wire };
    },
    UpdateExpressGatewayService(input) {
      const service = liveByArn(input.serviceArn);
      if (!service) throw new ApiError('ServiceNotFoundException', 'Service not found.');
      if (service.status.statusCode !== 'ACTIVE')
        throw new ApiError('ServiceNotActiveException', `Service is in ${service.status.statusCode} status.`);
      checkSemantics(input, false);
      const previous = service.activeConfigurations[0];
      const next = configurationOf({ ...previous, ...input }, service, previous.ingressPaths);
      service.updatedAt = now();
      const fails = takeFault('deployment') === 'deployment-failed';
      if (!fails) service.activeConfigurations = [next];
      recordRevision(service, next);
      startDeployment(service, 'update', fails, next);
      return {
        service: {
          serviceArn: service.serviceArn,
          cluster: service.cluster,
          serviceName: service.serviceName,
          status: service.status,
          targetConfiguration: next,
          createdAt: service.createdAt,
          updatedAt: service.updatedAt,
        },
      };
    },
    DescribeExpressGatewayService(input) {
      const service = liveByArn(input.serviceArn);
      if (!service) throw new ApiError('ResourceNotFoundException', 'Resource not found.');
      const left = draining.get(service.serviceArn);
      if (left !== undefined && service.status.statusCode === 'DRAINING') {
        if (left <= 1) {
          draining.delete(service.serviceArn);
          service.status = { statusCode: 'INACTIVE' };
          service.updatedAt = now();
        } else draining.set(service.serviceArn, left - 1);
      }
      // Tags only when asked for (include: ["TAGS"]), as the API reference says.
      const { tags: _tags, logGroupName: _l, managed: _m, ...rest } = service;
      return { service: (input.include ?? []).includes('TAGS') ? { ...rest, tags: service.tags } : rest };
    },
    // Adds or replaces tags (deploy --adopt puts its app id on a service this way).
    TagResource(input) {
      const service = liveByArn(input.resourceArn);
      if (!service) throw new ApiError('ResourceNotFoundException', 'The specified resource could not be found.');
      for (const t of input.tags as { key: string; value?: string }[]) {
        service.tags = [...(service.tags ?? []).filter((x: { key: string }) => x.key !== t.key), t];
      }
      return {};
    },
    async DeleteExpressGatewayService(input) {
      const service = liveByArn(input.serviceArn);
      if (!service) throw new ApiError('ServiceNotFoundException', 'Service not found.');
      const code = service.status.statusCode;
      if (code === 'INACTIVE')
        throw new ApiError(
          'ServiceNotActiveException',
          'Cannot perform this operation on a service in INACTIVE status.',
        );
      if (code === 'DRAINING') throw new ApiError('ServiceNotActiveException', 'Service is in DRAINING status.');
      service.status = { statusCode: 'DRAINING' };
      service.updatedAt = now();
      draining.set(service.serviceArn, drainPolls);
      // ECS removes the service's rule and target group; the shared load balancer stays for the others.
      if (service.managed && opts.managedIngress) await opts.managedIngress.release(service.managed);
      const { logGroupName: _l, managed: _m, ...wire } = service;
      return { service: wire };
    },
    ListServiceDeployments(input) {
      const service = liveByArn(input.service) ?? services.get(input.service);
      if (!service) throw new ApiError('ServiceNotFoundException', 'Service not found.');
      const after = input.createdAt?.after;
      const list = [...deployments.values()].filter(
        (d) => d.serviceArn === service.serviceArn && (after === undefined || d.createdAt >= after),
      );
      return {
        serviceDeployments: list.map((d) => ({
          serviceDeploymentArn: d.serviceDeploymentArn,
          serviceArn: d.serviceArn,
          clusterArn: d.clusterArn,
          status: d.status,
          createdAt: d.createdAt,
        })),
      };
    },
    DescribeServiceRevisions(input) {
      const arns = input.serviceRevisionArns as string[];
      if (arns.length > 20) throw invalid('serviceRevisionArns can have at most 20 items.');
      const found = arns
        .filter((arn) => revisions.has(arn))
        .map((arn) => {
          const r = revisions.get(arn)!;
          return {
            serviceRevisionArn: arn,
            serviceArn: r.serviceArn,
            clusterArn: r.clusterArn,
            createdAt: r.createdAt,
            launchType: 'FARGATE',
            // ECS resolves the tag to a digest when it starts the tasks; the stand-in knows a digest only when
            // the image was given by one (the product reads ECR for the rest).
            containerImages: [
              {
                containerName: 'Main',
                image: r.configuration.primaryContainer?.image,
                ...(/@sha256:/.test(r.configuration.primaryContainer?.image ?? '')
                  ? { imageDigest: r.configuration.primaryContainer.image.split('@')[1] }
                  : {}),
              },
            ],
            ecsManagedResources: {
              ingressPaths: (r.configuration.ingressPaths as Json[]).map((p) => ({
                accessType: p.accessType,
                endpoint: p.endpoint,
                ...r.managed,
              })),
              logGroups: [
                {
                  arn: `arn:aws:logs:${region}:${accountId}:log-group:${r.logGroupName}`,
                  status: 'ACTIVE',
                  updatedAt: r.createdAt,
                  logGroupName: r.logGroupName,
                },
              ],
            },
          };
        });
      const failures = arns.filter((arn) => !revisions.has(arn)).map((arn) => ({ arn, reason: 'MISSING' }));
      return { serviceRevisions: found, failures };
    },
    DescribeServiceDeployments(input) {
      const out = (input.serviceDeploymentArns as string[])
        .map((arn) => deployments.get(arn))
        .filter((d) => d !== undefined)
        .map((d) => {
          if (d.status === 'IN_PROGRESS' && ++d.reads >= polls) {
            d.status = !d.fails ? 'SUCCESSFUL' : d.kind === 'create' ? 'STOPPED' : 'ROLLBACK_SUCCESSFUL';
            if (!d.fails)
              Object.assign(d.targetServiceRevision, { runningTaskCount: d.targetServiceRevision.requestedTaskCount });
            if (d.fails)
              d.statusReason =
                'ECS deployment circuit breaker: 3 tasks failed to start: Essential container in task exited.';
            d.finishedAt = now();
          }
          const { reads: _r, fails: _f, kind: _k, ...wire } = d;
          return wire;
        });
      return { serviceDeployments: out, failures: [] };
    },
  };

  function configurationOf(input: Json, service: Json, ingressPaths: Json[] | undefined): Json {
    const name = service.serviceName as string;
    const given = input.primaryContainer?.awsLogsConfiguration;
    return {
      serviceRevisionArn: `arn:aws:ecs:${region}:${accountId}:service-revision/default/${name}/${hex(8)}`,
      executionRoleArn: input.executionRoleArn,
      taskRoleArn: input.taskRoleArn,
      cpu: input.cpu ?? '256',
      memory: input.memory ?? '512',
      networkConfiguration: input.networkConfiguration,
      healthCheckPath: input.healthCheckPath ?? '/ping',
      primaryContainer: {
        ...input.primaryContainer,
        ...(given || logGroupIn
          ? { awsLogsConfiguration: given ?? { logGroup: service.logGroupName, logStreamPrefix: 'ecs' } }
          : {}),
      },
      scalingTarget: { autoScalingMetric: 'AVERAGE_CPU', autoScalingTargetValue: 60, ...input.scalingTarget },
      ingressPaths: ingressPaths ?? [
        { accessType: 'PUBLIC', endpoint: `${name.slice(0, 2).toLowerCase()}-${hex(16)}.ecs.${region}.on.aws` },
      ],
      createdAt: now(),
    };
  }

  function faultError(fault: EcsFault, operation: string): ApiError {
    switch (fault) {
      case 'access-denied':
        return new ApiError(
          'AccessDeniedException',
          `User: arn:aws:iam::${accountId}:user/dev is not authorized to perform: ecs:${operation} on resource: *`,
        );
      case 'throttling':
        return new ApiError('ThrottlingException', 'Rate exceeded');
      case 'invalid-parameter':
        return invalid(
          'The specified image could not be validated: the repository policy does not allow the execution role to pull it.',
        );
      case 'role-not-ready':
        return new ApiError(
          'AccessDeniedException',
          'ECS was unable to assume the role that was provided for this service. Cannot assume role.',
        );
      default:
        throw new Error(`not an error fault: ${fault}`);
    }
  }

  const send = (res: ServerResponse, status: number, body: Json, errorType?: string) =>
    sendJson(res, '1.1', status, body, errorType);

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const { target, text } = await readCall(req);
    const operation = target.startsWith(PREFIX) ? target.slice(PREFIX.length) : target;
    const entry: EcsRequest = { operation, input: {} };
    requests.push(entry);
    try {
      try {
        entry.input = text ? JSON.parse(text) : {};
      } catch {
        throw new ApiError('SerializationException', 'The request body is not valid JSON.');
      }
      if (req.method !== 'POST' || !target.startsWith(PREFIX) || !Object.hasOwn(handlers, operation)) {
        throw new ApiError(
          'UnknownOperationException',
          `The stand-in does not serve ${target || '(no X-Amz-Target header)'}.`,
        );
      }
      const fault = faults.find(
        (f) => (f.operation === operation || f.operation === '*') && f.remaining > 0 && f.fault !== 'deployment-failed',
      );
      if (fault) {
        fault.remaining--;
        throw faultError(fault.fault, operation);
      }
      const inputShape = loadModel().operations[operation]?.input?.shape;
      const errors: string[] = [];
      if (inputShape) validate(inputShape, entry.input, '', errors);
      if (errors.length)
        throw invalid(`${errors.length} validation error${errors.length > 1 ? 's' : ''}: ${errors.join('; ')}`);
      if (/^(Create|Update|Delete)ExpressGatewayService$/.test(operation)) {
        const arn = entry.input.serviceArn ?? services.get(entry.input.serviceName)?.serviceArn;
        entry.rollingOut = arn ? rollingOut(arn) : 0;
      }
      send(res, 200, await handlers[operation]!(entry.input));
    } catch (e) {
      const err =
        e instanceof ApiError ? e : new ApiError('ServerException', `Stand-in bug: ${(e as Error).stack ?? e}`, 500);
      entry.error = err.type;
      send(res, err.status, { __type: err.type, message: err.message }, err.type);
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
    services,
    inputsOf: (operation) => requests.filter((r) => r.operation === operation).map((r) => r.input),
    setStatus(serviceName, statusCode) {
      const service = services.get(serviceName);
      if (!service) throw new Error(`no service named ${serviceName}`);
      service.status = { statusCode };
    },
    fail(operation, fault, { times = Infinity } = {}) {
      // A failed deployment is decided when a deployment starts, whatever the operation.
      faults.push({ operation: fault === 'deployment-failed' ? 'deployment' : operation, fault, remaining: times });
    },
    close() {
      server.closeAllConnections();
      return new Promise<void>((resolve, reject) => server.close((err) => (err ? reject(err) : resolve())));
    },
  };
}
