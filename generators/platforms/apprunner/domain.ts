// The custom domain on App Runner: AssociateCustomDomain once the service runs (App Runner refuses it
// before), then the DNS records to create, since only the domain's owner can add them: the validation
// CNAMEs of the certificate App Runner makes, and the CNAME that points the name at the service.
// `domain add/status/remove` (Domains below) and deploy (ensureDomain, for `domain:` in the config) share
// the same steps. A domain dropped from the config is left associated by deploy: deploy removes nothing it
// was not asked to; `domain remove` and `delete` disassociate it.
// https://docs.aws.amazon.com/apprunner/latest/dg/manage-custom-domains.html
import type { CustomDomain, Service } from '@aws-sdk/client-apprunner';

import type { AppRunner } from '../../aws/apprunner.js';
import { poll } from '../../aws/poll.js';
import { isOurs, notOursText } from '../ownership/owner.js';
import type { DnsRecord, Domains, DomainView, Live } from '../platform.js';
import type { Context } from '../shared/context.js';
import { DeployError } from '../shared/errors.js';
import type { ArClients } from './index.js';
import { findLive } from './operate.js';

type ArLive = Live<ArClients>;

/** What App Runner says of the domain, as the records a person creates and where it stands. */
export function domainView(name: string, found: CustomDomain | undefined, target: string | undefined): DomainView {
  const records: DnsRecord[] = (found?.CertificateValidationRecords ?? []).map((r) => ({
    name: r.Name ?? '?',
    type: r.Type ?? 'CNAME',
    value: r.Value ?? '?',
    purpose: `validates the certificate App Runner makes for ${name}${r.Status ? ` (${r.Status})` : ''}`,
  }));
  if (target)
    records.push({ name, type: 'CNAME', value: target, purpose: 'points the name at the service', target: true });
  const state = found?.Status ?? 'NOT_ASSOCIATED';
  return {
    name,
    state,
    ready: state === 'ACTIVE',
    records,
    notes:
      state === 'ACTIVE'
        ? [`https://${name} is served by the service.`]
        : [
            'Create these DNS records where the domain is hosted; App Runner validates the certificate and serves ' +
              'the domain once they resolve (minutes to hours). See where it stands with domain status.',
          ],
  };
}

async function associateIfMissing(ar: AppRunner, arn: string, name: string): Promise<boolean> {
  const { domains } = await ar.describeCustomDomains(arn);
  if (domains.some((d) => d.DomainName === name && d.Status !== 'DELETING')) return false;
  await ar.associateCustomDomain(arn, name);
  return true;
}

/** Deploy's step for `domain:` in the config, once the service runs. */
export async function ensureDomain(ctx: Context, ar: AppRunner, service: Service): Promise<void> {
  const domain = ctx.config.domain;
  if (!domain) return;
  const arn = service.ServiceArn!;
  if (await associateIfMissing(ar, arn, domain))
    ctx.ledger.note(`The domain ${domain} was associated with the service.`);
  const { dnsTarget, domains } = await ar.describeCustomDomains(arn);
  const view = domainView(
    domain,
    domains.find((d) => d.DomainName === domain),
    dnsTarget ?? service.ServiceUrl,
  );
  if (view.ready) return ctx.ui.info(`Custom domain: https://${domain} (ACTIVE).`);
  ctx.ui.info(
    [
      `Custom domain ${domain}: ${view.state}. Create these DNS records where the domain is hosted;`,
      'App Runner validates the certificate and serves the domain once they resolve (minutes to hours):',
      ...view.records.map((r) => `  ${r.name}  ${r.type}  ${r.value}`),
    ].join('\n'),
  );
}

/** The app's running service, or a refusal: a domain goes on a service of this app that runs. */
async function ownService(live: ArLive, verb: string): Promise<Service> {
  const name = live.config.service.name;
  const service = await findLive(live);
  if (!service || service.Status === 'DELETED')
    throw new DeployError(`${name} is not deployed in ${live.region}: deploy it first, then ${verb} its domain.`, 1);
  const tags = await live.clients.apprunner.tagsOf(service.ServiceArn!);
  if (!isOurs(tags, live.config))
    throw new DeployError(
      `The App Runner service ${name} in ${live.region} is ${notOursText(tags, live.config)}, so domain leaves it alone.`,
      1,
    );
  return service;
}

async function current(ar: AppRunner, service: Service, name: string): Promise<DomainView> {
  const { dnsTarget, domains } = await ar.describeCustomDomains(service.ServiceArn!);
  const found = domains.find((d) => d.DomainName === name && d.Status !== 'DELETING');
  return domainView(name, found, found ? (dnsTarget ?? service.ServiceUrl) : undefined);
}

export const appRunnerDomains: Domains<ArClients> = {
  maxLength: 253,
  async add(live, name, o) {
    const ar = live.clients.apprunner;
    const service = await ownService(live, 'add');
    if (service.Status !== 'RUNNING')
      throw new DeployError(
        `${live.config.service.name} is ${service.Status}: App Runner associates a domain only with a running service. ` +
          'Run domain add again once it runs (status shows where it stands).',
        1,
      );
    if (o.dryRun) {
      o.ui.info(
        `Would send apprunner:AssociateCustomDomain for ${name} (EnableWWWSubdomain false), then print its DNS records.`,
      );
      return current(ar, service, name);
    }
    if (await associateIfMissing(ar, service.ServiceArn!, name)) o.ui.info(`Associated ${name} with the service.`);
    o.accepted();
    // App Runner lists the validation records a little after the association: wait for them (bounded).
    if (!o.wait) return current(ar, service, name);
    return poll({
      read: () => current(ar, service, name),
      settled: (v) => v.ready || v.records.some((r) => r.purpose.startsWith('validates')),
      status: (v) => v.state,
      label: `Waiting for App Runner to list the records for ${name}`,
      ui: o.ui,
      timing: live.timing,
      signal: live.signal,
      timedOut: () =>
        new DeployError(`App Runner has not listed the records for ${name} yet; run domain status in a minute.`, 1),
    });
  },
  async status(live, name) {
    const service = await findLive(live);
    if (!service || service.Status === 'DELETED') return undefined;
    const view = await current(live.clients.apprunner, service, name);
    return view.state === 'NOT_ASSOCIATED' ? undefined : view;
  },
  async remove(live, name, o) {
    const ar = live.clients.apprunner;
    const service = await findLive(live);
    if (!service || service.Status === 'DELETED') return 'gone';
    await ownService(live, 'remove');
    const view = await current(ar, service, name);
    if (view.state === 'NOT_ASSOCIATED') return 'gone';
    if (o.dryRun) {
      o.ui.info(`Would send apprunner:DisassociateCustomDomain for ${name}.`);
      return 'removed';
    }
    await ar.disassociateCustomDomain(service.ServiceArn!, name);
    return 'removed';
  },
};
