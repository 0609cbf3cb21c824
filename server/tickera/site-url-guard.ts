// A Tickera site_url must be a public address: the server fetches it, so a loopback,
// private, link-local or cloud-metadata address would let an organiser make the server
// reach inside its own network. Checked after DNS resolution, unless
// TICKERA_ALLOW_PRIVATE=true (a Tickera site on the same LAN, or the simulator in tests).
import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';
import { AppError } from '../http/app-error.ts';

const notPublic = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 3],
] as const) {
  notPublic.addSubnet(net, prefix, 'ipv4');
}
for (const [net, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const) {
  notPublic.addSubnet(net, prefix, 'ipv6');
}

/** True for loopback, private, link-local, metadata and other non-public addresses. */
export function isNonPublicAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
  if (mapped) return notPublic.check(mapped, 'ipv4');
  const family = isIP(address);
  if (family === 0) return true;
  return notPublic.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

/**
 * Refuses a site_url whose host is or resolves to a non-public address (422 naming
 * site_url). A host that does not resolve is left to the connection attempt to report.
 */
export async function assertPublicSiteUrl(siteUrl: string, allowPrivate: boolean): Promise<void> {
  if (allowPrivate) return;
  const host = new URL(siteUrl).hostname.replace(/^\[|\]$/g, '');
  let addresses: { address: string }[];
  try {
    addresses = await lookup(host, { all: true, verbatim: true });
  } catch {
    return;
  }
  const blocked = addresses.find((a) => isNonPublicAddress(a.address));
  if (!blocked) return;
  const message = `${host} is a private, loopback or link-local address (${blocked.address}); set TICKERA_ALLOW_PRIVATE=true to allow it`;
  throw new AppError('validation_failed', 422, `Invalid body: site_url: ${message}`, {
    issues: [{ path: 'site_url', message }],
  });
}
