// Connecting an event to a Tickera site: the key is checked (check_credentials) and the
// event read (event_essentials, /wp-json/ timezone) before anything is saved; the key is
// stored encrypted only; the start is cached in UTC once it is read unambiguously or
// confirmed by the organiser, the end is the organiser's (assumed start + 6 h until they
// confirm it, see event-end.ts). When
// /wp-json/ is blocked the answer says so, and the organiser's chosen zone is used instead.
import type { ConnectTickeraRequest, TickeraConnection } from '../../shared/protocol/tickera.ts';
import type { AppDeps } from '../app-env.ts';
import { AppError } from '../http/app-error.ts';
import { createTickeraClient, normaliseSiteUrl, type TickeraClient } from './client.ts';
import { isValidIanaZone, readTickeraDate, type SiteZone } from './dates.ts';
import { readSiteZone, siteWallTimes, type SiteZoneReading } from './site-zone.ts';
import { assertPublicSiteUrl } from './site-url-guard.ts';
import { decryptApiKey, encryptApiKey } from './key-crypto.ts';
import { TickeraError } from './tickera-error.ts';
import { findTickeraEvent, saveTickeraConnection } from '../db/repos/tickera-events.ts';
import { updateEvent } from '../db/repos/events.ts';
import { tickeraEventEnd, type EventEnd } from './event-end.ts';

/** A Tickera failure as an API error naming the field the organiser should look at. */
export function tickeraAppError(err: TickeraError): AppError {
  const field = err.kind === 'key_rejected' || err.kind === 'multiple_events' ? 'api_key' : 'site_url';
  const status = err.kind === 'key_rejected' || err.kind === 'multiple_events' || err.kind === 'not_tickera' ? 422 : 502;
  return new AppError(status === 422 ? 'validation_failed' : 'upstream_error', status, err.message, {
    issues: [{ path: field, message: err.message }],
    tickera: err.kind,
  });
}

export async function connectTickera(deps: AppDeps, eventId: string, req: ConnectTickeraRequest): Promise<TickeraConnection> {
  const event = await findTickeraEvent(deps.database.db, eventId);
  if (!event) throw new AppError('not_found', 404, 'Event not found');
  const siteUrl = normaliseSiteUrl(req.site_url);
  const sameSite = event.siteUrl === siteUrl && !!event.apiKeyEnc;
  const encryptionKey = deps.config.secrets.ENCRYPTION_KEY;
  let apiKey = req.api_key;
  if (!apiKey && sameSite) {
    try {
      apiKey = decryptApiKey(event.apiKeyEnc!, encryptionKey, event.id);
    } catch {
      apiKey = undefined;
    }
  }
  if (!apiKey) {
    throw new AppError('validation_failed', 400, 'Invalid body: api_key: required to connect this site', {
      issues: [{ path: 'api_key', message: 'required to connect this site' }],
    });
  }

  await assertPublicSiteUrl(siteUrl, deps.config.tickeraAllowPrivate);
  const client = createTickeraClient({ siteUrl, apiKey, logger: deps.logger, timeoutMs: 20_000, attempts: 2 });
  let essentials: Awaited<ReturnType<TickeraClient['eventEssentials']>>;
  let site: SiteZoneReading;
  try {
    await client.checkCredentials();
    // An event imported from a multi-event key takes one event's tickets: it may keep that key.
    essentials = await client.eventEssentials({ multiple: event.eventTitle !== null });
    site = await readSiteZone(siteUrl);
  } catch (err) {
    if (err instanceof TickeraError) throw tickeraAppError(err);
    throw err;
  }
  // The organiser's choice wins: it is how a blocked /wp-json/ is made up for.
  const zone: SiteZone = req.timezone ? { iana: req.timezone } : site.zone;
  const timezoneKnown = !!req.timezone || site.unknownBecause === null;

  // A multi-event key never says when its events start: the organiser's start stays.
  const multi = essentials.event_name === 'Multiple Events';
  const reading = readTickeraDate(essentials.event_date_time, zone);
  const given = req.starts_at ? new Date(req.starts_at) : undefined;
  const startsAt = given ?? (multi ? event.startsAt : reading.kind === 'exact' ? reading.at : null);
  const startConfirmed = startsAt !== null;
  const { endsAt, endConfirmed }: EventEnd =
    multi && !given && !req.ends_at ? { endsAt: event.endsAt, endConfirmed: event.endConfirmed || req.end_confirmed === true } : tickeraEventEnd(startsAt, req);
  if (startsAt && endsAt && endsAt < startsAt) {
    throw new AppError('validation_failed', 400, 'Invalid body: ends_at: must not be before the event start', {
      issues: [{ path: 'ends_at', message: 'must not be before the event start' }],
    });
  }
  const timezone = zone.iana && isValidIanaZone(zone.iana) ? zone.iana : undefined;
  const writeback = req.writeback ?? event.writeback;
  await saveTickeraConnection(deps.database.db, event.id, {
    siteUrl,
    apiKeyEnc: encryptApiKey(apiKey, encryptionKey, event.id),
    startsAt,
    endsAt,
    startConfirmed,
    endConfirmed,
    timezone,
    location: event.location || multi ? undefined : essentials.event_location || undefined,
    writeback,
  });
  // A key for one event: every ticket it serves is this event's.
  if (!multi && event.eventTitle !== null) await updateEvent(deps.database.db, event.id, { tickeraEventTitle: null });
  deps.logger.info({ eventId, siteUrl, startConfirmed, endConfirmed, writeback, timezoneKnown }, 'event connected to Tickera');
  return {
    event_id: event.id,
    site_url: siteUrl,
    tickera_event_name: multi ? (event.eventTitle ?? essentials.event_name) : essentials.event_name,
    sold_tickets: essentials.sold_tickets,
    starts_at: startsAt?.toISOString() ?? null,
    ends_at: endsAt?.toISOString() ?? null,
    timezone: timezone ?? event.timezone,
    start_confirmed: startConfirmed,
    end_confirmed: endConfirmed,
    start_note: given || multi || reading.kind === 'exact' ? null : reading.reason,
    start_candidates: !multi && reading.kind === 'needs_confirmation' ? reading.candidates.map((d) => d.toISOString()) : [],
    writeback,
    timezone_known: timezoneKnown,
    timezone_note: timezoneKnown ? null : site.unknownBecause,
    site_start: essentials.event_date_time,
    site_wall_times: siteWallTimes(essentials.event_date_time),
  };
}
