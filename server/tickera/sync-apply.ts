// Turns a complete set of fetched Tickera records into attendee rows and applies them
// in ONE transaction (ticket types, upserts in batches, revocations, last_synced_at and
// the run's outcome), so a failure anywhere leaves the previous data exactly as it was.
import type { Database } from '../db/client.ts';
import { finishSync, type SyncOutcome } from '../db/repos/sync-runs.ts';
import { deliveredWritebacks, countValidAttendees, revokeMissingAttendees, ticketTypeAllowances } from '../db/repos/tickera-attendees.ts';
import { upsertAttendees, type SyncedAttendee } from '../db/repos/attendees.ts';
import { upsertTicketTypes } from '../db/repos/ticket-types.ts';
import { recordDetails, type TicketRecord } from './parse.ts';
import { markEventSynced } from '../db/repos/tickera-events.ts';

/** Tickera's allowed_checkins value for "unlimited". */
export const TICKERA_UNLIMITED = 99999;

/**
 * THE ALLOWANCE RULE. Tickera reports check-ins *remaining* (R), never the configured
 * total, and FastCheck counts its own check-ins in attendees.checkins_used (untouched here).
 *  - R = 99999: unlimited → checkins_allowed 0 (our "unlimited"), external_checkins 0.
 *  - Otherwise the type's total C is the largest R seen for that type (a fresh ticket shows
 *    its full allowance), never below what we stored before for the type, and at least 1.
 *  - Tickera has recorded C − R passes. Those our write-back delivered (D, outbox rows
 *    `done`) are already in checkins_used, so external_checkins = max(0, C − R − D).
 * The door then admits while checkins_used + external_checkins < checkins_allowed, and a
 * FastCheck check-in is never lost: it is counted once, whether or not it reached Tickera.
 */
export function typeAllowances(records: Iterable<TicketRecord>, previous: Map<string, number>): Map<string, number> {
  const maxRemaining = new Map<string, number>();
  for (const r of records) {
    const type = recordDetails(r).ticketType;
    maxRemaining.set(type, Math.max(maxRemaining.get(type) ?? 0, Math.min(r.allowed_checkins, TICKERA_UNLIMITED)));
  }
  const out = new Map<string, number>();
  for (const [type, max] of maxRemaining) {
    out.set(type, max >= TICKERA_UNLIMITED ? 0 : Math.max(1, max, previous.get(type) ?? 0));
  }
  return out;
}

export function attendeeAllowance(remaining: number, typeAllowed: number, delivered: number): { checkins_allowed: number; external_checkins: number } {
  if (remaining >= TICKERA_UNLIMITED || typeAllowed === 0) return { checkins_allowed: 0, external_checkins: 0 };
  const allowed = Math.max(typeAllowed, remaining);
  return { checkins_allowed: allowed, external_checkins: Math.max(0, allowed - remaining - delivered) };
}

/** At least this many revocations, and over half of the valid tickets, need confirming. */
export const MASS_REVOCATION_MIN = 20;

/**
 * A run that would revoke most of an event's valid tickets is more likely a rescoped API
 * key, a plugin change or a half-broken site than mass refunds: refuse it, with the
 * numbers, until the organiser confirms. Returns the refusal, or undefined when fine.
 */
export function massRevocation(revoked: number, validBefore: number, received: number): string | undefined {
  if (revoked < MASS_REVOCATION_MIN || revoked * 2 <= validBefore) return undefined;
  return (
    `Tickera returned ${received} tickets, so ${revoked} of the ${validBefore} valid tickets here would be revoked: ` +
    'nothing was changed. Check the API key and the event in Tickera; if those tickets were really cancelled, ' +
    'sync again and confirm the revocations'
  );
}

/** A run refused by massRevocation: its message is for the organiser as it stands. */
export class MassRevocationRefused extends Error {
  override name = 'MassRevocationRefused';
}

export interface ApplyInput {
  eventId: string;
  runId: string;
  records: Map<string, TicketRecord>;
  batchSize: number;
  now: () => Date;
  /** The organiser confirmed that a large share of tickets really vanished (see massRevocation). */
  confirmRevocations?: boolean;
  /** Completes the outcome (time split, counts) at the last moment, inside the transaction. */
  outcome: (counts: { inserted: number; updated: number; revoked: number }) => SyncOutcome;
}

export async function applySync(database: Database, input: ApplyInput): Promise<{ inserted: number; updated: number; revoked: number }> {
  return database.db.transaction(async (tx) => {
    const validBefore = await countValidAttendees(tx, input.eventId);
    const allowances = typeAllowances(input.records.values(), await ticketTypeAllowances(tx, input.eventId));
    const { byName: types } = await upsertTicketTypes(tx, input.eventId, {
      source: 'tickera',
      types: [...allowances].map(([name, checkinsAllowed]) => ({ name, checkinsAllowed })),
    });
    const delivered = await deliveredWritebacks(tx, input.eventId);
    const rows: SyncedAttendee[] = [];
    for (const r of input.records.values()) {
      const { ticketType, email } = recordDetails(r);
      rows.push({
        ticket_code: r.checksum,
        first_name: r.buyer_first,
        last_name: r.buyer_last,
        email,
        ticket_type_id: types.get(ticketType)!.id,
        ...attendeeAllowance(r.allowed_checkins, allowances.get(ticketType)!, delivered.get(r.checksum) ?? 0),
      });
    }
    let inserted = 0;
    let updated = 0;
    for (let i = 0; i < rows.length; i += input.batchSize) {
      const n = await upsertAttendees(tx, input.eventId, { source: 'tickera', rows: rows.slice(i, i + input.batchSize) });
      inserted += n.inserted;
      updated += n.updated;
    }
    const revoked = await revokeMissingAttendees(tx, input.eventId, [...input.records.keys()]);
    // Throwing here rolls the whole run back: the door keeps yesterday's list.
    const refusal = input.confirmRevocations ? undefined : massRevocation(revoked, validBefore, input.records.size);
    if (refusal) throw new MassRevocationRefused(refusal);
    const counts = { inserted, updated, revoked };
    await markEventSynced(tx, input.eventId, input.now());
    await finishSync(tx, input.runId, input.outcome(counts));
    return counts;
  });
}
