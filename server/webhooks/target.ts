import { lookup as dnsLookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';

/**
 * Where webhooks may go (SSRF guard): https only, and never to this machine or a private network —
 * neither by address nor by a name that resolves to one. Checked when an endpoint is registered
 * and again before every delivery, since what a name resolves to can change. Development and
 * tests turn the guard off (VALUEPRINT_ALLOW_LOCAL_WEBHOOKS=1), which also allows plain http.
 */

/** Resolves a host name to every address it has (node:dns `lookup`, or a fake in tests). */
export type ResolveHost = (hostname: string) => Promise<string[]>;

export const resolveWithDns: ResolveHost = async (hostname) =>
  (await dnsLookup(hostname, { all: true, verbatim: true })).map((entry) => entry.address);

export type TargetCheck = { ok: true; url: URL } | { ok: false; reason: string };

const REFUSED_RANGES: ReadonlyArray<readonly [cidr: string, kind: string]> = [
  ['0.0.0.0/8', 'unspecified ("this network")'],
  ['10.0.0.0/8', 'private'],
  ['100.64.0.0/10', 'shared (carrier-grade NAT)'],
  ['127.0.0.0/8', 'loopback'],
  ['169.254.0.0/16', 'link-local'],
  ['172.16.0.0/12', 'private'],
  ['192.0.0.0/24', 'IETF protocol assignments'],
  ['192.168.0.0/16', 'private'],
  ['198.18.0.0/15', 'benchmarking'],
  ['224.0.0.0/4', 'multicast'],
  ['240.0.0.0/4', 'reserved'],
  ['::/128', 'unspecified'],
  ['::1/128', 'loopback'],
  ['fc00::/7', 'private (unique local)'],
  ['fe80::/10', 'link-local'],
  ['ff00::/8', 'multicast'],
];

const blocks = REFUSED_RANGES.map(([cidr, kind]) => {
  const [network = '', prefix = ''] = cidr.split('/');
  const family = isIP(network) === 6 ? 'ipv6' : 'ipv4';
  const list = new BlockList();
  list.addSubnet(network, Number(prefix), family);
  return { cidr, kind, family, list } as const;
});

/** Why deliveries may not go to this IP address ("loopback (127.0.0.0/8)"), or null if they may. */
export function refusedAddress(address: string): string | null {
  const family = isIP(address);
  if (family === 0) return 'not an IP address';
  // An IPv4 address written as IPv6 (::ffff:127.0.0.1) is the IPv4 address.
  const mapped = family === 6 ? /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1] : undefined;
  const plain = mapped ?? address;
  const kind = isIP(plain) === 6 ? 'ipv6' : 'ipv4';
  const hit = blocks.find((block) => block.family === kind && block.list.check(plain, kind));
  return hit ? `${hit.kind} (${hit.cidr})` : null;
}

/** Whether deliveries may go to `text`; with `allowLocal`, any http(s) URL may be used. */
export async function checkTarget(
  text: string,
  options: { allowLocal: boolean; resolve: ResolveHost },
): Promise<TargetCheck> {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { ok: false, reason: `"${text}" is not an absolute URL` };
  }
  if (url.username !== '' || url.password !== '') {
    return { ok: false, reason: 'the URL must not carry a user name or password' };
  }
  const allowed = options.allowLocal ? ['https:', 'http:'] : ['https:'];
  if (!allowed.includes(url.protocol)) {
    const hint = options.allowLocal
      ? ''
      : ' (plain http only with VALUEPRINT_ALLOW_LOCAL_WEBHOOKS=1)';
    return { ok: false, reason: `webhook URLs must be https, not ${url.protocol}${hint}` };
  }
  if (options.allowLocal) return { ok: true, url };
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  let addresses: string[];
  if (isIP(host) !== 0) addresses = [host];
  else {
    try {
      addresses = await options.resolve(host);
    } catch (error) {
      return { ok: false, reason: `${host} does not resolve (${(error as Error).message})` };
    }
    if (addresses.length === 0) return { ok: false, reason: `${host} does not resolve` };
  }
  for (const address of addresses) {
    const refused = refusedAddress(address);
    if (refused) {
      const via = address === host ? '' : ` (${host} resolves to it)`;
      return {
        ok: false,
        reason: `${address}${via} is refused: ${refused}; webhooks go to public addresses only`,
      };
    }
  }
  return { ok: true, url };
}
