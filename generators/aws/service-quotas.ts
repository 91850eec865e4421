// The Service Quotas read doctor makes: one quota's applied value (GetServiceQuota), falling back to the
// AWS default (GetAWSDefaultServiceQuota) where the account has never had it changed, as the API documents.
// https://docs.aws.amazon.com/servicequotas/2019-06-24/apireference/API_GetServiceQuota.html
import { type AwsOptions, call, interop, settingsOf } from './call.js';
import type { AwsCallError } from './errors.js';

export const isQuotaNotFound = (error: AwsCallError) => error.code === 'NoSuchResourceException';

export interface ServiceQuotas {
  /** The quota's value, applied or else AWS's default; undefined when neither is known. */
  value(serviceCode: string, quotaCode: string): Promise<number | undefined>;
  close(): void;
}

export async function createServiceQuotas(o: AwsOptions): Promise<ServiceQuotas> {
  const sq = interop(await import('./sdk/service-quotas.js'));
  const client = new sq.ServiceQuotasClient(settingsOf(o));
  const opts = { abortSignal: o.signal };
  return {
    value: (ServiceCode, QuotaCode) =>
      call('servicequotas:GetServiceQuota', `quota ${ServiceCode}/${QuotaCode} in ${o.region}`, async () => {
        try {
          return (await client.send(new sq.GetServiceQuotaCommand({ ServiceCode, QuotaCode }), opts)).Quota?.Value;
        } catch (error) {
          if ((error as { name?: string }).name !== 'NoSuchResourceException') throw error;
          return (await client.send(new sq.GetAWSDefaultServiceQuotaCommand({ ServiceCode, QuotaCode }), opts)).Quota
            ?.Value;
        }
      }),
    close: () => client.destroy(),
  };
}
