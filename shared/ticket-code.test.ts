import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { caseCollisions, looksLikeTicketCode, normalizeTicketCode, pickTicket, ticketCodeKey } from './ticket-code.ts';

describe('normalizeTicketCode', () => {
  it.each([
    ['HLF-00013-1', 'HLF-00013-1'],
    ['  hlf-00013-1\t', 'hlf-00013-1'],
    // Tickera's legacy payload
    ['id|12|name|Ana|checksum|E3C8AF28A5-3', 'E3C8AF28A5-3'],
    ['id%7C12%7Cchecksum%7CE3C8AF28A5-3', 'E3C8AF28A5-3'],
    // links
    ['https://shop.example.org/check?ticket=HLF-00013-1', 'HLF-00013-1'],
    ['https://shop.example.org/check?utm_source=qr&code=HLF-00013-1#top', 'HLF-00013-1'],
    ['https://shop.example.org/?TICKET=hlf-00013-1', 'hlf-00013-1'],
    ['https://shop.example.org/?ticket_code=HLF%2000013', 'HLF 00013'],
    ['https://shop.example.org/?ticket=&code=X1', 'X1'],
    ['https://shop.example.org/?ticket=A1&code=B2', 'A1'],
    ['https://shop.example.org/tickets/HLF-00013-1', 'HLF-00013-1'],
    ['https://shop.example.org/tickets/HLF-00013-1/', 'HLF-00013-1'],
    ['https://shop.example.org/t/%C3%84B-1?lang=nl', 'ÄB-1'],
    ['http://shop.example.org:8080/a/b/c?x=1', 'c'],
    // Tickera's own check-in links: pretty and query-string
    ['https://site.example/tc-api/KEY123/check_in/4F0A9C21BE-2', '4F0A9C21BE-2'],
    ['https://site.example/?tickera=tickera_scan&api_key=KEY&checksum=4F0A9C21BE-2&timestamp=1718390000', '4F0A9C21BE-2'],
    // nothing to take out: the link itself (an unknown ticket, recorded as scanned)
    ['https://shop.example.org', 'https://shop.example.org'],
    ['https://shop.example.org/?utm=1', 'https://shop.example.org/?utm=1'],
    // not links
    ['A/B/C', 'A/B/C'],
    ['A|B|C', 'A|B|C'],
    ['ÄÖÜ-ticket-✓', 'ÄÖÜ-ticket-✓'],
    ['%E0%A4%A', '%E0%A4%A'],
    ['https://x.example/%E0%A4%A', '%E0%A4%A'],
  ])('%j → %j', (raw, code) => expect(normalizeTicketCode(raw)).toBe(code));

  /** Codes as ticket systems make them: letters, digits, dashes, underscores, dots. */
  const code = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9._-]{0,30}$/);
  const host = fc.constantFrom('shop.example.org', 'tickets.example:8443', '127.0.0.1');
  const path = fc.array(fc.stringMatching(/^[a-z0-9-]{1,8}$/), { maxLength: 3 });
  const otherParams = fc.array(fc.tuple(fc.constantFrom('utm_source', 'lang', 'x'), fc.stringMatching(/^[a-z0-9]{0,6}$/)), { maxLength: 3 });

  it('a plain code is kept as it is (property)', () => {
    fc.assert(fc.property(code, (c) => normalizeTicketCode(c) === c && normalizeTicketCode(`  ${c}\n`) === c));
  });

  it('a link carrying a code in ?ticket= or ?code= gives that code, whatever else it holds (property)', () => {
    fc.assert(
      fc.property(code, host, path, otherParams, fc.constantFrom('ticket', 'code'), fc.boolean(), (c, h, p, others, name, first) => {
        const params = others.map(([k, v]) => `${k}=${v}`);
        const mine = `${name}=${encodeURIComponent(c)}`;
        const query = (first ? [mine, ...params] : [...params, mine]).join('&');
        return normalizeTicketCode(`https://${h}/${p.join('/')}?${query}`) === c;
      }),
    );
  });

  it('a link ending in the code gives the code (property)', () => {
    fc.assert(
      fc.property(code, host, path, fc.boolean(), (c, h, p, slash) => {
        return normalizeTicketCode(`https://${h}/${[...p, encodeURIComponent(c)].join('/')}${slash ? '/' : ''}`) === c;
      }),
    );
  });

  it('is idempotent on whatever a scanner sends (property)', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.webUrl({ withQueryParameters: true, withFragments: true })), (raw) => {
        const once = normalizeTicketCode(raw);
        return normalizeTicketCode(once) === once || once.includes('://') || /checksum/i.test(once);
      }),
    );
  });
});

describe('ticketCodeKey', () => {
  it.each([
    ['HLF-00013-1', 'hlf-00013-1'],
    ['hlf-00013-1', 'hlf-00013-1'],
    ['ÄB-1', 'Äb-1'],
    ['İX', 'İx'],
  ])('%j → %j (ASCII letters only, as Postgres lower() under collate "C")', (code, key) => expect(ticketCodeKey(code)).toBe(key));

  it('is idempotent and ignores exactly the ASCII case (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (s) => {
        const k = ticketCodeKey(s);
        return ticketCodeKey(k) === k && k.length === s.length && ticketCodeKey(s.replace(/[a-z]/g, (c) => c.toUpperCase())) === k;
      }),
    );
  });
});

describe('pickTicket', () => {
  const id = (s: string) => s;
  it.each([
    // [typed, stored codes, exact case, picked]
    ['hlf-1', ['HLF-1'], false, 'HLF-1'],
    ['HLF-1', ['HLF-1'], false, 'HLF-1'],
    ['hlf-1', ['HLF-1'], true, undefined],
    ['HLF-1', ['HLF-1'], true, 'HLF-1'],
    ['hlf-1', [], false, undefined],
    // codes differing only by case: the identical one, or none
    ['abc', ['ABC', 'Abc'], false, undefined],
    ['Abc', ['ABC', 'Abc'], false, 'Abc'],
    ['ABC', ['ABC', 'Abc'], false, 'ABC'],
    // candidates with other keys are ignored
    ['abc', ['ABC', 'XYZ'], false, 'ABC'],
  ] as const)('%j among %j (exact case %s) → %j', (typed, stored, exact, picked) => {
    expect(pickTicket(typed, stored, id, exact)).toBe(picked);
  });
});

describe('looksLikeTicketCode', () => {
  it.each([
    ['HLF-00013-1', true],
    ['hlf-00013-1', true],
    ['E3C8AF28A5-3', true],
    ['https://shop.example.org/?ticket=ABC', true],
    ['id|1|checksum|ABC', true],
    ['NOT-A-TICKET', true],
    ['Jean-Luc', true],
    ['Oppenheimer', false],
    ['OPPENHEIMER', false],
    ['jean-luc@example.org', false],
    ['Ana García', false],
    ['ana@example.org', false],
    ['Room 101', false],
    ['', false],
    ['   ', false],
  ] as const)('%j → %s', (text, code) => expect(looksLikeTicketCode(text)).toBe(code));
});

describe('caseCollisions', () => {
  it.each([
    [['A-1', 'B-2'], []],
    [['A-1', 'A-1'], []],
    [
      ['a-1', 'A-1', 'B-2', 'b-2', 'C-3', 'A-1'],
      [
        ['A-1', 'a-1'],
        ['B-2', 'b-2'],
      ],
    ],
    [['ÄB', 'äb'], []],
  ] as const)('%j → %j', (codes, groups) => expect(caseCollisions(codes)).toEqual(groups));
});
