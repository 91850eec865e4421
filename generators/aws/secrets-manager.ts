// The AWS Secrets Manager calls the tool makes for `secrets`: find a secret by name (with its tags and
// when it last changed, never its value), create one, put a new value, restore one scheduled for
// deletion, and schedule a deletion. The only definition of Secrets Manager's "not found" is here.
// A value goes out in one request body (SecretString) and is never kept, returned or put in an error:
// the SDK's errors carry AWS's message, which does not echo the value.
// https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_CreateSecret.html
import { type AwsOptions, call, callOrMissing, interop, settingsOf, type Tag } from './call.js';
import type { AwsCallError } from './errors.js';

/** Secrets Manager's answer for a secret that is not there. */
export const isSecretNotFound = (error: AwsCallError) => error.code === 'ResourceNotFoundException';

export interface SecretFacts {
  arn: string;
  name: string;
  tags: Tag[];
  lastChanged?: Date;
  /** Set while the secret is scheduled for deletion (it can be restored until then). */
  deletedDate?: Date;
  /** The customer managed key, when the secret does not use the default aws/secretsmanager one. */
  kmsKeyId?: string;
}

export interface SecretsManager {
  describe(nameOrArn: string): Promise<SecretFacts | undefined>;
  create(input: { name: string; value: string; tags: Tag[]; description: string }): Promise<string>;
  putValue(arn: string, value: string): Promise<void>;
  restore(arn: string): Promise<void>;
  /** Schedules the deletion after `recoveryDays` (7 to 30); returns when it will happen. */
  scheduleDeletion(arn: string, recoveryDays: number): Promise<Date | undefined>;
  close(): void;
}

export async function createSecretsManager(o: AwsOptions): Promise<SecretsManager> {
  const sm = interop(await import('./sdk/secrets-manager.js'));
  const client = new sm.SecretsManagerClient(settingsOf(o));
  const opts = { abortSignal: o.signal };
  return {
    async describe(id) {
      const got = await callOrMissing(
        'secretsmanager:DescribeSecret',
        `secret ${id}`,
        () => client.send(new sm.DescribeSecretCommand({ SecretId: id }), opts),
        isSecretNotFound,
      );
      if (!got?.ARN) return undefined;
      return {
        arn: got.ARN,
        name: got.Name ?? id,
        tags: (got.Tags ?? []).map((t) => ({ Key: t.Key, Value: t.Value })),
        lastChanged: got.LastChangedDate ?? got.CreatedDate,
        deletedDate: got.DeletedDate,
        kmsKeyId: got.KmsKeyId,
      };
    },
    async create({ name, value, tags, description }) {
      // No KmsKeyId: Secrets Manager encrypts with the account's default key, aws/secretsmanager.
      const out = await call('secretsmanager:CreateSecret', `secret ${name}`, () =>
        client.send(
          new sm.CreateSecretCommand({ Name: name, SecretString: value, Tags: tags, Description: description }),
          opts,
        ),
      );
      return out.ARN!;
    },
    async putValue(arn, value) {
      await call('secretsmanager:PutSecretValue', `secret ${arn}`, () =>
        client.send(new sm.PutSecretValueCommand({ SecretId: arn, SecretString: value }), opts),
      );
    },
    async restore(arn) {
      await call('secretsmanager:RestoreSecret', `secret ${arn}`, () =>
        client.send(new sm.RestoreSecretCommand({ SecretId: arn }), opts),
      );
    },
    async scheduleDeletion(arn, recoveryDays) {
      const out = await call('secretsmanager:DeleteSecret', `secret ${arn}`, () =>
        client.send(new sm.DeleteSecretCommand({ SecretId: arn, RecoveryWindowInDays: recoveryDays }), opts),
      );
      return out.DeletionDate;
    },
    close: () => client.destroy(),
  };
}
