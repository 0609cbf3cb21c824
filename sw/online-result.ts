// Writes a scan the server decided online into Dexie: the scan row (so later offline
// scans can say when the ticket was first admitted) and the ticket's new state.
import type { CheckInRequestParsed, ScanResult } from '../shared/protocol/check-in.ts';
import { normalizeTicketCode } from '../shared/ticket-code.ts';
import { applyServerState, findTicket } from '../phone/attendees.ts';
import { database, type FastCheckDb } from '../phone/database.ts';
import { recordScan } from '../phone/scans.ts';

export async function recordOnlineResult(req: CheckInRequestParsed, result: ScanResult, now: Date, db: FastCheckDb = database()): Promise<void> {
  // The server matched the code as the event says; the phone's row is the same ticket.
  const code = (await findTicket(req.ticket_code, db))?.ticket_code ?? normalizeTicketCode(req.ticket_code);
  const session = await db.session.get('current');
  await db.transaction('rw', [db.attendees, db.scans], async () => {
    await recordScan(
      {
        scan_id: result.scan_id,
        ticket_code: code,
        direction: req.direction,
        entrance_id: req.entrance_id ?? session?.scanning_entrance_id ?? null,
        scanned_at: req.scanned_at ?? now.toISOString(),
        local_verdict: result.verdict,
        verdict: result.verdict,
        state: 'synced',
        offline: false,
        result,
        error: null,
      },
      db,
    );
    await applyServerState(code, result.attendee, db);
  });
}
