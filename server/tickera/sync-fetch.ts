// Pulls every ticket from tickets_info: pages fetched with bounded concurrency until a
// short page, every record validated (the error names page and record), de-duplicated by
// code (newest-first OFFSET paging shifts under live sales), then page 1 re-polled to
// catch sales made while the run was paging. Nothing is written here.
import type { TickeraClient } from './client.ts';
import { ticketRecordSchema, type TicketRecord } from './parse.ts';
import { TickeraError } from './tickera-error.ts';

export interface FetchOptions {
  perPage: number;
  concurrency: number;
  /** sold_tickets from event_essentials: the expected total. */
  expected: number;
  onPage?: (pages: number, records: number) => void;
}

export interface FetchedTickets {
  records: Map<string, TicketRecord>;
  pages: number;
}

function validatePage(raw: Array<Record<string, unknown>>, page: number): TicketRecord[] {
  return raw.map((r, i) => {
    const parsed = ticketRecordSchema.safeParse(r);
    if (parsed.success) return parsed.data;
    const issue = parsed.error.issues[0]!;
    throw new TickeraError('bad_answer', `tickets_info page ${page}, record ${i + 1}: ${issue.path.join('.') || '(record)'} ${issue.message}`);
  });
}

export async function fetchAllTickets(client: TickeraClient, o: FetchOptions): Promise<FetchedTickets> {
  const records = new Map<string, TicketRecord>();
  // The first page expected to be short (or empty) given sold_tickets: fetched in parallel up to it.
  const softEnd = Math.floor(o.expected / o.perPage) + 1;
  // Live sales can add pages; anything far past the expected count means the site ignores paging.
  const maxPages = softEnd * 2 + 10;
  let nextPage = 1;
  let endPage = Number.POSITIVE_INFINITY;
  let pages = 0;
  let failed = false;

  const fetchPage = async (page: number) => {
    const { records: raw } = await client.ticketsPage(o.perPage, page);
    if (raw.length > o.perPage) throw new TickeraError('bad_answer', `tickets_info page ${page} sent ${raw.length} records for a page of ${o.perPage}`);
    for (const r of validatePage(raw, page)) records.set(r.checksum, r);
    pages++;
    if (raw.length < o.perPage) endPage = Math.min(endPage, page);
    o.onPage?.(pages, records.size);
  };

  async function worker() {
    while (!failed) {
      const page = nextPage++;
      if (page > softEnd || page > endPage) return;
      await fetchPage(page);
    }
  }

  await Promise.all(
    Array.from({ length: Math.max(1, o.concurrency) }, () =>
      worker().catch((err) => {
        failed = true;
        throw err;
      }),
    ),
  );
  // More sold than event_essentials said (sales during the run): carry on one page at a time.
  for (let page = softEnd + 1; endPage === Number.POSITIVE_INFINITY; page++) {
    if (page > maxPages) throw new TickeraError('bad_answer', `tickets_info kept sending full pages past page ${maxPages} (sold_tickets is ${o.expected})`);
    await fetchPage(page);
  }
  // Sales made during the run sit at the head of the newest-first list.
  await fetchPage(1);
  return { records, pages };
}
