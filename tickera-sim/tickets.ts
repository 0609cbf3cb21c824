// Generated Tickera data for the simulator: orders of 1-4 tickets with 10-hex-character
// order ids (codes "<ORDER>-<n>"), several ticket types (one unlimited, one with an
// entity in its title), owners and buyers. Deterministic for a given seed.

export interface SimTicketType {
  /** The title as Tickera stores it (kses-encoded: `&` is `&amp;`). */
  title: string;
  /** Pass check-ins allowed per ticket; null = unlimited (Tickera answers 99999). */
  allowed: number | null;
}

export interface SimCheckin {
  at: Date;
  status: 'Pass' | 'Fail';
}

export interface SimTicket {
  /** Ticket instance post id: paging is newest (highest id) first. */
  id: number;
  code: string;
  ownerFirst: string;
  ownerLast: string;
  ownerEmail?: string;
  buyerFirst: string;
  buyerLast: string;
  buyerEmail: string;
  type: SimTicketType;
  paidAt: Date;
  checkins: SimCheckin[];
}

export const defaultTicketTypes: SimTicketType[] = [
  { title: 'General', allowed: 1 },
  { title: 'VIP &amp; Backstage', allowed: 1 },
  { title: 'Weekend Pass', allowed: 2 },
  { title: 'Crew', allowed: null },
];

const firstNames = [
  'Ada',
  'Alan',
  'Grace',
  'Donald',
  'Barbara',
  'Edsger',
  'Margaret',
  'Niklaus',
  'Frances',
  'John',
  'Lena',
  'Jan',
  'Zoë',
  'Guido',
  'Radia',
  'Ken',
];
const lastNames = [
  'Lovelace',
  'Turing',
  'Hopper',
  'Knuth',
  'Liskov',
  'Dijkstra',
  'Hamilton',
  'Wirth',
  'Allen',
  'Thompson',
  'Peeters',
  'Janssens',
  'Müller',
  'Perlman',
  'Ritchie',
  "O'Neil",
];

/** A small seeded PRNG (mulberry32), so every run of the simulator serves the same tickets. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface TicketFactory {
  /** Sells `count` tickets in new orders, with ids above every earlier ticket. */
  sell(count: number, paidAt: Date): SimTicket[];
}

export function createTicketFactory(seed: number, types: SimTicketType[]): TicketFactory {
  const rand = seededRandom(seed);
  const pick = <T>(list: T[]) => list[Math.floor(rand() * list.length)]!;
  let nextId = 1000;
  const usedOrders = new Set<string>();
  const orderId = () => {
    for (;;) {
      const id = Array.from({ length: 10 }, () => '0123456789ABCDEF'[Math.floor(rand() * 16)]).join('');
      if (!usedOrders.has(id)) {
        usedOrders.add(id);
        return id;
      }
    }
  };
  return {
    sell(count, paidAt) {
      const out: SimTicket[] = [];
      while (out.length < count) {
        const order = orderId();
        const size = Math.min(count - out.length, 1 + Math.floor(rand() * 4));
        const buyerFirst = pick(firstNames);
        const buyerLast = pick(lastNames);
        const buyerEmail = `${buyerFirst}.${buyerLast}${Math.floor(rand() * 90000 + 10000)}@example.invalid`.toLowerCase().replace(/[^a-z0-9.@]/g, '');
        for (let n = 1; n <= size; n++) {
          const own = n === 1 || rand() < 0.5;
          const ownerFirst = own ? buyerFirst : pick(firstNames);
          const ownerLast = own ? buyerLast : pick(lastNames);
          out.push({
            id: nextId++,
            code: `${order}-${n}`,
            ownerFirst,
            ownerLast,
            ownerEmail: rand() < 0.6 ? buyerEmail : undefined,
            buyerFirst,
            buyerLast,
            buyerEmail,
            type: pick(types),
            paidAt,
            checkins: [],
          });
        }
      }
      return out;
    },
  };
}

export function passCount(ticket: SimTicket): number {
  return ticket.checkins.filter((c) => c.status === 'Pass').length;
}

/** Tickera's `allowed_checkins`: the check-ins remaining, 99999 for unlimited types. */
export function remainingCheckins(ticket: SimTicket): number {
  if (ticket.type.allowed === null) return 99999;
  return Math.max(0, ticket.type.allowed - passCount(ticket));
}
