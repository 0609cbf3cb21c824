// The site's time zone from WordPress's public REST index (/wp-json/, WP ≥ 4.7.4), with the
// reason in words when it cannot be read: security plugins answer 403, sites with the
// REST API turned off 404, and some send their home page (HTML) instead.
import { isValidIanaZone, readTickeraDate, type SiteZone } from './dates.ts';
import { wpIndexSchema } from './parse.ts';

export interface SiteZoneReading {
  zone: SiteZone;
  /** Null when the zone is known; else why not, for the organiser. */
  unknownBecause: string | null;
}

const blocked = (what: string) => `the site's /wp-json/ ${what}, so its time zone cannot be read: choose the zone the WordPress site is set to`;

export async function readSiteZone(siteUrl: string, timeoutMs = 20_000): Promise<SiteZoneReading> {
  let res: Response;
  try {
    res = await fetch(`${siteUrl}/wp-json/`, { headers: { accept: 'application/json' }, signal: AbortSignal.timeout(timeoutMs) });
  } catch {
    return { zone: {}, unknownBecause: blocked('did not answer') };
  }
  const body = await res.text().catch(() => '');
  if (res.status === 401 || res.status === 403) return { zone: {}, unknownBecause: blocked(`is blocked (HTTP ${res.status}, often a security plugin)`) };
  if (res.status === 404) return { zone: {}, unknownBecause: blocked('is turned off (HTTP 404)') };
  if (!res.ok) return { zone: {}, unknownBecause: blocked(`answered HTTP ${res.status}`) };
  if (/^\s*</.test(body)) return { zone: {}, unknownBecause: blocked('answered with an HTML page instead of JSON') };
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return { zone: {}, unknownBecause: blocked('did not answer JSON') };
  }
  const parsed = wpIndexSchema.safeParse(json);
  if (!parsed.success) return { zone: {}, unknownBecause: blocked('does not look like a WordPress REST index') };
  const iana = parsed.data.timezone_string?.trim();
  const zone: SiteZone = { iana: iana && isValidIanaZone(iana) ? iana : undefined, offsetHours: parsed.data.gmt_offset };
  if (!zone.iana && zone.offsetHours === undefined) return { zone: {}, unknownBecause: blocked('names no time zone') };
  return { zone, unknownBecause: null };
}

/** Tickera's start text as wall-clock readings `YYYY-MM-DDTHH:mm` on the site's clock (two when day/month is ambiguous). */
export function siteWallTimes(text: string): string[] {
  const reading = readTickeraDate(text, { offsetHours: 0 });
  const instants = reading.kind === 'exact' ? [reading.at] : reading.candidates;
  return instants.map((d) => d.toISOString().slice(0, 16));
}
