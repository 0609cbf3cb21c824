// Attendee import: validated rows → one transaction, written chunk by chunk while the file is
// still being read (COPY into a staging table, one merge per chunk), all or nothing. Ticket
// type names match the event's types whatever their case and spacing ("vip pass" is "VIP
// Pass"); a name new to the event creates a type spelt as the file first spells it. The
// counts say what changed. In an event that matches ticket codes without case, an import that would hold two codes differing only by
// case (in the file, or against the stored list) is refused, naming them: a door could admit
// neither by typing it (shared/ticket-code.ts pickTicket matches only the identical code then).
import type { ImportResult } from '../../shared/protocol/attendees-import.ts';
import type { Database } from '../db/client.ts';
import { appendAudit } from '../db/repos/admin-audit.ts';
import { ticketTypeKey } from '../../shared/protocol/import-columns.ts';
import { caseCollisions } from '../../shared/ticket-code.ts';
import { importedAttendeesWriter, type AttendeeChunkWriter } from '../db/repos/attendee-staging.ts';
import { caseClashingCodes, hasAttendees, type AttendeeUpsert } from '../db/repos/attendees.ts';
import { listTicketTypes, upsertTicketTypes, type TicketTypeRow } from '../db/repos/ticket-types.ts';
import type { DbOrTx } from '../db/client.ts';
import { AppError } from '../http/app-error.ts';
import type { ReadRows, ValidRow } from './import-rows.ts';

const SHOWN_CLASHES = 5;

function caseClashError(clashes: string[][]): AppError {
  const shown = clashes
    .slice(0, SHOWN_CLASHES)
    .map((g) => g.join(' and '))
    .join('; ');
  const more = clashes.length > SHOWN_CLASHES ? ` (and more)` : '';
  return new AppError(
    'validation_failed',
    400,
    `Ticket codes that differ only by case: ${shown}${more}. This event matches codes whatever their case, so a door could not tell them apart: make them distinct, or make the event's ticket codes case-sensitive. Nothing was imported.`,
    { column: 'ticket_code', reason: 'codes differ only by case', codes: clashes.slice(0, SHOWN_CLASHES) },
  );
}

/**
 * Writes an import's rows chunk by chunk as the file is read, so the database merges one
 * chunk while the next is parsed. Ticket types resolve per chunk: the event's own type when
 * one matches without case, else one created with the file's first spelling (chunks come in
 * file order). Chunks queue behind each other; a failure stops the queue and is thrown by
 * `finish`, and a read that fails waits for the queue (`settle`) before the rollback.
 */
class ChunkedImport {
  private byKey: Map<string, TicketTypeRow> | undefined;
  private queue: Promise<void> = Promise.resolve();
  private failed: unknown;
  private readonly write: AttendeeChunkWriter;
  readonly counts = { inserted: 0, updated: 0, created: 0 };

  constructor(
    private readonly tx: DbOrTx,
    private readonly eventId: string,
  ) {
    this.write = importedAttendeesWriter(tx, eventId);
  }

  /** Queues a chunk; throws (stopping the read) once an earlier chunk has failed. */
  readonly add = (rows: ValidRow[]): void => {
    if (this.failed) throw this.failed;
    this.queue = this.queue
      .then(() => (this.failed ? undefined : this.writeChunk(rows)))
      .catch((err) => {
        this.failed ??= err;
      });
  };

  settle(): Promise<void> {
    return this.queue;
  }

  async finish(): Promise<void> {
    await this.queue;
    if (this.failed) throw this.failed;
  }

  private async typesOf(rows: ValidRow[]): Promise<Map<string, TicketTypeRow>> {
    if (!this.byKey) {
      this.byKey = new Map();
      for (const type of await listTicketTypes(this.tx, this.eventId))
        if (!this.byKey.has(ticketTypeKey(type.name))) this.byKey.set(ticketTypeKey(type.name), type);
    }
    const byKey = this.byKey;
    const missing = new Map<string, string>();
    for (const r of rows) {
      if (!r.ticket_type) continue;
      const key = ticketTypeKey(r.ticket_type);
      if (!byKey.has(key) && !missing.has(key)) missing.set(key, r.ticket_type.replace(/\s+/g, ' '));
    }
    if (missing.size === 0) return byKey;
    const { byName, created } = await upsertTicketTypes(this.tx, this.eventId, { source: 'import', names: [...missing.values()] });
    for (const type of byName.values()) byKey.set(ticketTypeKey(type.name), type);
    this.counts.created += created;
    return byKey;
  }

  private async writeChunk(rows: ValidRow[]): Promise<void> {
    const byKey = await this.typesOf(rows);
    const upserts = rows.map((r): AttendeeUpsert => {
      const type = r.ticket_type ? byKey.get(ticketTypeKey(r.ticket_type)) : undefined;
      return {
        ticket_code: r.ticket_code,
        first_name: r.first_name,
        last_name: r.last_name,
        email: r.email,
        ticket_type_id: type?.id ?? null,
        checkins_allowed: r.allowed_checkins ?? type?.checkinsAllowed ?? 1,
        status: r.status,
      };
    });
    const { inserted, updated } = await this.write(upserts);
    this.counts.inserted += inserted;
    this.counts.updated += updated;
  }
}

/** Reads the rows of an import, handing each chunk of valid rows to `onRows` as it is read. */
export type ImportReader = (onRows: (rows: ValidRow[]) => void) => Promise<ReadRows>;

export async function importAttendees(
  database: Database,
  input: { eventId: string; userId: string; read: ImportReader; format: 'csv' | 'json'; exactCase: boolean },
): Promise<ImportResult> {
  const { eventId } = input;
  return database.db.transaction(async (tx) => {
    // An event without attendees before the import ends up holding just the file's codes,
    // which the check in the file covers: the grouped read of the stored codes is spared.
    const hadAttendees = !input.exactCase && (await hasAttendees(tx, eventId));
    const writer = new ChunkedImport(tx, eventId);
    let read: ReadRows;
    try {
      read = await input.read(writer.add);
    } catch (err) {
      await writer.settle();
      throw err;
    }
    await writer.finish();
    const { rows, ignoredColumns } = read;
    // In the file and against the stored list: checked once everything is written (one grouped
    // read is cheaper than probing every code first); the throw rolls everything back.
    const inFile = input.exactCase ? [] : caseCollisions(rows.map((r) => r.ticket_code));
    if (inFile.length > 0) throw caseClashError(inFile);
    if (hadAttendees) {
      const stored = await caseClashingCodes(tx, eventId, SHOWN_CLASHES + 1);
      if (stored.length > 0) throw caseClashError(stored);
    }
    const { inserted, updated, created } = writer.counts;
    const result: ImportResult = { inserted, updated, unchanged: rows.length - inserted - updated, ticket_types_created: created };
    if (ignoredColumns.length) result.ignored_columns = ignoredColumns;
    await appendAudit(tx, {
      userId: input.userId,
      action: 'attendees.import',
      targetType: 'event',
      targetId: eventId,
      eventId,
      details: { format: input.format, rows: rows.length, ...result },
    });
    return result;
  });
}
