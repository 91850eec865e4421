// The AWS Certificate Manager calls the tool makes for a custom domain on ECS Express Mode: request a
// DNS-validated certificate (tagged at request), read it (status, validation record, where it is in
// use), find this app's for a name, read its tags, delete it. The only definition of ACM's "not found".
// Tests point the client at moto through AWS_ENDPOINT_URL.
// API: https://docs.aws.amazon.com/acm/latest/APIReference/API_RequestCertificate.html
import type { CertificateDetail } from '@aws-sdk/client-acm';

import { type AwsOptions, call, callOrMissing, interop, listAll, settingsOf, type Tag } from './call.js';
import type { AwsCallError } from './errors.js';

const isAcmNotFound = (error: AwsCallError) => error.code === 'ResourceNotFoundException';

export interface Acm {
  /** A public certificate for `domain`, validated by DNS; the token makes a retried request return the same one. */
  requestCertificate(domain: string, tags: Tag[], idempotencyToken: string): Promise<string>;
  /** undefined when ACM does not know the ARN (deleted). */
  describeCertificate(arn: string): Promise<CertificateDetail | undefined>;
  /** The ARNs of the account's certificates for exactly `domain`, pending or issued. */
  certificatesFor(domain: string): Promise<string[]>;
  tagsOf(arn: string): Promise<Tag[]>;
  /** 'in-use': ACM refuses while a load balancer still serves it. */
  deleteCertificate(arn: string): Promise<'deleted' | 'gone' | 'in-use'>;
  close(): void;
}

export async function createAcm(o: AwsOptions): Promise<Acm> {
  const acm = interop(await import('./sdk/acm.js'));
  const client = new acm.ACMClient(settingsOf(o));
  const opts = { abortSignal: o.signal };
  return {
    requestCertificate: async (domain, tags, idempotencyToken) =>
      (
        await call('acm:RequestCertificate', `certificate for ${domain}`, () =>
          client.send(
            new acm.RequestCertificateCommand({
              DomainName: domain,
              ValidationMethod: 'DNS',
              IdempotencyToken: idempotencyToken,
              Tags: tags.map((t) => ({ Key: t.Key!, Value: t.Value })),
            }),
            opts,
          ),
        )
      ).CertificateArn!,
    describeCertificate: async (arn) =>
      (
        await callOrMissing(
          'acm:DescribeCertificate',
          arn,
          () => client.send(new acm.DescribeCertificateCommand({ CertificateArn: arn }), opts),
          isAcmNotFound,
        )
      )?.Certificate,
    async certificatesFor(domain) {
      const all = await listAll<{ DomainName?: string; CertificateArn?: string }>(
        'acm:ListCertificates',
        `certificates for ${domain}`,
        // ACM lists RSA_2048 certificates unless asked for other key types: RequestCertificate's default.
        () => acm.paginateListCertificates({ client }, { CertificateStatuses: ['PENDING_VALIDATION', 'ISSUED'] }),
        'CertificateSummaryList',
      );
      return all.filter((c) => c.DomainName === domain && c.CertificateArn).map((c) => c.CertificateArn!);
    },
    tagsOf: async (arn) =>
      (
        await call('acm:ListTagsForCertificate', arn, () =>
          client.send(new acm.ListTagsForCertificateCommand({ CertificateArn: arn }), opts),
        )
      ).Tags ?? [],
    async deleteCertificate(arn) {
      try {
        await call('acm:DeleteCertificate', arn, () =>
          client.send(new acm.DeleteCertificateCommand({ CertificateArn: arn }), opts),
        );
        return 'deleted';
      } catch (error) {
        if (isAcmNotFound(error as AwsCallError)) return 'gone';
        if ((error as AwsCallError).code === 'ResourceInUseException') return 'in-use';
        throw error;
      }
    },
    close: () => client.destroy(),
  };
}
