// A failed AWS call as one error type (AwsCallError: the operation, the resource, AWS's code and words),
// its kind (credentials, access, throttling, not found, network, ...) and one paragraph of advice for it.
// Every thin service client (apprunner.ts, ecs.ts, iam.ts, ...) throws only this.
import { endpointOf, MAX_ATTEMPTS } from './client-config.js';
import { explainCredentialFailure } from './credentials.js';

/** An AWS call that failed, with the operation ("apprunner:CreateService") and what it was about. */
export class AwsCallError extends Error {
  override name = 'AwsCallError';
  constructor(
    readonly operation: string,
    readonly resource: string,
    override readonly cause: unknown,
  ) {
    super(`${operation} on ${resource}: ${(cause as Error)?.message ?? String(cause)}`);
  }
  get code(): string {
    const c = this.cause as { name?: string; Code?: string; code?: string };
    return c?.name && c.name !== 'Error' ? c.name : (c?.Code ?? c?.code ?? 'Error');
  }
  get awsMessage(): string {
    return ((this.cause as Error)?.message ?? String(this.cause)).trim();
  }
}

export type ErrorKind =
  | 'no-credentials'
  | 'expired'
  | 'bad-credentials'
  | 'access-denied'
  | 'not-subscribed'
  | 'throttled'
  | 'invalid-request'
  | 'quota'
  | 'invalid-state'
  | 'not-found'
  | 'internal'
  | 'network'
  | 'cancelled'
  | 'other';

const KINDS: [ErrorKind, RegExp][] = [
  ['no-credentials', /^CredentialsProviderError$/],
  ['expired', /^(ExpiredToken(Exception)?|RequestExpired|TokenRefreshRequired|TokenProviderError)$/],
  [
    'bad-credentials',
    /^(UnrecognizedClientException|InvalidClientTokenId|SignatureDoesNotMatch|InvalidSignatureException|IncompleteSignature)$/,
  ],
  ['not-subscribed', /^(SubscriptionRequiredException|OptInRequired|NotSubscribed.*)$/],
  ['access-denied', /^(AccessDenied(Exception)?|UnauthorizedOperation|Unauthorized.*)$/],
  ['throttled', /^(Throttling(Exception)?|TooManyRequestsException|RequestLimitExceeded|SlowDown)$/],
  ['quota', /^(ServiceQuotaExceededException|LimitExceeded(Exception)?)$/],
  ['invalid-state', /^InvalidStateException$/],
  ['invalid-request', /^(InvalidRequestException|ValidationException|InvalidParameter.*|MalformedPolicyDocument)$/],
  ['not-found', /^(ResourceNotFoundException|NoSuchEntity(Exception)?|RepositoryNotFoundException)$/],
  ['internal', /^(InternalServiceError(Exception)?|InternalFailure|ServiceUnavailable(Exception)?)$/],
  ['cancelled', /^AbortError$/],
];

export function kindOf(error: AwsCallError): ErrorKind {
  const code = error.code;
  const found = KINDS.find(([, re]) => re.test(code))?.[0];
  if (found) return found;
  if (/could not load credentials/i.test(error.awsMessage)) return 'no-credentials';
  if (/token.*expired|expired.*token|session.*expired/i.test(error.awsMessage)) return 'expired';
  if (/subscription/i.test(error.awsMessage)) return 'not-subscribed';
  if (/not authorized to perform/i.test(error.awsMessage)) return 'access-denied';
  const sys = (error.cause as { code?: string })?.code ?? '';
  if (/^(ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|ECONNRESET|TimeoutError)$/.test(sys) || code === 'TimeoutError')
    return 'network';
  return 'other';
}

/** The IAM action named in an access-denied message, else the operation that was called. */
export const deniedAction = (error: AwsCallError) =>
  /not authorized to perform:? ([\w-]+:[\w*]+)/i.exec(error.awsMessage)?.[1] ?? error.operation;

/** One paragraph for a failed AWS call: what happened and what to do. */
export function explainAwsError(
  error: AwsCallError,
  { region, profile }: { region: string; profile?: string },
): string {
  const said = `AWS said: ${error.code}: ${error.awsMessage}`;
  switch (kindOf(error)) {
    case 'no-credentials': {
      const cause = explainCredentialFailure(profile);
      if (cause) return cause;
      const detail = /any providers/.test(error.awsMessage) ? '' : ` (${error.awsMessage})`;
      if (profile) {
        return (
          `No AWS credentials were found for the profile "${profile}"${detail}. Check that it is in ~/.aws/config or ` +
          `~/.aws/credentials, or sign in (aws sso login --profile ${profile}), then run deploy again.`
        );
      }
      return (
        `No AWS credentials were found${detail}. Sign in first (aws configure, or aws sso login --profile <name>), ` +
        'then run deploy again, with --profile <name> if you use a named profile.'
      );
    }
    case 'expired':
      return `Your AWS credentials have expired (${error.operation}). Sign in again (e.g. aws sso login), then run deploy again.`;
    case 'bad-credentials':
      return (
        `AWS does not recognise these credentials (${error.operation}): the access key is unknown or its secret is wrong. ` +
        `Check the profile (--profile) or the AWS_* variables.\n${said}`
      );
    case 'access-denied':
      return (
        `AWS denied ${deniedAction(error)} on ${error.resource}. Your IAM identity needs that permission ` +
        `(the README lists every permission deploy uses).\n${said}`
      );
    case 'throttled':
      return `AWS kept throttling ${error.operation} after the SDK's retries. Wait a minute, then run deploy again.\n${said}`;
    case 'quota':
      return (
        `${error.operation} hit an AWS quota in ${region}. Delete what you no longer use (a CREATE_FAILED App Runner ` +
        'service still counts), or ask for a higher limit in the Service Quotas console.\n' +
        said
      );
    case 'invalid-request':
      return `AWS refused ${error.operation} on ${error.resource}: ${error.awsMessage}`;
    case 'internal':
      return `AWS had an internal error on ${error.operation} (retried by the SDK). Try again in a few minutes.\n${said}`;
    case 'network': {
      const endpoint = endpointOf(error.operation.split(':')[0]!, region);
      return (
        `No answer from ${endpoint} (region ${region}) for ${error.operation}, after ${MAX_ATTEMPTS} tries: ${error.awsMessage}.\n` +
        'Check your network connection and any proxy (HTTPS_PROXY), that the region is right, and any AWS_ENDPOINT_URL settings.'
      );
    }
    default:
      return `${error.operation} on ${error.resource} failed.\n${said}`;
  }
}
