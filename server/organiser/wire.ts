// Rows → the snake_case shapes of shared/protocol. Secrets (password hashes, credential
// hashes, Tickera keys) are never copied across.
import type { ConsoleUser } from '../../shared/protocol/console-auth.ts';
import type { CredentialDto } from '../../shared/protocol/credentials.ts';
import type { EntranceDto } from '../../shared/protocol/entrances.ts';
import type { EventDto } from '../../shared/protocol/events.ts';
import type { MobileEvent } from '../../shared/protocol/login.ts';
import type { TicketTypeDto } from '../../shared/protocol/ticket-types.ts';
import type { CredentialRow } from '../db/repos/credentials.ts';
import type { EntranceRow } from '../db/repos/entrances.ts';
import type { EventRow } from '../db/repos/events.ts';
import type { TicketTypeRow } from '../db/repos/ticket-types.ts';
import type { UserRow } from '../db/repos/users.ts';

export function iso(d: Date): string;
export function iso(d: Date | null): string | null;
export function iso(d: Date | null): string | null {
  return d ? d.toISOString() : null;
}

/** An ISO string from a request → Date (null stays null, undefined stays undefined). */
export function toDate(s: string | null): Date | null;
export function toDate(s: string | null | undefined): Date | null | undefined;
export function toDate(s: string | null | undefined): Date | null | undefined {
  return s == null ? s : new Date(s);
}

export const userDto = (u: UserRow): ConsoleUser => ({
  id: u.id,
  email: u.email,
  name: u.name,
  role: u.role,
  disabled_at: iso(u.disabledAt),
  created_at: iso(u.createdAt),
});

/** What a phone is told of its event (a part of what the console sees). */
export const mobileEventDto = (e: EventRow): MobileEvent => ({
  id: e.id,
  name: e.name,
  location: e.location,
  timezone: e.timezone,
  starts_at: iso(e.startsAt),
  ends_at: iso(e.endsAt),
  reentry_allowed: e.reentryAllowed,
  ticket_code_exact_case: e.ticketCodeExactCase,
  doors_open_minutes_before: e.doorsOpenMinutesBefore,
  rehearsal: e.rehearsal,
});

export const eventDto = (e: EventRow): EventDto => ({
  ...mobileEventDto(e),
  source: e.source,
  owner_id: e.ownerId,
  archived_at: iso(e.archivedAt),
  tickera_site_url: e.tickeraSiteUrl,
  tickera_connected: Boolean(e.tickeraApiKeyEnc),
  end_confirmed: e.endConfirmed,
  last_synced_at: iso(e.lastSyncedAt),
  created_at: iso(e.createdAt),
  updated_at: iso(e.updatedAt),
});

export const ticketTypeDto = (t: TicketTypeRow): TicketTypeDto => ({
  id: t.id,
  event_id: t.eventId,
  name: t.name,
  external_id: t.externalId,
  checkins_allowed: t.checkinsAllowed,
  created_at: iso(t.createdAt),
  updated_at: iso(t.updatedAt),
});

export const entranceDto = (e: EntranceRow): EntranceDto => ({
  id: e.id,
  event_id: e.eventId,
  name: e.name,
  allowed_ticket_type_ids: e.allowedTicketTypeIds,
  opens_at: iso(e.opensAt),
  closes_at: iso(e.closesAt),
  created_at: iso(e.createdAt),
  updated_at: iso(e.updatedAt),
});

export const credentialDto = (r: CredentialRow): CredentialDto => ({
  id: r.id,
  event_id: r.eventId,
  label: r.label,
  role: r.role,
  entrance_id: r.entranceId,
  last_used_at: iso(r.lastUsedAt),
  expires_at: iso(r.expiresAt),
  revoked_at: iso(r.revokedAt),
  created_at: iso(r.createdAt),
});
