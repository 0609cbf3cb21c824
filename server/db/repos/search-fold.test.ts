// The database folds names for search (fastcheck_fold, drizzle/0016) exactly as the phone and
// the query do (shared/search-fold.ts): every Latin, Greek and Cyrillic letter, one by one.
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { searchFold } from '../../../shared/search-fold.ts';
import { dbKinds, useTestDatabase } from '../../test/db.ts';
import { resultRows } from '../client.ts';

const ranges: Array<[number, number]> = [
  [0x20, 0x7e], // ASCII
  [0xc0, 0x24f], // Latin-1 Supplement letters, Latin Extended-A and -B
  [0x1e00, 0x1eff], // Latin Extended Additional (Vietnamese and more)
  [0x386, 0x3ce], // Greek
  [0x400, 0x45f], // Cyrillic
];
const letters = ranges.flatMap(([from, to]) => Array.from({ length: to - from + 1 }, (_, i) => String.fromCodePoint(from + i)));

describe.each(dbKinds)('fastcheck_fold over %s', (kind) => {
  const t = useTestDatabase(kind);

  it('agrees with searchFold on every letter, and on whole names', async () => {
    const texts = [...letters, 'MÜLLER Straße', 'Søren Łukasz Æsir', 'Nguyễn Thị Minh Khai', 'ann@EXAMPLE.test TICKET-1'];
    const result = await t().database.db.execute(
      sql`select t, fastcheck_fold(t) as folded from unnest(${`{${texts.map((s) => `"${s.replace(/["\\]/g, '\\$&')}"`).join(',')}}`}::text[]) as t`,
    );
    const fromDb = new Map(resultRows<{ t: string; folded: string }>(result).map((r) => [r.t, r.folded]));
    const differ = texts
      .filter((s) => fromDb.get(s) !== searchFold(s))
      .map((s) => `${s} (U+${s.codePointAt(0)?.toString(16)}): db ${fromDb.get(s)}, ts ${searchFold(s)}`);
    expect(differ).toEqual([]);
  });
});
