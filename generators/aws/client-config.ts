// The settings every AWS client of ours is built with. The SDK's own defaults wait on a silent endpoint
// for ever (no request timeout), so each call gets a connection timeout, a request timeout and three
// tries at most: a dead or silent endpoint ends in an explained error within about a minute.
// https://docs.aws.amazon.com/sdk-for-javascript/v3/developer-guide/node-configuring-maxsockets.html
// https://docs.aws.amazon.com/sdkref/latest/guide/feature-retry-behavior.html

export interface ClientSettings {
  region: string;
  profile?: string;
  maxAttempts: number;
  requestHandler: { connectionTimeout: number; requestTimeout: number; throwOnRequestTimeout: boolean };
}

/** Tries per call, the first included (throttling and time-outs are retried with back-off). */
export const MAX_ATTEMPTS = 3;

export function clientSettings(
  region: string,
  profile: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
): ClientSettings {
  // CREATE_APPRUNNER_APP_REQUEST_TIMEOUT_MS shortens the wait for a silent endpoint (tests, slow links).
  const requestTimeout = positive(env.CREATE_APPRUNNER_APP_REQUEST_TIMEOUT_MS) ?? 15_000;
  return {
    region,
    ...(profile ? { profile } : {}),
    maxAttempts: MAX_ATTEMPTS,
    // Without throwOnRequestTimeout, current SDK releases only log a warning when the time is up.
    requestHandler: { connectionTimeout: Math.min(5_000, requestTimeout), requestTimeout, throwOnRequestTimeout: true },
  };
}

const positive = (v: string | undefined) => (v && /^\d+$/.test(v) && Number(v) > 0 ? Number(v) : undefined);

// The variable that points one service's SDK client elsewhere, and its public host.
const SERVICES: Record<string, [variable: string, host: (region: string) => string]> = {
  sts: ['STS', (r) => `sts.${r}.amazonaws.com`],
  iam: ['IAM', () => 'iam.amazonaws.com'],
  ecr: ['ECR', (r) => `api.ecr.${r}.amazonaws.com`],
  apprunner: ['APPRUNNER', (r) => `apprunner.${r}.amazonaws.com`],
  ecs: ['ECS', (r) => `ecs.${r}.amazonaws.com`],
  logs: ['CLOUDWATCH_LOGS', (r) => `logs.${r}.amazonaws.com`],
  tag: ['RESOURCE_GROUPS_TAGGING_API', (r) => `tagging.${r}.amazonaws.com`],
  secretsmanager: ['SECRETS_MANAGER', (r) => `secretsmanager.${r}.amazonaws.com`],
  ssm: ['SSM', (r) => `ssm.${r}.amazonaws.com`],
  ec2: ['EC2', (r) => `ec2.${r}.amazonaws.com`],
  servicequotas: ['SERVICE_QUOTAS', (r) => `servicequotas.${r}.amazonaws.com`],
};

/** Where a call to `service` ("sts", from "sts:GetCallerIdentity") goes, as the SDK resolves it. */
export function endpointOf(service: string, region: string, env: NodeJS.ProcessEnv = process.env): string {
  const known = SERVICES[service];
  const override = (known && env[`AWS_ENDPOINT_URL_${known[0]}`]) || env.AWS_ENDPOINT_URL;
  if (override) return override;
  return known ? `https://${known[1](region)}` : `the ${service} endpoint of ${region}`;
}
