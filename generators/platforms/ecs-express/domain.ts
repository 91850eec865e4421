// A custom domain on ECS Express Mode, as the Express guide documents it (the API has no parameter for
// one): an ACM certificate for the name, validated by DNS, in the service's region and tagged with this
// app's id; once ACM has issued it, the certificate added to the managed HTTPS listener
// (AddListenerCertificates, served by SNI) and the name added to the host-header condition of the
// service's own listener rule (ModifyRule); then a CNAME (or a Route 53 alias) from the name to the load
// balancer. The load balancer is shared by up to 25 Express services: nothing on it is touched but this
// service's rule and the one certificate added here. remove undoes exactly that, and deletes the
// certificate only if it is this app's and nothing uses it any more.
// https://docs.aws.amazon.com/AmazonECS/latest/developerguide/express-service-advanced-customization.html
// https://docs.aws.amazon.com/acm/latest/userguide/dns-validation.html
import { createHash } from 'node:crypto';

import type { CertificateDetail } from '@aws-sdk/client-acm';

import { poll } from '../../aws/poll.js';
import { isOurs, toolTags } from '../ownership/owner.js';
import type { DnsRecord, DomainOptions, Domains, DomainView, Live } from '../platform.js';
import { DeployError } from '../shared/errors.js';
import { elapsed, type Ui } from '../shared/ui.js';
import type { EcsClients } from './index.js';
import { hostsOf, type Ingress, ingressOf, ownRule, withHosts } from './ingress.js';

type EcsLive = Live<EcsClients>;

export const SHARED_NOTE =
  "The load balancer is shared by up to 25 ECS Express services: domain changes only this service's listener rule " +
  'and its own certificate on the HTTPS listener; nothing else on the load balancer is touched.';
/** An Application Load Balancer rule takes at most 5 condition values in all (host names included). */
const RULE_VALUES_MAX = 5;

/** This app's certificate for the name (pending or issued), found by its tags; never another's. */
export async function ourCertificate(live: EcsLive, name: string): Promise<CertificateDetail | undefined> {
  const { acm } = live.clients;
  for (const arn of await acm.certificatesFor(name)) {
    if (!isOurs(await acm.tagsOf(arn), live.config)) continue;
    const cert = await acm.describeCertificate(arn);
    if (cert) return cert;
  }
  return undefined;
}

function validationRecords(cert: CertificateDetail | undefined): DnsRecord[] {
  return (cert?.DomainValidationOptions ?? [])
    .filter((o) => o.ResourceRecord?.Name)
    .map((o) => ({
      name: o.ResourceRecord!.Name!,
      type: o.ResourceRecord!.Type ?? 'CNAME',
      value: o.ResourceRecord!.Value ?? '?',
      purpose: `validates the ACM certificate for ${o.DomainName ?? cert?.DomainName}`,
    }));
}

interface Placement {
  ingress?: Ingress;
  certOnListener: boolean;
  hostOnRule: boolean;
  dnsName?: string;
  zoneId?: string;
}

async function placementOf(live: EcsLive, name: string, cert?: CertificateDetail): Promise<Placement> {
  const ingress = await ingressOf(live);
  if (!ingress) return { certOnListener: false, hostOnRule: false };
  const { elbv2 } = live.clients;
  const [lb, certs, rule] = await Promise.all([
    elbv2.loadBalancer(ingress.loadBalancerArn),
    elbv2.listenerCertificates(ingress.listenerArn),
    elbv2.rule(ingress.ruleArn),
  ]);
  return {
    ingress,
    certOnListener: Boolean(cert && certs.some((c) => c.arn === cert.CertificateArn)),
    hostOnRule: hostsOf(rule).includes(name),
    dnsName: lb?.DNSName,
    zoneId: lb?.CanonicalHostedZoneId,
  };
}

function viewOf(name: string, cert: CertificateDetail | undefined, p: Placement): DomainView {
  const status = cert?.Status ?? 'NO_CERTIFICATE';
  const ready = status === 'ISSUED' && p.certOnListener && p.hostOnRule;
  const records = validationRecords(cert);
  if (p.dnsName)
    records.push({
      name,
      type: 'CNAME',
      value: p.dnsName,
      purpose: 'points the name at the load balancer',
      target: true,
    });
  const notes: string[] = [];
  if (ready) notes.push(`https://${name} is served by the service once the DNS record resolves.`);
  else if (status === 'PENDING_VALIDATION')
    notes.push(
      'ACM issues the certificate once the validation record resolves (minutes, up to hours). Then run domain add ' +
        'or domain status again: it attaches the certificate and the name to the service.',
    );
  else if (status === 'ISSUED')
    notes.push('The certificate is issued but not attached yet: run domain status to attach it.');
  else if (cert)
    notes.push(
      `ACM says ${status}${cert.FailureReason ? ` (${cert.FailureReason})` : ''}: remove the domain and add it again.`,
    );
  if (p.dnsName && p.zoneId)
    notes.push(`On Route 53, an alias A record to ${p.dnsName} (hosted zone ${p.zoneId}) does the same as the CNAME.`);
  return { name, state: ready ? 'ACTIVE' : status, ready, records, notes };
}

