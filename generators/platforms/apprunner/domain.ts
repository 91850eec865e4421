// The custom domain: associated once the service runs (App Runner refuses it before), then the DNS
// records to create are printed, since only the domain's owner can add them. A domain dropped from the
// config is left associated: deploy removes nothing it was not asked to.
import type { Service } from '@aws-sdk/client-apprunner';

import type { AppRunner } from '../../aws/apprunner.js';
import type { Context } from '../shared/context.js';

export async function ensureDomain(ctx: Context, ar: AppRunner, service: Service): Promise<void> {
  const domain = ctx.config.domain;
  if (!domain) return;
  const arn = service.ServiceArn!;
  let { dnsTarget, domains } = await ar.describeCustomDomains(arn);
  if (!domains.some((d) => d.DomainName === domain)) {
    await ar.associateCustomDomain(arn, domain);
    ctx.ledger.note(`The domain ${domain} was associated with the service.`);
    ({ dnsTarget, domains } = await ar.describeCustomDomains(arn));
  }
  const found = domains.find((d) => d.DomainName === domain);
  if (found?.Status === 'ACTIVE') {
    ctx.ui.info(`Custom domain: https://${domain} (ACTIVE).`);
    return;
  }
  const records = [
    `  ${domain}  CNAME  ${dnsTarget ?? service.ServiceUrl}`,
    ...(found?.CertificateValidationRecords ?? []).map((r) => `  ${r.Name}  ${r.Type}  ${r.Value}`),
  ];
  ctx.ui.info(
    [
      `Custom domain ${domain}: ${found?.Status ?? 'pending'}. Create these DNS records where the domain is hosted;`,
      'App Runner validates the certificate and serves the domain once they resolve (minutes to hours):',
      ...records,
    ].join('\n'),
  );
}
