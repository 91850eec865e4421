// A local stand-in for the AWS App Runner API, because tests run where AWS cannot be reached.
// It speaks App Runner's wire protocol (AWS JSON 1.0: POST /, `X-Amz-Target: AppRunner.<Operation>`), so the
// real @aws-sdk/client-apprunner and the AWS CLI talk to it unchanged through an endpoint override. It keeps
// services, connections and configurations in memory, validates requests as App Runner does (the rules of the
// API reference, https://docs.aws.amazon.com/apprunner/latest/api/, plus the patterns of the real API model),
// runs the asynchronous lifecycle and injects faults.
// Signatures are not checked: any credentials are accepted.
//
// Lifecycle timing: Create/Update/StartDeployment/Delete/Pause/Resume put the service in OPERATION_IN_PROGRESS.
// The operation ends `operationDelayMs` after it started (default 50). Nothing runs on a timer: every request
// (and every read of the control handle) first finishes the operations that are due, so a test never leaves
// timers behind. `operationDelayMs: Infinity` keeps operations running until `settle()`, for tests that must
// observe the in-progress state without depending on timing.
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import type {
  AutoScalingConfiguration,
  Connection,
  CustomDomain,
  ObservabilityConfiguration,
  OperationSummary,
  Service,
  Tag,
  VpcConnector,
} from '@aws-sdk/client-apprunner';

import { readCall, sendJson } from './wire.js';

/** An SDK shape as it travels on the wire: timestamps are epoch seconds, not Dates. */
export type Wire<T> = T extends Date
  ? number
  : T extends readonly (infer U)[]
    ? Wire<U>[]
    : T extends object
      ? { [K in keyof T]: Wire<T[K]> }
      : T;
export type WireService = Wire<Service>;
export type WireOperation = Wire<OperationSummary>;
export type WireConnection = Wire<Connection>;

/** Request and response bodies are free-form JSON; `any` keeps test assertions on them short. */
export type Json = Record<string, any>;

export type Fault =
  | 'not-subscribed' // SubscriptionRequiredException: the account cannot use App Runner (closed to new customers since
  //                    2026-04-30: https://docs.aws.amazon.com/apprunner/latest/dg/apprunner-availability-change.html)
  | 'access-denied' // AccessDeniedException naming the IAM action
  | 'throttling' // ThrottlingException: the SDK retries it on its own
  | 'quota' // ServiceQuotaExceededException
  | 'invalid-state' // InvalidStateException
  | 'internal' // InternalServiceErrorException, HTTP 500: the SDK retries it too
  | 'role-not-ready' // InvalidRequestException "Error in assuming access role <arn>"
  | 'expired-token' // ExpiredTokenException: expired session credentials
  | 'unrecognized-client' // UnrecognizedClientException: unknown access key
  | 'create-failed' // CreateService is accepted, the service then ends CREATE_FAILED
  | 'rollback'; // UpdateService/StartDeployment is accepted, then rolls back

export interface RecordedRequest {
  operation: string;
  input: Json;
  /** The `__type` sent back, when the request failed. */
  error?: string;
}

export interface ServiceState {
  service: WireService;
  /** Newest first, as ListOperations returns them. */
  operations: WireOperation[];
  tags: Tag[];
  customDomains: CustomDomain[];
}

export interface StandInOptions {
  region?: string;
  accountId?: string;
  /** How long an asynchronous operation runs; Infinity = until settle(). Default 50. */
  operationDelayMs?: number;
  /** The caller named in AccessDeniedException messages. */
  callerArn?: string;
}

