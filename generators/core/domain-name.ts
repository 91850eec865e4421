// The name `domain add` takes: a host name a person owns, checked before anything is sent, with one
// sentence per way it can be wrong. DNS allows 253 characters in all and 63 a label (RFC 1035 §2.3.4);
// ACM and both platforms take letters, digits and hyphens, no label starting or ending with a hyphen;
// a host-header value on an Application Load Balancer is at most 128 characters (each platform passes
// its own limit). Wildcards (*.example.com) are refused: neither platform's flow here serves one.
// https://docs.aws.amazon.com/acm/latest/APIReference/API_RequestCertificate.html
// https://docs.aws.amazon.com/elasticloadbalancing/latest/application/rule-condition-types.html#host-conditions
import { quoteValue } from './terminal.js';
import { controlCharacter } from './validate.js';

const LABEL = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;

/** What is wrong with `name` as a custom domain, or undefined. `maxLength`: the platform's own limit. */
export function domainNameProblem(name: string, { maxLength = 253 }: { maxLength?: number } = {}): string | undefined {
  const shown = quoteValue(name);
  const example = 'e.g. api.example.com';
  const control = controlCharacter(name);
  if (control) return `The domain name ${shown} contains ${control}. Type the name on one line, ${example}.`;
  if (name === '') return `domain add needs a domain name you own, ${example}.`;
  if (name !== name.trim()) return `The domain name ${shown} has spaces around it. Give the name alone, ${example}.`;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(name) || name.includes('/'))
    return `${shown} is a URL, not a domain name. Give the host name alone (no https:// and no path), ${example}.`;
  if (name !== name.toLowerCase())
    return `The domain name ${shown} has capital letters. DNS names are written in lower case here: ${quoteValue(name.toLowerCase())}.`;
  if (name.includes('*'))
    return `${shown} is a wildcard. domain add serves one host name; add each name you need (api.example.com), one at a time.`;
  if (name.endsWith('.'))
    return `The domain name ${shown} ends with a dot. Leave it out: ${quoteValue(name.replace(/\.+$/, ''))}.`;
  if (name.length > maxLength)
    return `The domain name ${shown} is ${name.length} characters long; at most ${maxLength} can be served here.`;
  const labels = name.split('.');
  if (labels.length < 2) return `${shown} is not a full domain name. Give the whole name, ${example}.`;
  const long = labels.find((l) => l.length > 63);
  if (long)
    return `The label ${quoteValue(long)} of ${shown} is ${long.length} characters long; a DNS label has at most 63.`;
  const bad = labels.find((l) => !LABEL.test(l));
  if (bad !== undefined)
    return (
      `The label ${quoteValue(bad)} of ${shown} is not one DNS takes: letters a-z, digits and "-", ` +
      `not starting or ending with "-"${bad === '' ? ', and no empty label (two dots in a row)' : ''}.`
    );
  if (/^\d+$/.test(labels.at(-1)!)) return `${shown} looks like an IP address; a custom domain is a name, ${example}.`;
  if (/(^|\.)(awsapprunner\.com|on\.aws|amazonaws\.com)$/.test(name))
    return `${shown} is an AWS address, not a domain of yours: the service already answers there. Give a domain you own.`;
  return undefined;
}
