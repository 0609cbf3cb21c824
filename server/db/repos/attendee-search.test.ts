// The console's attendee search pages through its matches in name order by cursor, and
// counts them in the same statement; a page past the last match is empty and still counted.
import { describe, expect, it } from 'vitest';
import { dbKinds, useTestDatabase } from '../../test/db.ts';
import { searchAttendees, upsertAttendees, type AttendeeCursor } from './attendees.ts';
import { insertEvent } from './events.ts';

describe.each(dbKinds)('attendee search over %s', (kind) => {
  const t = useTestDatabase(kind);

  it('pages matches in name order by cursor, each page counted; the whole list too', async () => {
    const db = t().database.db;
    const [event, other] = [await insertEvent(db, { name: 'Festival' }), await insertEvent(db, { name: 'Other' })];
    const last = ['Zöller', 'Müller', 'Albers', 'Muller', 'Berg'];
    const rows = (prefix: string) =>
      Array.from({ length: 30 }, (_, i) => ({
        ticket_code: `${prefix}-${i}`,
        first_name: `Gast ${String(29 - i).padStart(2, '0')}`,
        last_name: last[i % last.length],
        email: `g${i}@example.test`,
        ticket_type_id: null,
        checkins_allowed: 1,
        status: 'valid' as const,
      }));
    await upsertAttendees(db, event.id, { source: 'import', rows: rows('A') });
    await upsertAttendees(db, other.id, { source: 'import', rows: rows('B') });

    const pages = async (q: string | undefined, limit: number) => {
      const names: string[] = [];
      const counts: Array<number | null> = [];
      let after: AttendeeCursor | undefined;
      for (;;) {
        const page = await searchAttendees(db, event.id, { q, after, limit });
        counts.push(page.matches);
        names.push(...page.rows.map((r) => `${r.lastName} ${r.firstName}`));
        const end = page.rows.at(-1);
        if (!end) return { names, counts };
        after = [end.sortLast, end.sortFirst, Number(end.id)];
      }
    };
    // Name order: last name, then first name (here they differ only where code points do).
    const expected = rows('A')
      .filter((r) => /^m[uü]ller$/i.test(r.last_name))
      .sort((a, b) => (a.last_name < b.last_name ? -1 : a.last_name > b.last_name ? 1 : a.first_name < b.first_name ? -1 : 1))
      .map((r) => `${r.last_name} ${r.first_name}`);

    const mul = await pages('muller', 5);
    expect(mul.names).toEqual(expected);
    expect(expected).toHaveLength(12);
    expect(mul.counts).toEqual([12, 12, 12, 12]);
    expect((await pages('gast 29 zoller', 5)).names).toEqual(['Zöller Gast 29']);
    expect((await pages('nobody', 5)).counts).toEqual([0]);
    const all = await pages(undefined, 7);
    expect(all.names).toHaveLength(30);
    expect(all.counts).toEqual([30, null, null, null, null, null]);
  });
});
