// The one way names and emails are folded for search, on the phone (Dexie index fields) and
// on the server (attendees.search_key, computed by the SQL function fastcheck_fold in
// drizzle/0016, which does the same steps; server/db/repos/search-fold.test.ts checks that
// both agree on every Latin letter): decompose (NFD), drop the combining marks, lower-case,
// and spell out the letters that carry no mark to drop ("ß" → "ss", "ø" → "o", "ł" → "l").
// So "muller" finds "Müller", "Muller" and "MÜLLER"; "Mueller" stays a different spelling.

/** Combining marks NFD splits off Latin, Greek and Cyrillic letters (the same class in SQL). */
export const COMBINING_MARKS = /[\u0300-\u036f]/g;

/** Letters whose base has no decomposition, with what a person types for them (lower case). */
export const SPELLED_OUT: ReadonlyArray<readonly [string, string]> = [
  ['ß', 'ss'],
  ['æ', 'ae'],
  ['œ', 'oe'],
  ['ø', 'o'],
  ['ł', 'l'],
  ['đ', 'd'],
  ['ð', 'd'],
  ['þ', 'th'],
  ['ħ', 'h'],
  ['ı', 'i'],
];

const spelledOut = new Map(SPELLED_OUT);
const SPELLED_OUT_PATTERN = new RegExp(`[${SPELLED_OUT.map(([from]) => from).join('')}]`, 'g');
// biome-ignore lint/suspicious/noControlCharactersInRegex: ASCII is the fast path, control characters included
const ASCII = /^[\u0000-\u007f]*$/;

/** `text` as search compares it: no accents, lower case, special letters spelled out. */
export function searchFold(text: string): string {
  if (ASCII.test(text)) return text.toLowerCase();
  return text
    .normalize('NFD')
    .replace(COMBINING_MARKS, '')
    .toLowerCase()
    .replace(SPELLED_OUT_PATTERN, (ch) => spelledOut.get(ch) ?? ch);
}
