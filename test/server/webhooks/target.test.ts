import { describe, expect, it } from 'vitest';
import { checkTarget, refusedAddress, resolveWithDns } from '../../../server/webhooks/target.ts';

/** The SSRF guard: which webhook URLs are refused, by address or by what a name resolves to. */

const fakeDns: Record<string, string[]> = {
  'hooks.example.com': ['93.184.215.14', '2606:2800:21f:cb07:6820:80da:af6b:8b2c'],
  'sneaky.example.com': ['93.184.215.14', '10.0.0.7'],
  'metadata.example.com': ['169.254.169.254'],
  'six.example.com': ['fd12:3456::1'],
};
const resolve = async (host: string) => {
  const addresses = fakeDns[host];
  if (!addresses) throw new Error(`getaddrinfo ENOTFOUND ${host}`);
  return addresses;
};

describe('refusedAddress', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.8.9.10', 'loopback'],
    ['10.1.2.3', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.1.1', 'private'],
    ['169.254.169.254', 'link-local'],
    ['0.0.0.0', 'unspecified'],
    ['100.64.0.1', 'carrier-grade NAT'],
    ['224.0.0.1', 'multicast'],
    ['::1', 'loopback'],
    ['::', 'unspecified'],
    ['fc00::1', 'unique local'],
    ['fd00:abcd::1', 'unique local'],
    ['fe80::1', 'link-local'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:10.0.0.1', 'private'],
  ])('refuses %s (%s)', (address, kind) => {
    expect(refusedAddress(address)).toContain(kind);
  });

  it.each([
    '93.184.215.14',
    '8.8.8.8',
    '172.32.0.1',
    '172.15.255.255',
    '192.169.0.1',
    '2606:2800:21f:cb07:6820:80da:af6b:8b2c',
  ])('allows the public address %s', (address) => {
    expect(refusedAddress(address)).toBeNull();
  });
});

describe('checkTarget', () => {
  const strict = { allowLocal: false, resolve };

  it.each([
    ['https://hooks.example.com/valueprint', true],
    ['https://93.184.215.14/in', true],
    ['http://hooks.example.com/valueprint', false],
    ['ftp://hooks.example.com/', false],
    ['https://user:pass@hooks.example.com/', false],
    ['https://127.0.0.1/in', false],
    ['https://[::1]:8443/in', false],
    ['https://[fe80::1]/in', false],
    ['https://10.0.0.5/in', false],
    ['https://sneaky.example.com/in', false],
    ['https://metadata.example.com/latest', false],
    ['https://six.example.com/', false],
    ['https://nowhere.example.com/', false],
    ['not a url', false],
  ])('%s → allowed: %s', async (url, allowed) => {
    const check = await checkTarget(url, strict);
    expect(check.ok, JSON.stringify(check)).toBe(allowed);
  });

  it('says which address a name resolved to and why it is refused', async () => {
    const check = await checkTarget('https://sneaky.example.com/in', strict);
    expect(check).toEqual({
      ok: false,
      reason: expect.stringMatching(/10\.0\.0\.7 \(sneaky\.example\.com resolves to it\).*private/),
    });
  });

  it('refuses localhost, which the real resolver answers with a loopback address', async () => {
    const check = await checkTarget('https://localhost:8443/in', {
      allowLocal: false,
      resolve: resolveWithDns,
    });
    expect(check).toEqual({ ok: false, reason: expect.stringContaining('loopback') });
  });

  it('allows local addresses and plain http with the flag, and still no other scheme', async () => {
    const local = { allowLocal: true, resolve };
    expect((await checkTarget('http://127.0.0.1:9999/in', local)).ok).toBe(true);
    expect((await checkTarget('http://localhost/in', local)).ok).toBe(true);
    expect((await checkTarget('file:///etc/passwd', local)).ok).toBe(false);
  });
});
