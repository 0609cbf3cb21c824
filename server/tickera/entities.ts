// HTML entity decoding for Tickera display strings: the kses filter turns `&` into
// `&amp;` and titles carry `&#8211;`-style entities. Decodes numeric entities and the
// named ones WordPress emits; unknown names are left as they are.
const named: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
  ndash: '\u2013',
  mdash: '\u2014',
  lsquo: '\u2018',
  rsquo: '\u2019',
  sbquo: '\u201a',
  ldquo: '\u201c',
  rdquo: '\u201d',
  bdquo: '\u201e',
  hellip: '\u2026',
  euro: '\u20ac',
  pound: '\u00a3',
  copy: '\u00a9',
  reg: '\u00ae',
  trade: '\u2122',
  laquo: '\u00ab',
  raquo: '\u00bb',
  eacute: '\u00e9',
  egrave: '\u00e8',
  euml: '\u00eb',
  auml: '\u00e4',
  ouml: '\u00f6',
  uuml: '\u00fc',
  szlig: '\u00df',
};

const entityRe = /&(#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z][a-zA-Z0-9]{1,31});/g;

function fromCodePoint(cp: number, original: string): string {
  return cp > 0 && cp <= 0x10ffff ? String.fromCodePoint(cp) : original;
}

/** Decodes entities once (so `&amp;amp;` becomes `&amp;`, as a browser would show it). */
export function decodeEntities(input: string): string {
  if (!input.includes('&')) return input;
  return input.replace(entityRe, (match, body: string) => {
    if (body[0] === '#') {
      const hex = body[1] === 'x' || body[1] === 'X';
      return fromCodePoint(Number.parseInt(body.slice(hex ? 2 : 1), hex ? 16 : 10), match);
    }
    return named[body] ?? named[body.toLowerCase()] ?? match;
  });
}