export interface AppRunnerStandIn {
  readonly url: string;
  readonly region: string;
  readonly accountId: string;
  /** Every request received, faulted ones included, oldest first. */
  readonly requests: RecordedRequest[];
  /** Snapshots of every service, deleted ones included. */
  readonly services: ServiceState[];
  readonly connections: WireConnection[];
  /** The live service of that name (or the service with that ARN), as a snapshot. */
  findService(nameOrArn: string): ServiceState | undefined;
  /** Inputs received for one operation, oldest first. */
  inputsOf(operation: string): Json[];
  /** Does the console step no API can do: the connection becomes AVAILABLE. */
  completeHandshake(connectionName: string): void;
  addConnection(init: {
    ConnectionName: string;
    ProviderType?: 'GITHUB' | 'BITBUCKET';
    Status?: Connection['Status'];
  }): WireConnection;
  addService(init: Partial<WireService> & { ServiceName: string }): WireService;
  /**
   * Makes `operation` (or every operation, '*') fail with `fault`; `times` defaults to every call until clearFaults().
   * Error faults answer before any validation, and each SDK retry attempt consumes one `times` (so `internal` and
   * `throttling` with times 1 are absorbed by the SDK's retries). 'create-failed' and 'rollback' are consumed only
   * by a call that is otherwise accepted.
   */
  fail(operation: string, fault: Fault, opts?: { times?: number }): void;
  clearFaults(): void;
  /** Finishes every operation in progress now. */
  settle(): void;
  close(): Promise<void>;
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
const invalidRequest = (message: string) => new ApiError('InvalidRequestException', message);
const invalidState = (message: string) => new ApiError('InvalidStateException', message);
const notFound = (message: string) => new ApiError('ResourceNotFoundException', message);

// Patterns copied from the App Runner API model (botocore's apprunner service-2.json).
const P = {
  serviceName: '[A-Za-z0-9][A-Za-z0-9-_]{3,39}',
  shortName: '[A-Za-z0-9][A-Za-z0-9\\-_]{3,31}',
  vpcConnectorName: '[A-Za-z0-9][A-Za-z0-9\\-_]{3,39}',
  cpu: '256|512|1024|2048|4096|(0.25|0.5|1|2|4) vCPU',
  memory: '512|1024|2048|3072|4096|6144|8192|10240|12288|(0.5|1|2|3|4|6|8|10|12) GB',
  imageIdentifier:
    '([0-9]{12}.dkr.ecr.[a-z\\-]+-[0-9]{1}.amazonaws.com\\/((?:[a-z0-9]+(?:[._-][a-z0-9]+)*\\/)*[a-z0-9]+(?:[._-][a-z0-9]+)*)(:([\\w\\d+\\-=._:\\/@])+|@([\\w\\d\\:]+))?)|(^public\\.ecr\\.aws\\/.+\\/((?:[a-z0-9]+(?:[._-][a-z0-9]+)*\\/)*[a-z0-9]+(?:[._-][a-z0-9]+)*)(:([\\w\\d+\\-=._:\\/@])+|@([\\w\\d\\:]+))?)',
  roleArn:
    'arn:(aws|aws-us-gov|aws-cn|aws-iso|aws-iso-b):iam::[0-9]{12}:(role|role\\/service-role)\\/[\\w+=,.@\\-/]{1,1000}',
  resourceArn: 'arn:aws(-[\\w]+)*:[a-z0-9-\\\\.]{0,63}:[a-z0-9-\\\\.]{0,63}:[0-9]{12}:(\\w|\\/|-){1,1011}',
  domainName: '[A-Za-z0-9*.-]{1,255}',
};
const RUNTIMES = [
  'PYTHON_3',
  'NODEJS_12',
  'NODEJS_14',
  'CORRETTO_8',
  'CORRETTO_11',
  'NODEJS_16',
  'GO_1',
  'DOTNET_6',
  'PHP_81',
  'RUBY_31',
  'PYTHON_311',
  'NODEJS_18',
  'NODEJS_22',
];
/** Runtimes a new deployment may still use (the rest reached end of support in December 2025). */
const SUPPORTED_RUNTIMES = ['NODEJS_22', 'PYTHON_311', 'CORRETTO_11', 'CORRETTO_8'];
/** Valid cpu → memory pairs, in the API's numeric units (vCPU/1024, MB). */
const CPU_MEMORY: Record<number, number[]> = {
  256: [512, 1024],
  512: [1024],
  1024: [2048, 3072, 4096],
  2048: [4096, 6144],
  4096: [8192, 10240, 12288],
};

/**
 * Collects constraint violations and reports them in the AWS (Coral) validation format:
 * "1 validation error detected: Value 'x' at 'serviceName' failed to satisfy constraint: ...".
 */
class Checks {
  private errors: string[] = [];
  private add(path: string, value: unknown, constraint: string) {
    const shown =
      value === undefined || value === null
        ? 'null'
        : `'${typeof value === 'object' ? JSON.stringify(value) : String(value)}'`;
    this.errors.push(`Value ${shown} at '${path}' failed to satisfy constraint: ${constraint}`);
  }
  required(path: string, value: unknown): boolean {
    if (value === undefined || value === null) this.add(path, value, 'Member must not be null');
    return value !== undefined && value !== null;
  }
  string(path: string, value: unknown, o: { min?: number; max?: number; pattern?: string; required?: boolean } = {}) {
    if (value === undefined || value === null) {
      if (o.required) this.required(path, value);
      return;
    }
    if (typeof value !== 'string') return this.add(path, value, 'Member must be a string');
    if (o.min !== undefined && value.length < o.min)
      this.add(path, value, `Member must have length greater than or equal to ${o.min}`);
    if (o.max !== undefined && value.length > o.max)
      this.add(path, value, `Member must have length less than or equal to ${o.max}`);
    if (o.pattern && !new RegExp(`^(?:${o.pattern})$`).test(value))
      this.add(path, value, `Member must satisfy regular expression pattern: ${o.pattern}`);
  }
  int(path: string, value: unknown, min: number, max?: number) {
    if (value === undefined || value === null) return;
    if (typeof value !== 'number' || !Number.isInteger(value))
      return this.add(path, value, 'Member must be an integer');
    if (value < min) this.add(path, value, `Member must have value greater than or equal to ${min}`);
    if (max !== undefined && value > max) this.add(path, value, `Member must have value less than or equal to ${max}`);
  }
  oneOf(path: string, value: unknown, values: string[], required = false) {
    if (value === undefined || value === null) {
      if (required) this.required(path, value);
      return;
    }
    if (!values.includes(value as string))
      this.add(path, value, `Member must satisfy enum value set: [${values.join(', ')}]`);
  }
  tags(tags: unknown) {
    if (!Array.isArray(tags)) return;
    tags.forEach((t: Json, i) => {
      this.string(`tags.${i + 1}.member.key`, t?.Key, { min: 1, max: 128, pattern: '(?!aws:).+', required: true });
      this.string(`tags.${i + 1}.member.value`, t?.Value, { max: 256 });
    });
  }
  /** Throws InvalidRequestException listing every violation found so far. */
  done() {
    const n = this.errors.length;
    if (n) throw invalidRequest(`${n} validation error${n > 1 ? 's' : ''} detected: ${this.errors.join('; ')}`);
  }
}

const hex = (bytes = 16) => randomBytes(bytes).toString('hex');
const now = () => Date.now() / 1000;
const clone = <T>(v: T): T => structuredClone(v);
const parseCpu = (v: string) => (v.endsWith(' vCPU') ? Math.round(parseFloat(v) * 1024) : Number(v));
const parseMemory = (v: string) => (v.endsWith(' GB') ? Math.round(parseFloat(v) * 1024) : Number(v));
const showCpu = (n: number) => `${n / 1024} vCPU`;
const showMemory = (n: number) => `${n / 1024} GB`;

interface ServiceRecord extends ServiceState {
  pending?: {
    op: WireOperation;
    dueAt: number;
    outcome: 'succeed' | 'fail' | 'rollback';
    apply?: () => void;
    statusAfter: string;
  };
}
export async function startAppRunnerStandIn(opts: StandInOptions = {}): Promise<AppRunnerStandIn> {
  const region = opts.region ?? 'us-east-1';
  const accountId = opts.accountId ?? '123456789012';
  const delayMs = opts.operationDelayMs ?? 50;
  const callerArn = opts.callerArn ?? `arn:aws:iam::${accountId}:user/dev`;
  const arnPrefix = `arn:aws:apprunner:${region}:${accountId}`;

  const requests: RecordedRequest[] = [];
  const services = new Map<string, ServiceRecord>(); // by ARN, in creation order
  const connections = new Map<string, WireConnection>(); // by ARN
  const autoScaling: Wire<AutoScalingConfiguration>[] = [];
  const observability: Wire<ObservabilityConfiguration>[] = [];
  const vpcConnectors: Wire<VpcConnector>[] = [];
  /** Tags of configurations and connectors, by ARN (services keep theirs on the record). */
  const resourceTags = new Map<string, Tag[]>();
  const faults: { operation: string; fault: Fault; remaining: number }[] = [];

  // Every account has this default auto scaling configuration (revision 1), used when none is given.
  const defaultAutoScaling: Wire<AutoScalingConfiguration> = {
    AutoScalingConfigurationArn: `${arnPrefix}:autoscalingconfiguration/DefaultConfiguration/1/${'0'.repeat(31)}1`,
    AutoScalingConfigurationName: 'DefaultConfiguration',
    AutoScalingConfigurationRevision: 1,
    Latest: true,
    Status: 'ACTIVE',
    MaxConcurrency: 100,
    MinSize: 1,
    MaxSize: 25,
    CreatedAt: now(),
    IsDefault: true,
  };
  autoScaling.push(defaultAutoScaling);

  // ---- lifecycle ----

  function finish(rec: ServiceRecord) {
    const p = rec.pending;
    if (!p) return;
    rec.pending = undefined;
    const ended = Math.min(now(), p.dueAt / 1000);
    p.op.EndedAt = ended;
    p.op.UpdatedAt = ended;
    rec.service.UpdatedAt = ended;
    if (p.outcome === 'succeed') {
      p.apply?.();
      p.op.Status = 'SUCCEEDED';
      rec.service.Status = p.statusAfter as WireService['Status'];
      if (p.statusAfter === 'DELETED') rec.service.DeletedAt = ended;
    } else if (p.outcome === 'fail') {
      p.op.Status = 'FAILED';
      rec.service.Status = 'CREATE_FAILED';
    } else {
      // A failed deployment of a running service: App Runner keeps the previous version running.
      p.op.Status = 'ROLLBACK_SUCCEEDED';
      rec.service.Status = p.statusAfter as WireService['Status'];
    }
  }

  /** Finishes the operations that are due; called before anything reads state. */
  function advance() {
    const t = Date.now();
    for (const rec of services.values()) if (rec.pending && t >= rec.pending.dueAt) finish(rec);
  }

  function startOperation(
    rec: ServiceRecord,
    type: NonNullable<WireOperation['Type']>,
    statusAfter: string,
    outcome: 'succeed' | 'fail' | 'rollback' = 'succeed',
    apply?: () => void,
  ): string {
    const t = now();
    const op: WireOperation = {
      Id: hex(),
      Type: type,
      Status: 'IN_PROGRESS',
      TargetArn: rec.service.ServiceArn,
      StartedAt: t,
      UpdatedAt: t,
    };
    rec.operations.unshift(op);
    rec.service.Status = 'OPERATION_IN_PROGRESS';
    rec.service.UpdatedAt = t;
    rec.pending = { op, dueAt: Date.now() + delayMs, outcome, apply, statusAfter };
    return op.Id!;
  }

  function serviceByArn(arn: unknown, { allowDeleted = false } = {}): ServiceRecord {
    const rec = typeof arn === 'string' ? services.get(arn) : undefined;
    if (!rec || (!allowDeleted && rec.service.Status === 'DELETED'))
      throw notFound(`Service not found: ${String(arn)}`);
    return rec;
  }

  /** App Runner refuses changes while an operation runs, and updates unless RUNNING or PAUSED. */
  function requireSettled(rec: ServiceRecord, action: string, allowed = ['RUNNING', 'PAUSED']) {
    const status = rec.service.Status!;
    if (status === 'OPERATION_IN_PROGRESS')
      throw invalidState(
        `Can't ${action} while an operation is in progress (${rec.pending?.op.Type}) on service ${rec.service.ServiceArn}.`,
      );
    if (!allowed.includes(status))
      throw invalidState(`Service status must be ${allowed.join(' or ')} to ${action}. Current status: ${status}`);
  }

  // ---- faults ----

  function takeFault(operation: string, kinds: Fault[]): Fault | undefined {
    const rule = faults.find(
      (f) => (f.operation === operation || f.operation === '*') && kinds.includes(f.fault) && f.remaining > 0,
    );
    if (!rule) return undefined;
    rule.remaining--;
    return rule.fault;
  }

  const ERROR_FAULTS: Fault[] = [
    'not-subscribed',
    'access-denied',
    'throttling',
    'quota',
    'invalid-state',
    'internal',
    'role-not-ready',
    'expired-token',
    'unrecognized-client',
  ];

  function faultError(fault: Fault, operation: string, input: Json): ApiError {
    switch (fault) {
      case 'not-subscribed':
        // Undocumented for App Runner's closed sign-up; this is the generic AWS error for an account without the service.
        return new ApiError(
          'SubscriptionRequiredException',
          'The AWS Access Key Id needs a subscription for the service',
        );
      case 'access-denied': {
        const resource =
          input.ServiceArn ??
          (operation === 'CreateService' ? `${arnPrefix}:service/${input.ServiceName ?? '*'}/*` : '*');
        return new ApiError(
          'AccessDeniedException',
          `User: ${callerArn} is not authorized to perform: apprunner:${operation} on resource: ${resource}`,
        );
      }
      case 'throttling':
        return new ApiError('ThrottlingException', 'Rate exceeded');
      case 'quota':
        return new ApiError(
          'ServiceQuotaExceededException',
          `You have reached the quota for this resource in ${region}. Request an increase in Service Quotas.`,
        );
      case 'invalid-state':
        return invalidState('The resource is in a state that does not allow this operation.');
      case 'internal':
        return new ApiError('InternalServiceErrorException', 'An unexpected error occurred. Try again later.', 500);
      case 'role-not-ready': {
        const role =
          input.SourceConfiguration?.AuthenticationConfiguration?.AccessRoleArn ??
          `arn:aws:iam::${accountId}:role/AppRunnerECRAccessRole`;
        return invalidRequest(`Error in assuming access role ${role}`);
      }
      case 'expired-token':
        return new ApiError('ExpiredTokenException', 'The security token included in the request is expired');
      case 'unrecognized-client':
        return new ApiError('UnrecognizedClientException', 'The security token included in the request is invalid.');
      default:
        throw new Error(`not an error fault: ${fault}`);
    }
  }

  // ---- validation shared by CreateService and UpdateService ----

  function checkServiceShape(c: Checks, input: Json, creating: boolean) {
    const sc = input.SourceConfiguration;
    if (creating) c.required('sourceConfiguration', sc);
    const img = sc?.ImageRepository;
    if (img) {
      const p = 'sourceConfiguration.imageRepository';
      c.string(`${p}.imageIdentifier`, img.ImageIdentifier, {
        min: 1,
        max: 1024,
        pattern: P.imageIdentifier,
        required: true,
      });
      c.oneOf(`${p}.imageRepositoryType`, img.ImageRepositoryType, ['ECR', 'ECR_PUBLIC'], true);
    }
    const code = sc?.CodeRepository;
    if (code) {
      const p = 'sourceConfiguration.codeRepository';
      c.string(`${p}.repositoryUrl`, code.RepositoryUrl, { min: 1, required: true });
      if (c.required(`${p}.sourceCodeVersion`, code.SourceCodeVersion)) {
        c.oneOf(`${p}.sourceCodeVersion.type`, code.SourceCodeVersion.Type, ['BRANCH'], true);
        c.string(`${p}.sourceCodeVersion.value`, code.SourceCodeVersion.Value, { min: 1, required: true });
      }
      if (code.CodeConfiguration) {
        c.oneOf(
          `${p}.codeConfiguration.configurationSource`,
          code.CodeConfiguration.ConfigurationSource,
          ['REPOSITORY', 'API'],
          true,
        );
        const values = code.CodeConfiguration.CodeConfigurationValues;
        if (values) c.oneOf(`${p}.codeConfiguration.codeConfigurationValues.runtime`, values.Runtime, RUNTIMES, true);
      }
    }
    const auth = sc?.AuthenticationConfiguration;
    c.string('sourceConfiguration.authenticationConfiguration.accessRoleArn', auth?.AccessRoleArn, {
      min: 29,
      max: 1024,
      pattern: P.roleArn,
    });
    c.string('sourceConfiguration.authenticationConfiguration.connectionArn', auth?.ConnectionArn, {
      min: 1,
      max: 1011,
      pattern: P.resourceArn,
    });
    const ic = input.InstanceConfiguration;
    c.string('instanceConfiguration.cpu', ic?.Cpu, { min: 3, max: 9, pattern: P.cpu });
    c.string('instanceConfiguration.memory', ic?.Memory, { min: 3, max: 6, pattern: P.memory });
    c.string('instanceConfiguration.instanceRoleArn', ic?.InstanceRoleArn, { min: 29, max: 1024, pattern: P.roleArn });
    const hc = input.HealthCheckConfiguration;
    c.oneOf('healthCheckConfiguration.protocol', hc?.Protocol, ['TCP', 'HTTP']);
    c.string('healthCheckConfiguration.path', hc?.Path, { min: 1 });
    for (const k of ['Interval', 'Timeout', 'HealthyThreshold', 'UnhealthyThreshold'])
      c.int(`healthCheckConfiguration.${k[0]!.toLowerCase()}${k.slice(1)}`, hc?.[k], 1, 20);
    const net = input.NetworkConfiguration;
    c.oneOf('networkConfiguration.egressConfiguration.egressType', net?.EgressConfiguration?.EgressType, [
      'DEFAULT',
      'VPC',
    ]);
    c.oneOf('networkConfiguration.ipAddressType', net?.IpAddressType, ['IPV4', 'DUAL_STACK']);
    if (input.ObservabilityConfiguration)
      c.required(
        'observabilityConfiguration.observabilityEnabled',
        input.ObservabilityConfiguration.ObservabilityEnabled,
      );
    c.string('autoScalingConfigurationArn', input.AutoScalingConfigurationArn, {
      min: 1,
      max: 1011,
      pattern: P.resourceArn,
    });
  }

  /** The rules beyond the model's constraints (from the developer guide, https://docs.aws.amazon.com/apprunner/latest/dg/,
   * and the API reference). `existing` is set for updates. */
  function checkServiceRules(input: Json, existing?: WireService) {
    const sc = input.SourceConfiguration;
    const img = sc?.ImageRepository;
    const code = sc?.CodeRepository;
    if (sc && (existing ? img && code : !img === !code))
      throw invalidRequest('SourceConfiguration must contain exactly one of CodeRepository or ImageRepository.');
    if (
      existing &&
      ((img && existing.SourceConfiguration?.CodeRepository) || (code && existing.SourceConfiguration?.ImageRepository))
    )
      throw invalidRequest(
        "You can't change the source type (code repository or image repository) of an existing service.",
      );
    const auth = sc?.AuthenticationConfiguration ?? existing?.SourceConfiguration?.AuthenticationConfiguration;
    if (img) {
      const isPublic = img.ImageIdentifier.startsWith('public.ecr.aws/');
      if (isPublic !== (img.ImageRepositoryType === 'ECR_PUBLIC'))
        throw invalidRequest(
          `Image identifier ${img.ImageIdentifier} does not match ImageRepositoryType ${img.ImageRepositoryType}.`,
        );
      if (img.ImageRepositoryType === 'ECR' && !auth?.AccessRoleArn)
        throw invalidRequest(
          'Authentication configuration is invalid: AccessRoleArn is required for a private ECR image repository.',
        );
      checkPort(img.ImageConfiguration?.Port);
    }
    if (code) {
      if (!auth?.ConnectionArn)
        throw invalidRequest(
          'Authentication configuration is invalid: ConnectionArn is required for a code repository.',
        );
      const conn = connections.get(auth.ConnectionArn);
      if (!conn) throw invalidRequest(`Connection not found: ${auth.ConnectionArn}`);
      if (conn.Status !== 'AVAILABLE')
        throw invalidRequest(
          `Connection ${conn.ConnectionName} is in ${conn.Status} status. Complete the handshake in the App Runner console first.`,
        );
      const cc = code.CodeConfiguration;
      if (!cc) throw invalidRequest('CodeConfiguration is required for a code repository.');
      if (cc.ConfigurationSource === 'API' && !cc.CodeConfigurationValues)
        throw invalidRequest('CodeConfigurationValues is required when ConfigurationSource is API.');
      const runtime = cc.CodeConfigurationValues?.Runtime;
      if (runtime && !SUPPORTED_RUNTIMES.includes(runtime))
        throw invalidRequest(
          `Runtime ${runtime} has reached end of support and can't be used for new deployments. Use one of: ${SUPPORTED_RUNTIMES.join(', ')}.`,
        );
      checkPort(cc.CodeConfigurationValues?.Port);
    }
    const ic = input.InstanceConfiguration;
    if (ic?.Cpu !== undefined || ic?.Memory !== undefined) {
      const cpu = parseCpu(ic.Cpu ?? existing?.InstanceConfiguration?.Cpu ?? '1024');
      const memory = parseMemory(ic.Memory ?? existing?.InstanceConfiguration?.Memory ?? '2048');
      const allowed = CPU_MEMORY[cpu] ?? [];
      if (!allowed.includes(memory))
        throw invalidRequest(
          `Invalid combination of CPU and memory: ${showCpu(cpu)} with ${showMemory(memory)}. ${showCpu(cpu)} supports ${allowed.map(showMemory).join(', ')}.`,
        );
    }
    const egress = input.NetworkConfiguration?.EgressConfiguration;
    if (egress?.EgressType === 'VPC') {
      if (!egress.VpcConnectorArn) throw invalidRequest('VpcConnectorArn is required when EgressType is VPC.');
      if (!vpcConnectors.some((v) => v.VpcConnectorArn === egress.VpcConnectorArn))
        throw invalidRequest(`VPC connector not found: ${egress.VpcConnectorArn}`);
    }
    const asArn = input.AutoScalingConfigurationArn;
    if (asArn && !autoScaling.some((a) => a.AutoScalingConfigurationArn === asArn))
      throw invalidRequest(`Auto scaling configuration not found: ${asArn}`);
    const obs = input.ObservabilityConfiguration;
    if (obs?.ObservabilityEnabled) {
      if (!obs.ObservabilityConfigurationArn)
        throw invalidRequest('ObservabilityConfigurationArn is required when ObservabilityEnabled is true.');
      if (!observability.some((o) => o.ObservabilityConfigurationArn === obs.ObservabilityConfigurationArn))
        throw invalidRequest(`Observability configuration not found: ${obs.ObservabilityConfigurationArn}`);
    }
  }

  function checkPort(port: unknown) {
    if (port === undefined) return;
    if (typeof port !== 'string' || !/^\d{1,5}$/.test(port) || Number(port) < 1 || Number(port) > 65535)
      throw invalidRequest(`Port must be a string of digits between 1 and 65535, got ${JSON.stringify(port)}.`);
  }

  function summaryOf(arn: string | undefined): Json {
    const a = autoScaling.find((x) => x.AutoScalingConfigurationArn === arn) ?? defaultAutoScaling;
    return {
      AutoScalingConfigurationArn: a.AutoScalingConfigurationArn,
      AutoScalingConfigurationName: a.AutoScalingConfigurationName,
      AutoScalingConfigurationRevision: a.AutoScalingConfigurationRevision,
      Status: a.Status,
      CreatedAt: a.CreatedAt,
      HasAssociatedService: true,
      IsDefault: a.IsDefault ?? false,
    };
  }

  /** Stores what DescribeService returns: defaults filled in, cpu/memory in the API's numeric form. */
  function normalize(input: Json, base?: WireService): Partial<WireService> {
    const out: Json = {};
    if (input.SourceConfiguration) {
      const sc = clone(input.SourceConfiguration);
      if (base && !sc.ImageRepository && !sc.CodeRepository) {
        sc.ImageRepository = base.SourceConfiguration?.ImageRepository;
        sc.CodeRepository = base.SourceConfiguration?.CodeRepository;
      }
      sc.AuthenticationConfiguration ??= base?.SourceConfiguration?.AuthenticationConfiguration;
      sc.AutoDeploymentsEnabled ??=
        base?.SourceConfiguration?.AutoDeploymentsEnabled ?? sc.ImageRepository?.ImageRepositoryType !== 'ECR_PUBLIC';
      out.SourceConfiguration = JSON.parse(JSON.stringify(sc));
    }
    if (input.InstanceConfiguration || !base) {
      const ic = input.InstanceConfiguration ?? {};
      out.InstanceConfiguration = {
        Cpu: String(parseCpu(ic.Cpu ?? base?.InstanceConfiguration?.Cpu ?? '1024')),
        Memory: String(parseMemory(ic.Memory ?? base?.InstanceConfiguration?.Memory ?? '2048')),
        ...(ic.InstanceRoleArn ? { InstanceRoleArn: ic.InstanceRoleArn } : {}),
      };
    }
    if (input.HealthCheckConfiguration || !base)
      out.HealthCheckConfiguration = {
        Protocol: 'TCP',
        Path: '/',
        Interval: 5,
        Timeout: 2,
        HealthyThreshold: 1,
        UnhealthyThreshold: 5,
        ...input.HealthCheckConfiguration,
      };
    if (input.NetworkConfiguration || !base) {
      const n = input.NetworkConfiguration ?? {};
      out.NetworkConfiguration = {
        EgressConfiguration: { EgressType: 'DEFAULT', ...n.EgressConfiguration },
        IngressConfiguration: { IsPubliclyAccessible: true, ...n.IngressConfiguration },
        IpAddressType: n.IpAddressType ?? 'IPV4',
      };
    }
    if (input.ObservabilityConfiguration || !base)
      out.ObservabilityConfiguration = input.ObservabilityConfiguration ?? { ObservabilityEnabled: false };
    if (input.AutoScalingConfigurationArn || !base)
      out.AutoScalingConfigurationSummary = summaryOf(input.AutoScalingConfigurationArn);
    if (input.EncryptionConfiguration) out.EncryptionConfiguration = input.EncryptionConfiguration;
    return out as Partial<WireService>;
  }

  function newService(name: string, input: Json, status: WireService['Status']): ServiceRecord {
    const id = hex();
    const t = now();
    const service = {
      ServiceName: name,
      ServiceId: id,
      ServiceArn: `${arnPrefix}:service/${name}/${id}`,
      ServiceUrl: `${hex(5)}.${region}.awsapprunner.com`,
      CreatedAt: t,
      UpdatedAt: t,
      Status: status,
      ...normalize(input),
    } as WireService;
    const rec: ServiceRecord = { service, operations: [], tags: clone(input.Tags ?? []), customDomains: [] };
    services.set(service.ServiceArn!, rec);
    return rec;
  }

  const liveServices = () => [...services.values()].filter((r) => r.service.Status !== 'DELETED');
  const liveConfig = (arn: string) =>
    [...autoScaling, ...observability, ...vpcConnectors].some(
      (x) => Object.values(x).includes(arn) && x.Status === 'ACTIVE',
    );

  const liveByName = (name: string) =>
    [...services.values()].find((r) => r.service.ServiceName === name && r.service.Status !== 'DELETED');

  // ---- pagination: NextToken is an opaque offset ----

  function page<T>(items: T[], input: Json, key: string, maxResults: number): Json {
    const c = new Checks();
    c.int('maxResults', input.MaxResults, 1, maxResults);
    c.done();
    let start = 0;
    if (input.NextToken) {
      start = Number(Buffer.from(String(input.NextToken), 'base64url').toString());
      if (!Number.isInteger(start) || start < 0) throw invalidRequest('Invalid NextToken.');
    }
    const size = input.MaxResults ?? maxResults;
    const out: Json = { [key]: items.slice(start, start + size) };
    if (start + size < items.length) out.NextToken = Buffer.from(String(start + size)).toString('base64url');
    return out;
  }

  // ---- versioned configurations (auto scaling, observability, VPC connectors share the revision scheme) ----

  function nextRevision(
    list: Json[],
    nameKey: string,
    arnKind: string,
    name: string,
  ): { arn: string; revision: number } {
    const revisions = list.filter((x) => x[nameKey] === name);
    for (const r of revisions) r.Latest = false;
    const revision = revisions.length + 1;
    return { arn: `${arnPrefix}:${arnKind}/${name}/${revision}/${hex()}`, revision };
  }

  // ---- operations ----

  const handlers: Record<string, (input: Json) => Json> = {
    CreateService(input) {
      const c = new Checks();
      c.string('serviceName', input.ServiceName, { min: 4, max: 40, pattern: P.serviceName, required: true });
      checkServiceShape(c, input, true);
      c.tags(input.Tags);
      c.done();
      checkServiceRules(input);
      if (liveByName(input.ServiceName))
        throw invalidRequest(`Service with the provided name already exists: ${input.ServiceName}`);
      const rec = newService(input.ServiceName, input, 'OPERATION_IN_PROGRESS');
      const outcome = takeFault('CreateService', ['create-failed']) ? 'fail' : 'succeed';
      const OperationId = startOperation(rec, 'CREATE_SERVICE', 'RUNNING', outcome);
      return { Service: rec.service, OperationId };
    },

    DescribeService(input) {
      return { Service: serviceByArn(input.ServiceArn, { allowDeleted: true }).service };
    },

    UpdateService(input) {
      if ('Tags' in input)
        throw invalidRequest('Tags can only be set when the service is created; use TagResource to change them.');
      const rec = serviceByArn(input.ServiceArn);
      const c = new Checks();
      checkServiceShape(c, input, false);
      c.done();
      requireSettled(rec, 'update the service');
      checkServiceRules(input, rec.service);
      const changes = normalize(input, rec.service);
      const outcome = takeFault('UpdateService', ['rollback']) ? 'rollback' : 'succeed';
      const OperationId = startOperation(rec, 'UPDATE_SERVICE', rec.service.Status!, outcome, () =>
        Object.assign(rec.service, changes),
      );
      return { Service: rec.service, OperationId };
    },

    StartDeployment(input) {
      const rec = serviceByArn(input.ServiceArn);
      requireSettled(rec, 'start a deployment', ['RUNNING']);
      const outcome = takeFault('StartDeployment', ['rollback']) ? 'rollback' : 'succeed';
      return { OperationId: startOperation(rec, 'START_DEPLOYMENT', 'RUNNING', outcome) };
    },

    DeleteService(input) {
      const rec = serviceByArn(input.ServiceArn);
      requireSettled(rec, 'delete the service', ['RUNNING', 'PAUSED', 'CREATE_FAILED', 'DELETE_FAILED']);
      const OperationId = startOperation(rec, 'DELETE_SERVICE', 'DELETED');
      return { Service: rec.service, OperationId };
    },

    PauseService(input) {
      const rec = serviceByArn(input.ServiceArn);
      requireSettled(rec, 'pause the service', ['RUNNING']);
      const OperationId = startOperation(rec, 'PAUSE_SERVICE', 'PAUSED');
      return { Service: rec.service, OperationId };
    },

    ResumeService(input) {
      const rec = serviceByArn(input.ServiceArn);
      requireSettled(rec, 'resume the service', ['PAUSED']);
      const OperationId = startOperation(rec, 'RESUME_SERVICE', 'RUNNING');
      return { Service: rec.service, OperationId };
    },

    ListServices(input) {
      const live = [...services.values()].filter((r) => r.service.Status !== 'DELETED');
      const summaries = live.map(({ service: s }) => ({
        ServiceName: s.ServiceName,
        ServiceId: s.ServiceId,
        ServiceArn: s.ServiceArn,
        ServiceUrl: s.ServiceUrl,
        CreatedAt: s.CreatedAt,
        UpdatedAt: s.UpdatedAt,
        Status: s.Status,
      }));
      return page(summaries, input, 'ServiceSummaryList', 20);
    },

    ListOperations(input) {
      const rec = serviceByArn(input.ServiceArn, { allowDeleted: true });
      return page(rec.operations, input, 'OperationSummaryList', 20);
    },

    ListTagsForResource(input) {
      const c = new Checks();
      c.string('resourceArn', input.ResourceArn, { min: 1, max: 1011, pattern: P.resourceArn, required: true });
      c.done();
      const tags = resourceTags.get(input.ResourceArn);
      if (tags && liveConfig(input.ResourceArn)) return { Tags: tags };
      return { Tags: serviceByArn(input.ResourceArn).tags };
    },
    // Adds or replaces tags (deploy --adopt puts its app id on a service this way).
    TagResource(input) {
      const c = new Checks();
      c.string('resourceArn', input.ResourceArn, { min: 1, max: 1011, pattern: P.resourceArn, required: true });
      c.done();
      const configTags = resourceTags.get(input.ResourceArn);
      const into: Tag[] =
        configTags && liveConfig(input.ResourceArn) ? configTags : serviceByArn(input.ResourceArn).tags;
      for (const t of (input.Tags ?? []) as Tag[]) {
        const at = into.findIndex((x) => x.Key === t.Key);
        if (at >= 0) into[at] = clone(t);
        else into.push(clone(t));
      }
      return {};
    },

    DeleteAutoScalingConfiguration(input) {
      const c = new Checks();
      c.string('autoScalingConfigurationArn', input.AutoScalingConfigurationArn, {
        min: 1,
        max: 1011,
        pattern: P.resourceArn,
        required: true,
      });
      c.done();
      const a = autoScaling.find(
        (x) => x.AutoScalingConfigurationArn === input.AutoScalingConfigurationArn && x.Status === 'ACTIVE',
      );
      if (!a) throw notFound(`Auto scaling configuration not found: ${input.AutoScalingConfigurationArn}`);
      if (a.IsDefault) throw invalidRequest("The default auto scaling configuration can't be deleted.");
      const users = liveServices().filter(
        (r) => r.service.AutoScalingConfigurationSummary?.AutoScalingConfigurationArn === a.AutoScalingConfigurationArn,
      );
      if (users.length)
        throw invalidRequest(
          `Auto scaling configuration ${a.AutoScalingConfigurationArn} is associated with service ${users[0]!.service.ServiceName}; it can't be deleted.`,
        );
      a.Status = 'INACTIVE';
      a.DeletedAt = now();
      return { AutoScalingConfiguration: a };
    },

    DeleteObservabilityConfiguration(input) {
      const c = new Checks();
      c.string('observabilityConfigurationArn', input.ObservabilityConfigurationArn, {
        min: 1,
        max: 1011,
        pattern: P.resourceArn,
        required: true,
      });
      c.done();
      const o = observability.find(
        (x) => x.ObservabilityConfigurationArn === input.ObservabilityConfigurationArn && x.Status === 'ACTIVE',
      );
      if (!o) throw notFound(`Observability configuration not found: ${input.ObservabilityConfigurationArn}`);
      const users = liveServices().filter(
        (r) => r.service.ObservabilityConfiguration?.ObservabilityConfigurationArn === o.ObservabilityConfigurationArn,
      );
      if (users.length)
        throw invalidRequest(
          `Observability configuration ${o.ObservabilityConfigurationArn} is associated with service ${users[0]!.service.ServiceName}; it can't be deleted.`,
        );
      o.Status = 'INACTIVE';
      o.DeletedAt = now();
      return { ObservabilityConfiguration: o };
    },

    DeleteVpcConnector(input) {
      const c = new Checks();
      c.string('vpcConnectorArn', input.VpcConnectorArn, { min: 1, max: 1011, pattern: P.resourceArn, required: true });
      c.done();
      const v = vpcConnectors.find((x) => x.VpcConnectorArn === input.VpcConnectorArn && x.Status === 'ACTIVE');
      if (!v) throw notFound(`VPC connector not found: ${input.VpcConnectorArn}`);
      const users = liveServices().filter(
        (r) => r.service.NetworkConfiguration?.EgressConfiguration?.VpcConnectorArn === v.VpcConnectorArn,
      );
      if (users.length)
        throw invalidRequest(
          `VPC connector ${v.VpcConnectorArn} is used by service ${users[0]!.service.ServiceName}; it can't be deleted.`,
        );
      v.Status = 'INACTIVE';
      v.DeletedAt = now();
      return { VpcConnector: v };
    },

    DisassociateCustomDomain(input) {
      const c = new Checks();
      c.string('serviceArn', input.ServiceArn, { min: 1, max: 1011, pattern: P.resourceArn, required: true });
      c.string('domainName', input.DomainName, { min: 1, max: 255, pattern: P.domainName, required: true });
      c.done();
      const rec = serviceByArn(input.ServiceArn);
      requireSettled(rec, 'disassociate a custom domain');
      const i = rec.customDomains.findIndex((d) => d.DomainName === input.DomainName);
      if (i < 0) throw notFound(`Domain ${input.DomainName} is not associated with service ${rec.service.ServiceArn}.`);
      const [domain] = rec.customDomains.splice(i, 1);
      // AWS answers DELETING and finishes later; here it is gone at once (the next Describe no longer lists it).
      return {
        DNSTarget: rec.service.ServiceUrl,
        ServiceArn: rec.service.ServiceArn,
        CustomDomain: { ...domain, Status: 'DELETING' },
        VpcDNSTargets: [],
      };
    },

    CreateConnection(input) {
      const c = new Checks();
      c.string('connectionName', input.ConnectionName, { min: 4, max: 32, pattern: P.shortName, required: true });
      c.oneOf('providerType', input.ProviderType, ['GITHUB', 'BITBUCKET'], true);
      c.tags(input.Tags);
      c.done();
      if ([...connections.values()].some((x) => x.ConnectionName === input.ConnectionName))
        throw invalidRequest(`Connection with the provided name already exists: ${input.ConnectionName}`);
      return {
        Connection: addConnection({
          ConnectionName: input.ConnectionName,
          ProviderType: input.ProviderType,
          Status: 'PENDING_HANDSHAKE',
        }),
      };
    },

    ListConnections(input) {
      const list = [...connections.values()].filter(
        (x) => !input.ConnectionName || x.ConnectionName === input.ConnectionName,
      );
      return page(list, input, 'ConnectionSummaryList', 100);
    },

    CreateAutoScalingConfiguration(input) {
      const c = new Checks();
      c.string('autoScalingConfigurationName', input.AutoScalingConfigurationName, {
        min: 4,
        max: 32,
        pattern: P.shortName,
        required: true,
      });
      c.int('maxConcurrency', input.MaxConcurrency, 1, 200);
      c.int('minSize', input.MinSize, 1, 25);
      c.int('maxSize', input.MaxSize, 1, 25);
      c.tags(input.Tags);
      c.done();
      const MinSize = input.MinSize ?? 1;
      const MaxSize = input.MaxSize ?? 25;
      if (MaxSize < MinSize)
        throw invalidRequest(`MaxSize (${MaxSize}) must be greater than or equal to MinSize (${MinSize}).`);
      const name = input.AutoScalingConfigurationName;
      const { arn, revision } = nextRevision(
        autoScaling,
        'AutoScalingConfigurationName',
        'autoscalingconfiguration',
        name,
      );
      const config: Wire<AutoScalingConfiguration> = {
        AutoScalingConfigurationArn: arn,
        AutoScalingConfigurationName: name,
        AutoScalingConfigurationRevision: revision,
        Latest: true,
        Status: 'ACTIVE',
        MaxConcurrency: input.MaxConcurrency ?? 100,
        MinSize,
        MaxSize,
        CreatedAt: now(),
        HasAssociatedService: false,
        IsDefault: false,
      };
      autoScaling.push(config);
      resourceTags.set(arn, clone(input.Tags ?? []));
      return { AutoScalingConfiguration: config };
    },

    ListAutoScalingConfigurations(input) {
      const list = autoScaling
        // Deleted (INACTIVE) revisions are no longer listed.
        .filter(
          (a) =>
            a.Status === 'ACTIVE' &&
            (!input.AutoScalingConfigurationName ||
              a.AutoScalingConfigurationName === input.AutoScalingConfigurationName) &&
            (!input.LatestOnly || a.Latest),
        )
        .map((a) => ({
          AutoScalingConfigurationArn: a.AutoScalingConfigurationArn,
          AutoScalingConfigurationName: a.AutoScalingConfigurationName,
          AutoScalingConfigurationRevision: a.AutoScalingConfigurationRevision,
          Status: a.Status,
          CreatedAt: a.CreatedAt,
          HasAssociatedService: [...services.values()].some(
            (r) =>
              r.service.AutoScalingConfigurationSummary?.AutoScalingConfigurationArn === a.AutoScalingConfigurationArn,
          ),
          IsDefault: a.IsDefault ?? false,
        }));
      return page(list, input, 'AutoScalingConfigurationSummaryList', 100);
    },

    DescribeAutoScalingConfiguration(input) {
      const a = autoScaling.find((x) => x.AutoScalingConfigurationArn === input.AutoScalingConfigurationArn);
      if (!a) throw notFound(`Auto scaling configuration not found: ${input.AutoScalingConfigurationArn}`);
      return { AutoScalingConfiguration: a };
    },

    CreateVpcConnector(input) {
      const c = new Checks();
      c.string('vpcConnectorName', input.VpcConnectorName, {
        min: 4,
        max: 40,
        pattern: P.vpcConnectorName,
        required: true,
      });
      c.required('subnets', input.Subnets);
      c.tags(input.Tags);
      c.done();
      if (!input.Subnets.length) throw invalidRequest('Subnets must contain at least one subnet ID.');
      const { arn, revision } = nextRevision(vpcConnectors, 'VpcConnectorName', 'vpcconnector', input.VpcConnectorName);
      const v: Wire<VpcConnector> = {
        VpcConnectorName: input.VpcConnectorName,
        VpcConnectorArn: arn,
        VpcConnectorRevision: revision,
        Subnets: input.Subnets,
        SecurityGroups: input.SecurityGroups ?? [],
        Status: 'ACTIVE',
        CreatedAt: now(),
      };
      vpcConnectors.push(v);
      resourceTags.set(arn, clone(input.Tags ?? []));
      return { VpcConnector: v };
    },

    // DescribeVpcConnector answers for INACTIVE revisions too, as the API reference says it returns any revision.
    DescribeVpcConnector(input) {
      const c = new Checks();
      c.string('vpcConnectorArn', input.VpcConnectorArn, { min: 1, max: 1011, pattern: P.resourceArn, required: true });
      c.done();
      const v = vpcConnectors.find((x) => x.VpcConnectorArn === input.VpcConnectorArn);
      if (!v) throw notFound(`VPC connector not found: ${input.VpcConnectorArn}`);
      return { VpcConnector: v };
    },

    ListVpcConnectors(input) {
      return page(vpcConnectors, input, 'VpcConnectors', 100);
    },

    CreateObservabilityConfiguration(input) {
      const c = new Checks();
      c.string('observabilityConfigurationName', input.ObservabilityConfigurationName, {
        min: 4,
        max: 32,
        pattern: P.shortName,
        required: true,
      });
      if (input.TraceConfiguration)
        c.oneOf('traceConfiguration.vendor', input.TraceConfiguration.Vendor, ['AWSXRAY'], true);
      c.tags(input.Tags);
      c.done();
      const name = input.ObservabilityConfigurationName;
      const { arn, revision } = nextRevision(
        observability,
        'ObservabilityConfigurationName',
        'observabilityconfiguration',
        name,
      );
      const o: Wire<ObservabilityConfiguration> = {
        ObservabilityConfigurationArn: arn,
        ObservabilityConfigurationName: name,
        ObservabilityConfigurationRevision: revision,
        TraceConfiguration: input.TraceConfiguration,
        Latest: true,
        Status: 'ACTIVE',
        CreatedAt: now(),
      };
      observability.push(o);
      resourceTags.set(arn, clone(input.Tags ?? []));
      return { ObservabilityConfiguration: o };
    },

    DescribeObservabilityConfiguration(input) {
      const c = new Checks();
      c.string('observabilityConfigurationArn', input.ObservabilityConfigurationArn, {
        min: 1,
        max: 1011,
        pattern: P.resourceArn,
        required: true,
      });
      c.done();
      const o = observability.find((x) => x.ObservabilityConfigurationArn === input.ObservabilityConfigurationArn);
      if (!o) throw notFound(`Observability configuration not found: ${input.ObservabilityConfigurationArn}`);
      return { ObservabilityConfiguration: o };
    },

    ListObservabilityConfigurations(input) {
      const list = observability
        .filter(
          (o) =>
            o.Status === 'ACTIVE' &&
            (!input.ObservabilityConfigurationName ||
              o.ObservabilityConfigurationName === input.ObservabilityConfigurationName) &&
            (!input.LatestOnly || o.Latest),
        )
        .map((o) => ({
          ObservabilityConfigurationArn: o.ObservabilityConfigurationArn,
          ObservabilityConfigurationName: o.ObservabilityConfigurationName,
          ObservabilityConfigurationRevision: o.ObservabilityConfigurationRevision,
        }));
      return page(list, input, 'ObservabilityConfigurationSummaryList', 100);
    },

    AssociateCustomDomain(input) {
      const c = new Checks();
      c.string('domainName', input.DomainName, { min: 1, max: 255, pattern: P.domainName, required: true });
      c.done();
      const rec = serviceByArn(input.ServiceArn);
      requireSettled(rec, 'associate a custom domain', ['RUNNING']);
      if (rec.customDomains.some((d) => d.DomainName === input.DomainName))
        throw invalidRequest(`Domain ${input.DomainName} is already associated with this service.`);
      const record = (name: string) => ({
        Name: `_${hex(16)}.${name}.`,
        Type: 'CNAME',
        Value: `_${hex(16)}.${hex(5)}.acm-validations.aws.`,
        Status: 'PENDING_VALIDATION' as const,
      });
      const www = input.EnableWWWSubdomain ?? true;
      const domain: CustomDomain = {
        DomainName: input.DomainName,
        EnableWWWSubdomain: www,
        Status: 'CREATING',
        CertificateValidationRecords: [record(input.DomainName), ...(www ? [record(`www.${input.DomainName}`)] : [])],
      };
      rec.customDomains.push(domain);
      return {
        DNSTarget: rec.service.ServiceUrl,
        ServiceArn: rec.service.ServiceArn,
        CustomDomain: domain,
        VpcDNSTargets: [],
      };
    },

    DescribeCustomDomains(input) {
      const rec = serviceByArn(input.ServiceArn);
      // Certificate validation has "started" once someone looks: CREATING becomes PENDING_CERTIFICATE_DNS_VALIDATION.
      for (const d of rec.customDomains) if (d.Status === 'CREATING') d.Status = 'PENDING_CERTIFICATE_DNS_VALIDATION';
      return {
        DNSTarget: rec.service.ServiceUrl,
        ServiceArn: rec.service.ServiceArn,
        VpcDNSTargets: [],
        ...page(rec.customDomains, input, 'CustomDomains', 5),
      };
    },
  };

  // ---- seeders (control API) ----

  function addConnection(init: {
    ConnectionName: string;
    ProviderType?: 'GITHUB' | 'BITBUCKET';
    Status?: Connection['Status'];
  }): WireConnection {
    const conn: WireConnection = {
      ConnectionName: init.ConnectionName,
      ConnectionArn: `${arnPrefix}:connection/${init.ConnectionName}/${hex()}`,
      ProviderType: init.ProviderType ?? 'GITHUB',
      Status: init.Status ?? 'AVAILABLE',
      CreatedAt: now(),
    };
    connections.set(conn.ConnectionArn!, conn);
    return clone(conn);
  }

  function addService(init: Partial<WireService> & { ServiceName: string }): WireService {
    const { ServiceName, Status = 'RUNNING', ...rest } = init;
    // A seeded service needs a source to look like one DescribeService returns: AWS's public sample image.
    rest.SourceConfiguration ??= {
      ImageRepository: {
        ImageIdentifier: 'public.ecr.aws/aws-containers/hello-app-runner:latest',
        ImageRepositoryType: 'ECR_PUBLIC',
        ImageConfiguration: { Port: '8000' },
      },
      AutoDeploymentsEnabled: false,
    };
    const rec = newService(ServiceName, rest, Status);
    Object.assign(rec.service, rest);
    const t = now();
    rec.operations.push({
      Id: hex(),
      Type: 'CREATE_SERVICE',
      Status: Status === 'CREATE_FAILED' ? 'FAILED' : 'SUCCEEDED',
      TargetArn: rec.service.ServiceArn,
      StartedAt: t,
      EndedAt: t,
      UpdatedAt: t,
    });
    return clone(rec.service);
  }

  // ---- HTTP ----

  const send = (res: ServerResponse, status: number, body: Json, errorType?: string) =>
    sendJson(res, '1.0', status, body, errorType);

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const { target, text } = await readCall(req);
    const operation = target.startsWith('AppRunner.') ? target.slice('AppRunner.'.length) : target;
    const entry: RecordedRequest = { operation, input: {} };
    requests.push(entry);
    try {
      try {
        entry.input = text ? JSON.parse(text) : {};
      } catch {
        throw new ApiError('SerializationException', 'The request body is not valid JSON.');
      }
      if (req.method !== 'POST' || !target.startsWith('AppRunner.') || !Object.hasOwn(handlers, operation))
        throw new ApiError('UnknownOperationException', `Unknown operation: ${target || '(no X-Amz-Target header)'}`);
      advance();
      const fault = takeFault(operation, ERROR_FAULTS);
      if (fault) throw faultError(fault, operation, entry.input);
      send(res, 200, clone(handlers[operation]!(entry.input)));
    } catch (e) {
      const err =
        e instanceof ApiError
          ? e
          : new ApiError('InternalServiceErrorException', `Stand-in bug: ${(e as Error).stack ?? e}`, 500);
      entry.error = err.type;
      send(res, err.status, { __type: err.type, Message: err.message }, err.type);
    }
  }

