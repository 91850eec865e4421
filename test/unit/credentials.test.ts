// Credential failures name their cause: real ~/.aws/config files in a temporary HOME, real
// credential_process scripts (exit 3, bad JSON, expired keys), a real SSO token cache, a profile with
// nothing in it. The SDK itself is run first, to show that all of these reach us as the same
// "Could not load credentials from any providers", which is why we look ourselves.
import { createHash } from 'node:crypto';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { beforeAll, describe, expect, it } from 'vitest';

import { diagnoseProfile, explainCredentialFailure } from '../../generators/aws/credentials.js';
import { AwsCallError, explainAwsError } from '../../generators/aws/errors.js';
import { tempDir } from '../helpers/cli.js';

let home: string;
let env: NodeJS.ProcessEnv;

const script = (name: string, body: string) => {
  const path = join(home, name);
  writeFileSync(path, `#!/bin/sh\n${body}\n`);
  chmodSync(path, 0o755);
  return path;
};

beforeAll(() => {
  home = tempDir('caa-home-');
  mkdirSync(join(home, '.aws', 'sso', 'cache'), { recursive: true });
  const fail3 = script('fail3.sh', 'echo "token refresh failed: run corp-login first" >&2\nexit 3');
  const badJson = script('badjson.sh', 'echo "{not json"');
  const expired = script(
    'expired.sh',
    `echo '{"Version":1,"AccessKeyId":"AKIAEXAMPLE","SecretAccessKey":"x","SessionToken":"y","Expiration":"2020-01-01T00:00:00Z"}'`,
  );
  const good = script(
    'good.sh',
    `echo '{"Version":1,"AccessKeyId":"AKIAEXAMPLE","SecretAccessKey":"x","Expiration":"2999-01-01T00:00:00Z"}'`,
  );
  writeFileSync(
    join(home, '.aws', 'config'),
    [
      `[profile p3]\ncredential_process = ${fail3}`,
      `[profile pjson]\ncredential_process = ${badJson}`,
      `[profile pexpired]\ncredential_process = ${expired}`,
      `[profile pgood]\ncredential_process = ${good}`,
      '[profile empty]\nregion = us-east-1',
      '[profile ssoexpired]\nsso_session = corp\nsso_account_id = 111122223333\nsso_role_name = Dev\nregion = us-east-1',
      '[profile ssonever]\nsso_session = other\nsso_account_id = 111122223333\nsso_role_name = Dev\nregion = us-east-1',
      '[sso-session corp]\nsso_region = us-east-1\nsso_start_url = https://corp.awsapps.com/start',
      '[sso-session other]\nsso_region = us-east-1\nsso_start_url = https://other.awsapps.com/start',
      '',
    ].join('\n'),
  );
  writeFileSync(join(home, '.aws', 'credentials'), '');
  // What `aws sso login` leaves behind, expired (and no refresh possible: the SSO endpoint is unreachable).
  writeFileSync(
    join(home, '.aws', 'sso', 'cache', `${createHash('sha1').update('corp').digest('hex')}.json`),
    JSON.stringify({
      startUrl: 'https://corp.awsapps.com/start',
      region: 'us-east-1',
      accessToken: 'x',
      expiresAt: '2020-01-01T00:00:00Z',
    }),
  );
  env = {
    PATH: process.env.PATH,
    HOME: home,
    AWS_CONFIG_FILE: join(home, '.aws', 'config'),
    AWS_SHARED_CREDENTIALS_FILE: join(home, '.aws', 'credentials'),
    AWS_EC2_METADATA_DISABLED: 'true',
  };
});

/** The SDK's own answer for a profile, against a port nothing listens on (credentials fail first). */
async function sdkError(profile: string): Promise<Error> {
  const saved = { ...process.env };
  Object.assign(process.env, env);
  const client = new STSClient({ region: 'us-east-1', profile, endpoint: 'http://127.0.0.1:9', maxAttempts: 1 });
  try {
    await client.send(new GetCallerIdentityCommand({}));
    throw new Error('no error');
  } catch (error) {
    return error as Error;
  } finally {
    client.destroy();
    process.env = saved;
  }
}

describe('credential failures name their cause', () => {
  it('the SDK says the same thing for all of them (why we look ourselves)', async () => {
    for (const profile of ['p3', 'pjson', 'pexpired', 'empty']) {
      const e = await sdkError(profile);
      expect(e.name).toBe('CredentialsProviderError');
      expect(e.message).toMatch(/Could not load credentials from any providers/);
    }
  });

  it('names each cause and its fix', () => {
    const said = (profile: string) => explainCredentialFailure(profile, env) ?? '';
    expect(said('p3')).toMatch(
      /credential_process .*fail3\.sh.* failed \(exit code 3: token refresh failed: run corp-login first\)/,
    );
    expect(said('pjson')).toMatch(/what it printed is not JSON/);
    expect(said('pexpired')).toMatch(/expired at 2020-01-01T00:00:00Z/);
    expect(said('empty')).toMatch(/"empty" exists .* but holds no credentials.*aws configure --profile empty/);
    expect(said('ssoexpired')).toMatch(/sign-in .* "ssoexpired" has expired.*aws sso login --profile ssoexpired/);
    expect(said('ssonever')).toMatch(/no sign-in yet.*aws sso login --profile ssonever/);
    expect(said('nosuch')).toMatch(/There is no AWS profile "nosuch"/);
    // Nothing wrong to be seen: the SDK's own message stands.
    expect(diagnoseProfile('pgood', env)).toBeUndefined();
  });

  it('is what deploy and the operating commands print for a no-credentials error', async () => {
    const saved = { ...process.env };
    Object.assign(process.env, env);
    try {
      const error = new AwsCallError('sts:GetCallerIdentity', 'your credentials', await sdkError('p3'));
      const text = explainAwsError(error, { region: 'us-east-1', profile: 'p3' });
      expect(text).toMatch(/exit code 3/);
      expect(text).not.toMatch(/No AWS credentials were found/);
    } finally {
      process.env = saved;
    }
  });
});
