// Which Tickera event a ticket belongs to. tickets_info names it only as a title in
// custom_fields (label "Event", translatable since 3.5.6.8, so also matched by its usual
// position, the second pair); a multi-event key's tickets are split by it.
import type { TicketRecord } from './parse.ts';

const eventLabels = ['event', 'evenement', 'événement', 'veranstaltung', 'evento'];

export function recordEvent(record: TicketRecord): string {
  const f = record.custom_fields;
  return (f.find((x) => eventLabels.includes(x.label.toLowerCase()))?.value ?? f[1]?.value ?? '').trim();
}

/** The key's events with their ticket counts, by title. */
export function eventsOfRecords(records: Iterable<TicketRecord>): Array<{ title: string; tickets: number }> {
  const counts = new Map<string, number>();
  for (const r of records) {
    const title = recordEvent(r);
    counts.set(title, (counts.get(title) ?? 0) + 1);
  }
  return [...counts]
    .filter(([title]) => title !== '')
    .map(([title, tickets]) => ({ title, tickets }))
    .sort((a, b) => a.title.localeCompare(b.title));
}

/** The records of one Tickera event (all of them when the FastCheck event takes the whole key). */
export function scopeRecords(records: Map<string, TicketRecord>, title: string | null): Map<string, TicketRecord> {
  if (title === null) return records;
  return new Map([...records].filter(([, r]) => recordEvent(r) === title));
}
