// Whether the domain's DNS already points at the service: one CNAME lookup through the system's
// resolver settings, bounded (1.5 s, one try), so status never hangs on a resolver that does not answer.
// Only a CNAME can be checked from here: a Route 53 alias answers as A/AAAA records, said as such.
import { Resolver } from 'node:dns/promises';

export async function dnsState(name: string, target: string | undefined): Promise<string> {
  const resolver = new Resolver({ timeout: 1_500, tries: 1 });
  const bare = (s: string) => s.toLowerCase().replace(/\.$/, '');
  try {
    const names = (await resolver.resolveCname(name)).map(bare);
    if (target && names.includes(bare(target))) return 'the CNAME points at the service';
    return `the CNAME points at ${names.join(', ')}${target ? `, not ${target}` : ''}`;
  } catch (error) {
    const code = (error as { code?: string }).code ?? 'error';
    if (code === 'ENODATA' || code === 'ENOTFOUND')
      return 'no CNAME record found yet (a Route 53 alias answers as an A record, which this does not check)';
    return `not checked (the DNS lookup failed: ${code})`;
  }
}
