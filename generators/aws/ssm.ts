// The AWS Systems Manager Parameter Store call the tool makes: a parameter's metadata for `secrets list`
// (DescribeParameters, which never returns a value; GetParameter would). The only definition of its
// "not found" is here: DescribeParameters answers an empty list.
// https://docs.aws.amazon.com/systems-manager/latest/APIReference/API_DescribeParameters.html
import { type AwsOptions, call, interop, settingsOf } from './call.js';

export interface ParameterFacts {
  name: string;
  arn?: string;
  type?: string;
  lastChanged?: Date;
}

export interface Ssm {
  /** undefined: no such parameter. */
  parameter(name: string): Promise<ParameterFacts | undefined>;
  close(): void;
}

export async function createSsm(o: AwsOptions): Promise<Ssm> {
  const ssm = interop(await import('./sdk/ssm.js'));
  const client = new ssm.SSMClient(settingsOf(o));
  const opts = { abortSignal: o.signal };
  return {
    async parameter(name) {
      const full = name.startsWith('/') || !name.includes('/') ? name : `/${name}`;
      const out = await call('ssm:DescribeParameters', `parameter ${full}`, () =>
        client.send(
          new ssm.DescribeParametersCommand({ ParameterFilters: [{ Key: 'Name', Option: 'Equals', Values: [full] }] }),
          opts,
        ),
      );
      const p = out.Parameters?.[0];
      return p ? { name: p.Name ?? full, arn: p.ARN, type: p.Type, lastChanged: p.LastModifiedDate } : undefined;
    },
    close: () => client.destroy(),
  };
}