/** Adds what is missing (the certificate on the listener, the name on the rule); a no-op when both are there. */
async function attach(live: EcsLive, name: string, cert: CertificateDetail, ui: Ui, dryRun: boolean): Promise<void> {
  const ingress = await ingressOf(live);
  if (!ingress)
    throw new DeployError(
      `ECS reports no load balancer for ${live.config.service.name} yet; run domain status once it is deployed.`,
      1,
    );
  const rule = await ownRule(live, ingress);
  const { elbv2 } = live.clients;
  const certs = await elbv2.listenerCertificates(ingress.listenerArn);
  const hosts = hostsOf(rule);
  const others = (rule.Conditions ?? []).filter((c) => c.Field !== 'host-header').flatMap((c) => c.Values ?? ['?']);
  if (!hosts.includes(name) && hosts.length + others.length + 1 > RULE_VALUES_MAX)
    throw new DeployError(
      `The listener rule of ${live.config.service.name} already matches ${hosts.join(', ')}: a load balancer rule takes at most ` +
        `${RULE_VALUES_MAX} condition values, so ${name} cannot be added. Remove a domain first (domain remove).`,
      1,
    );
  const say = (what: string) => ui.info(dryRun ? `Would send ${what}.` : `Sent ${what}.`);
  if (!certs.some((c) => c.arn === cert.CertificateArn)) {
    say(`elasticloadbalancing:AddListenerCertificates (${cert.CertificateArn}) to the shared HTTPS listener`);
    if (!dryRun) await elbv2.addListenerCertificate(ingress.listenerArn, cert.CertificateArn!);
  }
  if (!hosts.includes(name)) {
    say(`elasticloadbalancing:ModifyRule: host-header ${[...hosts, name].join(', ')} on this service's rule`);
    if (!dryRun) await elbv2.setRuleConditions(ingress.ruleArn, withHosts(rule, [...hosts, name]));
  }
}

/** The same token for the same app and name: a retried request (within ACM's hour) returns the same certificate. */
const tokenOf = (live: EcsLive, name: string) =>
  createHash('sha256')
    .update(`${live.config.app?.id ?? live.config.service.name}\n${name}`)
    .digest('hex')
    .slice(0, 32);

async function requested(live: EcsLive, name: string, o: DomainOptions): Promise<CertificateDetail | undefined> {
  const found = await ourCertificate(live, name);
  if (found) return found;
  if (o.dryRun) {
    o.ui.info(
      `Would send acm:RequestCertificate for ${name} (DNS validation, tagged with this app's id) in ${live.region}.`,
    );
    return undefined;
  }
  const arn = await live.clients.acm.requestCertificate(name, toolTags(live.config), tokenOf(live, name));
  o.ui.info(`Requested an ACM certificate for ${name} in ${live.region} (${arn}).`);
  o.accepted();
  // ACM fills in the validation record a few seconds after the request.
  return poll({
    read: async () => live.clients.acm.describeCertificate(arn),
    settled: (c) => !c || validationRecords(c).length > 0 || c.Status !== 'PENDING_VALIDATION',
    status: (c) => c?.Status ?? 'gone',
    label: `Waiting for ACM to name the validation record for ${name}`,
    ui: o.ui,
    timing: { pollMs: Math.min(live.timing.pollMs, 2_000), timeoutMs: Math.min(live.timing.timeoutMs, 60_000) },
    signal: live.signal,
    timedOut: () =>
      new DeployError(`ACM has not named the validation record for ${name} yet; run domain status in a minute.`, 1),
  });
}

async function waitIssued(live: EcsLive, cert: CertificateDetail, ui: Ui): Promise<CertificateDetail> {
  const arn = cert.CertificateArn!;
  const done = await poll({
    read: async () => live.clients.acm.describeCertificate(arn),
    settled: (c) => c?.Status !== 'PENDING_VALIDATION',
    status: (c) => c?.Status ?? 'gone',
    label: `Waiting for ACM to issue the certificate for ${cert.DomainName} (Ctrl-C stops waiting; domain status picks it up)`,
    ui,
    timing: live.timing,
    signal: live.signal,
    timedOut: (c) => Promise.resolve(new WaitTimedOut(c?.Status ?? 'gone')),
  }).catch((error) => {
    if (!(error instanceof WaitTimedOut)) throw error;
    ui.info(`Stopped waiting after ${elapsed(live.timing.timeoutMs)}: the certificate is still ${error.message}.`);
    return cert;
  });
  return done ?? cert;
}

