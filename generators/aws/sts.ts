// The STS calls the tool makes: whose credentials these are (the account id names roles and ARNs).
import { type AwsOptions, call, interop, settingsOf } from './call.js';

export interface Sts {
  /** Asked once per client; later calls get the same answer. */
  callerIdentity(): Promise<{ account: string; arn: string }>;
  close(): void;
}

export async function createSts(o: AwsOptions): Promise<Sts> {
  const sts = interop(await import('./sdk/sts.js'));
  const client = new sts.STSClient(settingsOf(o));
  let identity: Promise<{ account: string; arn: string }> | undefined;
  return {
    callerIdentity: () =>
      (identity ??= call('sts:GetCallerIdentity', 'your credentials', async () => {
        const out = await client.send(new sts.GetCallerIdentityCommand({}), { abortSignal: o.signal });
        return { account: out.Account ?? '', arn: out.Arn ?? '' };
      }).catch((error) => {
        identity = undefined;
        throw error;
      })),
    close: () => client.destroy(),
  };
}