  const server = createServer((req, res) => void handle(req, res));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  const snapshot = (rec: ServiceRecord): ServiceState =>
    clone({ service: rec.service, operations: rec.operations, tags: rec.tags, customDomains: rec.customDomains });

  return {
    url: `http://127.0.0.1:${port}`,
    region,
    accountId,
    requests,
    get services() {
      advance();
      return [...services.values()].map(snapshot);
    },
    get connections() {
      return [...connections.values()].map(clone);
    },
    findService(nameOrArn) {
      advance();
      const rec = services.get(nameOrArn) ?? liveByName(nameOrArn);
      return rec && snapshot(rec);
    },
    inputsOf: (operation) => requests.filter((r) => r.operation === operation).map((r) => r.input),
    completeHandshake(connectionName) {
      const conn = [...connections.values()].find((x) => x.ConnectionName === connectionName);
      if (!conn) throw new Error(`no connection named ${connectionName}`);
      conn.Status = 'AVAILABLE';
    },
    addConnection,
    addService,
    fail(operation, fault, { times = Infinity } = {}) {
      faults.push({ operation, fault, remaining: times });
    },
    clearFaults() {
      faults.length = 0;
    },
    settle() {
      for (const rec of services.values()) finish(rec);
    },
    close() {
      server.closeAllConnections();
      return new Promise<void>((resolve, reject) => server.close((err) => (err ? reject(err) : resolve())));
    },
  };
}