class WaitTimedOut extends Error {}

export const ecsDomains: Domains<EcsClients> = {
  // An ALB host-header value is at most 128 characters.
  maxLength: 128,
  async add(live, name, o) {
    const ingress = await ingressOf(live);
    if (!ingress)
      throw new DeployError(
        `${live.config.service.name} is not deployed in ${live.region} (or ECS reports no load balancer for it yet): deploy it first.`,
        1,
      );
    await ownRule(live, ingress);
    let cert = await requested(live, name, o);
    if (cert && !o.dryRun) o.accepted();
    if (cert?.Status === 'PENDING_VALIDATION' && o.wait && o.ui.interactive) {
      o.ui.info(viewText(viewOf(name, cert, await placementOf(live, name, cert))));
      cert = await waitIssued(live, cert, o.ui);
    }
    if (cert?.Status === 'ISSUED') await attach(live, name, cert, o.ui, o.dryRun);
    const view = viewOf(name, cert, await placementOf(live, name, cert));
    return { ...view, notes: [...view.notes, SHARED_NOTE] };
  },
  async status(live, name, o) {
    const cert = await ourCertificate(live, name);
    if (!cert) return undefined;
    if (o && cert.Status === 'ISSUED') await attach(live, name, cert, o.ui, o.dryRun);
    return viewOf(name, cert, await placementOf(live, name, cert));
  },
  remove: (live, name, o) => removeDomain(live, name, o),
};

/** The records a person creates, as lines (printed before a wait, so they can start on them). */
export const viewText = (v: DomainView) =>
  [
    `${v.name}: ${v.state}. Create these DNS records where the domain is hosted:`,
    ...v.records.map((r) => `  ${r.name}  ${r.type}  ${r.value}`),
  ].join('\n');

async function removeDomain(live: EcsLive, name: string, o: { ui: Ui; dryRun: boolean }): Promise<'removed' | 'gone'> {
  const cert = await ourCertificate(live, name);
  const ingress = await ingressOf(live);
  const { elbv2 } = live.clients;
  const say = (what: string) => o.ui.info(o.dryRun ? `Would send ${what}.` : `Sent ${what}.`);
  let changed = false;
  if (ingress) {
    const rule = await elbv2.rule(ingress.ruleArn);
    const hosts = hostsOf(rule);
    if (rule && hosts.includes(name)) {
      await ownRule(live, ingress);
      say(
        `elasticloadbalancing:ModifyRule: host-header ${hosts.filter((h) => h !== name).join(', ')} on this service's rule`,
      );
      if (!o.dryRun)
        await elbv2.setRuleConditions(
          ingress.ruleArn,
          withHosts(
            rule,
            hosts.filter((h) => h !== name),
          ),
        );
      changed = true;
    }
    const certs = await elbv2.listenerCertificates(ingress.listenerArn);
    const ours = certs.find((c) => c.arn === cert?.CertificateArn && !c.isDefault);
    if (ours) {
      say(`elasticloadbalancing:RemoveListenerCertificates (${ours.arn}) from the shared HTTPS listener`);
      if (!o.dryRun) await elbv2.removeListenerCertificate(ingress.listenerArn, ours.arn);
      changed = true;
    }
  }
  if (changed) o.ui.info(SHARED_NOTE);
  if (!cert) return changed ? 'removed' : 'gone';
  return (await deleteIfUnused(live, cert, o, say)) || changed ? 'removed' : 'gone';
}

/** Deletes this app's certificate unless something still serves it (ACM lists it as in use, or refuses). */
async function deleteIfUnused(
  live: EcsLive,
  cert: CertificateDetail,
  o: { ui: Ui; dryRun: boolean },
  say: (what: string) => void,
): Promise<boolean> {
  const arn = cert.CertificateArn!;
  const inUse = o.dryRun ? [] : ((await live.clients.acm.describeCertificate(arn))?.InUseBy ?? []);
  if (inUse.length) {
    o.ui.info(`Kept the certificate ${arn}: ACM says it is still in use by ${inUse.join(', ')}.`);
    return false;
  }
  say(`acm:DeleteCertificate (${arn}, this app's)`);
  if (o.dryRun) return true;
  const outcome = await live.clients.acm.deleteCertificate(arn);
  if (outcome === 'in-use') o.ui.info(`Kept the certificate ${arn}: ACM refused to delete it while it is in use.`);
  return outcome === 'deleted';
}
