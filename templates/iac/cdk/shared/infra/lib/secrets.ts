// The app's secrets, and exactly what IAM must allow so they can be read when the app starts.
import { ArnFormat, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type { Construct } from 'constructs';

export interface AppSecret {
  /** The environment variable the app reads. */
  name: string;
  /** What the service is given: the secret's ARN (with any :json-key:stage:version suffix) or the parameter's ARN. */
  valueFrom: string;
  /** What IAM allows reading: the secret itself (no suffix), or the parameter. */
  resourceArn: string;
  action: 'secretsmanager:GetSecretValue' | 'ssm:GetParameters';
}

const SECRETS_MANAGER = /^(arn:[^:]+:secretsmanager:[^:]+:\d{12}:secret:[^:]+)(:.*)?$/;

/**
 * A Secrets Manager ARN, an SSM parameter ARN, or a parameter name in the stack's own account and
 * region. Nothing is looked up: the secrets stay where they are and are never read at synth time.
 */
export function appSecrets(scope: Construct, secrets: Record<string, string>): AppSecret[] {
  return Object.entries(secrets).map(([name, value]) => {
    const secret = SECRETS_MANAGER.exec(value);
    if (secret) return { name, valueFrom: value, resourceArn: secret[1]!, action: 'secretsmanager:GetSecretValue' };
    const arn = value.startsWith('arn:') ? value : Stack.of(scope).formatArn({
      service: 'ssm', resource: 'parameter', resourceName: value.replace(/^\//, ''), arnFormat: ArnFormat.SLASH_RESOURCE_NAME,
    });
    return { name, valueFrom: arn, resourceArn: arn, action: 'ssm:GetParameters' };
  });
}

/**
 * Lets `grantee` read exactly these secrets and nothing else. A secret encrypted with a customer
 * managed KMS key also needs kms:Decrypt on that key: add it here if yours is.
 */
export function grantRead(grantee: iam.IGrantable, secrets: readonly AppSecret[]): void {
  for (const action of ['secretsmanager:GetSecretValue', 'ssm:GetParameters'] as const) {
    // A secret's ARN also in its "-??????" form: given without the six characters Secrets Manager
    // appends, the ARN would not match the real one. https://docs.aws.amazon.com/secretsmanager/latest/userguide/auth-and-access_iam-policies.html
    const resourceArns = secrets.filter((s) => s.action === action)
      .flatMap((s) => (action === 'secretsmanager:GetSecretValue' ? [s.resourceArn, `${s.resourceArn}-??????`] : [s.resourceArn]));
    if (resourceArns.length > 0) iam.Grant.addToPrincipal({ grantee, actions: [action], resourceArns });
  }
}
