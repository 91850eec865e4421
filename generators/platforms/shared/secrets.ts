// The IAM resources behind the app's secrets, for the policy that lets the service read exactly them:
// App Runner's instance role and ECS's task execution role both get one.
import { partitionOf } from './names.js';

/** The IAM resource of each secret: the secret itself (no JSON-key suffix), or the parameter's ARN. */
export function secretResources(
  secrets: Record<string, string>,
  account: string,
  region: string,
): { secrets: string[]; parameters: string[] } {
  const out = { secrets: new Set<string>(), parameters: new Set<string>() };
  for (const value of Object.values(secrets)) {
    if (value.startsWith('arn:') && value.split(':')[2] === 'secretsmanager') {
      const arn = value.split(':').slice(0, 7).join(':');
      out.secrets.add(arn);
      // An ARN given without the six random characters Secrets Manager appends would not match the real
      // one, so its "-??????" form is granted too, as AWS advises for policies that name a secret.
      // https://docs.aws.amazon.com/secretsmanager/latest/userguide/auth-and-access_iam-policies.html
      out.secrets.add(`${arn}-??????`);
    } else if (value.startsWith('arn:')) out.parameters.add(value);
    else
      out.parameters.add(`arn:${partitionOf(region)}:ssm:${region}:${account}:parameter/${value.replace(/^\//, '')}`);
  }
  return { secrets: [...out.secrets].sort(), parameters: [...out.parameters].sort() };
}

/** secretsmanager:GetSecretValue / ssm:GetParameters on exactly these; undefined without secrets. */
export function secretsPolicyDocument(
  secrets: Record<string, string> | undefined,
  account: string,
  region: string,
): string | undefined {
  if (!secrets || !Object.keys(secrets).length) return undefined;
  const { secrets: arns, parameters } = secretResources(secrets, account, region);
  const statements = [
    ...(arns.length ? [{ Effect: 'Allow', Action: ['secretsmanager:GetSecretValue'], Resource: arns }] : []),
    ...(parameters.length ? [{ Effect: 'Allow', Action: ['ssm:GetParameters'], Resource: parameters }] : []),
  ];
  return JSON.stringify({ Version: '2012-10-17', Statement: statements });
}
