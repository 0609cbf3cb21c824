// "Discover": what a Tickera key covers, before anything is saved. A single-event key
// names its event (and start) in event_essentials; a multi-event or category key only
// says "Multiple Events", so its events are read from the tickets themselves (every
// tickets_info page, grouped by each ticket's "Event" field). An event with no ticket
// sold yet is therefore not seen. Also reads the site's zone (/wp-json/) and says when
// it cannot, and which of the events the organiser already imports from this site.
import type { DiscoverTickeraRequest, DiscoveredEvent, TickeraDiscovery } from '../../shared/protocol/tickera-import.ts';
import type { AppDeps } from '../app-env.ts';
import type { SignedInUser } from '../auth/require-role.ts';
import { listEvents } from '../db/repos/events.ts';
import { createTickeraClient, normaliseSiteUrl } from './client.ts';
import { tickeraAppError } from './connect.ts';
import { readTickeraDate, type SiteZone } from './dates.ts';
import { eventsOfRecords } from './event-scope.ts';
import { readSiteZone, siteWallTimes } from './site-zone.ts';
import { assertPublicSiteUrl } from './site-url-guard.ts';
import { fetchAllTickets } from './sync-fetch.ts';
import { issueDiscoveryToken, readDiscoveryToken } from './discovery-token.ts';
import { syncSettings } from './sync.ts';
import { TickeraError } from './tickera-error.ts';

export interface Discovery extends TickeraDiscovery {
  /** The zone the times were read in (site's, or the organiser's choice). */
  zone: SiteZone;
}

export interface DiscoverOptions {
  /** The organiser's zone, overriding /wp-json/. */
  chosenZone?: string;
  /** From an earlier discover: its events are trusted instead of paging the key again. */
  token?: string;
}

export async function discoverTickera(deps: AppDeps, user: SignedInUser, req: DiscoverTickeraRequest, o: DiscoverOptions = {}): Promise<Discovery> {
  const { chosenZone } = o;
  const secret = deps.config.secrets.ENCRYPTION_KEY;
  const siteUrl = normaliseSiteUrl(req.site_url);
  await assertPublicSiteUrl(siteUrl, deps.config.tickeraAllowPrivate);
  const s = syncSettings(deps);
  const client = createTickeraClient({
    siteUrl,
    apiKey: req.api_key,
    logger: deps.logger,
    timeoutMs: s.timeoutMs,
    attempts: s.attempts,
    backoffMs: s.backoffMs,
  });
  try {
    await client.checkCredentials();
    const essentials = await client.eventEssentials({ multiple: true });
    const site = await readSiteZone(siteUrl);
    const zone: SiteZone = chosenZone ? { iana: chosenZone } : site.zone;
    const multi = essentials.event_name === 'Multiple Events';
    let found: Array<Omit<DiscoveredEvent, 'imported_event_id'>>;
    const vouched = multi && o.token ? readDiscoveryToken(secret, o.token, siteUrl, req.api_key, deps.clock.now()) : undefined;
    let token: string | null = null;
    if (multi) {
      const events = vouched
        ? vouched.events
        : eventsOfRecords(
            (await fetchAllTickets(client, { perPage: s.perPage, concurrency: s.concurrency, expected: essentials.sold_tickets })).records.values(),
          );
      token = issueDiscoveryToken(secret, siteUrl, req.api_key, { events }, deps.clock.now());
      found = events.map((e) => ({ ...e, site_start: null, site_wall_times: [], starts_at: null }));
    } else {
      const reading = readTickeraDate(essentials.event_date_time, zone);
      found = [
        {
          title: essentials.event_name,
          tickets: essentials.sold_tickets,
          site_start: essentials.event_date_time,
          site_wall_times: siteWallTimes(essentials.event_date_time),
          starts_at: reading.kind === 'exact' ? reading.at.toISOString() : null,
        },
      ];
    }
    const mine = (await listEvents(deps.database.db, { userId: user.role === 'admin' ? undefined : user.id, includeArchived: false })).filter(
      (e) => e.tickeraSiteUrl === siteUrl && e.tickeraApiKeyEnc,
    );
    const importedAs = (title: string) =>
      mine.find((e) => (multi ? e.tickeraEventTitle === title : e.tickeraEventTitle === null || e.tickeraEventTitle === title))?.id ?? null;
    deps.logger.info({ siteUrl, multi, events: found.length, fromToken: !!vouched, timezoneKnown: site.unknownBecause === null }, 'tickera key discovered');
    return {
      site_url: siteUrl,
      multi_event: multi,
      sold_tickets: essentials.sold_tickets,
      timezone: zone.iana ?? null,
      timezone_known: !!chosenZone || site.unknownBecause === null,
      timezone_note: chosenZone ? null : site.unknownBecause,
      events: found.map((e) => ({ ...e, imported_event_id: importedAs(e.title) })),
      discovery_token: token,
      zone,
    };
  } catch (err) {
    if (err instanceof TickeraError) throw tickeraAppError(err);
    throw err;
  }
}
