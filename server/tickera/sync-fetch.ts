// Pulls every ticket from tickets_info: pages fetched with bounded concurrency until a
// short page, every record validated (the error names page and record), de-duplicated by
// code (newest-first OFFSET paging shifts under live sales), then the head of the list
// re-polled to catch sales made while the run was paging. Nothing is written here.
//
// Adaptive (the default): a Tickera site serves pages with a few PHP workers, about 100 ms
// per page plus 1.3-5 ms per row (tickera-api.md section 7), and nobody knows its worker
// count. Pages 1 and 2 go out together and the first one's time sets the page size (bigger
// on a fast site, smaller on one slow enough to risk PHP time limits); then concurrency
// climbs one step at a time from 4 while the measured throughput still grows, settles
// where it stops growing, and halves on a page far slower than the first ones or on a
// failed page (which is retried).
import type { TickeraClient } from './client.ts';
import { ticketRecordSchema, type TicketRecord } from './parse.ts';
import { TickeraError } from './tickera-error.ts';

export interface FetchOptions {
  /** The page size (adaptive: the first page's, then chosen from its timing). */
  perPage: number;
  /** Pages in flight at most (adaptive: the ceiling of the climb). */
  concurrency: number;
  /** Choose page size and concurrency from measured timings (default true). */
  adaptive?: boolean;
  /** sold_tickets from event_essentials: the expected total. */
  expected: number;
  onPage?: (pages: number, records: number) => void;
}

export interface FetchPlan {
  /** The page size used after the first page. */
  perPage: number;
  /** Concurrency when the run ended, and the highest reached. */
  concurrency: number;
  peakConcurrency: number;
  /** Times concurrency was halved (slow or failed page). */
  backoffs: number;
}

export interface FetchedTickets {
  records: Map<string, TicketRecord>;
  pages: number;
  plan: FetchPlan;
}

/** Adaptive tuning, exported for the tests. */
export const adaptiveLimits = {
  minPerPage: 100,
  maxPerPage: 1000,
  /** A first page faster than this: pages are overhead-bound, double them. */
  fastPageMs: 1000,
  /** A first page slower than this risks PHP's max_execution_time: halve them. */
  slowPageMs: 6000,
  /** Throughput must grow this much for another concurrent page to be worth it. */
  climbGain: 1.15,
  startConcurrency: 4,
  /** A page slower per row than fully serialised pages by this factor: back off. */
  slowFactor: 1.5,
  /** A failed page is retried this many times (each after halving concurrency). */
  pageRetries: 2,
  retryDelayMs: 500,
  /** Rows per re-poll page of the list's head. */
  headPerPage: 50,
};

function validatePage(raw: Array<Record<string, unknown>>, page: number): TicketRecord[] {
  return raw.map((r, i) => {
    const parsed = ticketRecordSchema.safeParse(r);
    if (parsed.success) return parsed.data;
    const issue = parsed.error.issues[0]!;
    throw new TickeraError('bad_answer', `tickets_info page ${page}, record ${i + 1}: ${issue.path.join('.') || '(record)'} ${issue.message}`);
  });
}

interface PageRequest {
  size: number;
  page: number;
  tries: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function fetchAllTickets(client: TickeraClient, o: FetchOptions): Promise<FetchedTickets> {
  const adaptive = o.adaptive ?? true;
  const L = adaptiveLimits;
  const records = new Map<string, TicketRecord>();
  let pages = 0;
  const maxConcurrency = Math.max(1, o.concurrency);
  const plan: FetchPlan = { perPage: o.perPage, concurrency: adaptive ? 1 : maxConcurrency, peakConcurrency: 1, backoffs: 0 };

  const fetchPage = async (size: number, page: number): Promise<{ rows: number; ms: number; codes: string[] }> => {
    const started = performance.now();
    const { records: raw } = await client.ticketsPage(size, page);
    const ms = performance.now() - started;
    if (raw.length > size) throw new TickeraError('bad_answer', `tickets_info page ${page} sent ${raw.length} records for a page of ${size}`);
    const valid = validatePage(raw, page);
    for (const r of valid) records.set(r.checksum, r);
    pages++;
    o.onPage?.(pages, records.size);
    return { rows: raw.length, ms, codes: valid.map((r) => r.checksum) };
  };

  // Adaptive: pages 1 and 2 together (a site with one worker only queues the second); the
  // first one back sets the page size and the yardstick for "slow".
  let firstMsPerRow = 0;
  let start = 0;
  let endOffset = Number.POSITIVE_INFINITY;
  if (adaptive) {
    const one1 = fetchPage(o.perPage, 1);
    if (maxConcurrency < 2) await one1;
    const both = [one1, fetchPage(o.perPage, 2)];
    const first = await Promise.race(both);
    const [one, two] = await Promise.all(both);
    firstMsPerRow = first.ms / o.perPage;
    start = 2 * o.perPage;
    if (one!.rows < o.perPage) endOffset = one!.rows;
    else if (two!.rows < o.perPage) endOffset = o.perPage + two!.rows;
    if (first.ms < L.fastPageMs) plan.perPage = Math.min(L.maxPerPage, o.perPage * 2);
    else if (first.ms > L.slowPageMs) plan.perPage = Math.max(L.minPerPage, Math.floor(o.perPage / 2));
    plan.perPage = Math.max(plan.perPage, 1);
  }
  const size = plan.perPage;

  // Requests cover offsets from `start`: first-size pages until aligned with the new size.
  let offset = start;
  const nextFresh = (): PageRequest => {
    if (offset % size !== 0 && offset % o.perPage === 0) {
      const r = { size: o.perPage, page: offset / o.perPage + 1, tries: 0 };
      offset += o.perPage;
      return r;
    }
    const r = { size, page: Math.floor(offset / size) + 1, tries: 0 };
    offset = (r.page - 1) * size + size;
    return r;
  };
  const offsetOf = (r: PageRequest) => (r.page - 1) * r.size;
  // The page expected to be short (or empty) given sold_tickets ends the parallel part;
  // past it (sales during the run) one page at a time, and far past it the site ignores paging.
  const softEnd = o.expected;
  const maxOffset = 2 * o.expected + 10 * size;

  // Four pages at once cost a site with fewer workers only queueing (measured, and backed
  // off from if it turns slow); the climb goes on from there while throughput grows.
  let concurrency = adaptive ? Math.min(adaptiveLimits.startConcurrency, maxConcurrency) : maxConcurrency;
  let ceiling = maxConcurrency;
  plan.peakConcurrency = Math.max(plan.peakConcurrency, concurrency);
  // Throughput (rows per ms) measured at each concurrency level, from pages started at it.
  const samples = new Map<number, number[]>();
  const throughput = (c: number) => {
    const s = samples.get(c);
    if (!s?.length) return undefined;
    return c / (s.reduce((a, b) => a + b, 0) / s.length);
  };
  const backOff = () => {
    concurrency = Math.max(1, Math.floor(concurrency / 2));
    ceiling = concurrency;
    plan.backoffs++;
  };
  const learn = (level: number, msPerRow: number) => {
    if (!adaptive || level !== concurrency) return;
    // Two pages shared the site for the first timing: per row, one page alone is no slower.
    if (msPerRow > (level / 2) * firstMsPerRow * L.slowFactor) {
      backOff();
      return;
    }
    const list = samples.get(level) ?? [];
    list.push(msPerRow);
    samples.set(level, list);
    if (list.length < Math.min(2, level)) return;
    const now = throughput(level)!;
    const before = throughput(level - 1);
    if (before !== undefined && now < before * L.climbGain) {
      // No real gain from the last step: the site is saturated one step below.
      if (level > 1 && now < before) concurrency = level - 1;
      ceiling = concurrency;
    } else if (concurrency < ceiling) {
      concurrency++;
      plan.peakConcurrency = Math.max(plan.peakConcurrency, concurrency);
    }
  };

  const retries: PageRequest[] = [];
  let inFlight = 0;
  let waitingRetries = 0;
  await new Promise<void>((resolve, reject) => {
    let failed = false;
    const take = (): PageRequest | undefined => {
      while (retries.length) {
        const r = retries.shift()!;
        if (offsetOf(r) < endOffset) return r;
      }
      if (offset >= endOffset) return undefined;
      if (offset > softEnd) {
        // Past the expected end: one page at a time until a short one.
        if (inFlight > 0) return undefined;
        if (offset > maxOffset) {
          throw new TickeraError('bad_answer', `tickets_info kept sending full pages past page ${Math.floor(offset / size)} (sold_tickets is ${o.expected})`);
        }
      }
      return nextFresh();
    };
    const pump = () => {
      if (failed) return;
      try {
        while (inFlight < concurrency) {
          const r = take();
          if (!r) break;
          launch(r);
        }
      } catch (err) {
        failed = true;
        reject(err);
        return;
      }
      if (inFlight === 0 && retries.length === 0 && waitingRetries === 0) resolve();
    };
    const launch = (r: PageRequest) => {
      inFlight++;
      const level = concurrency;
      fetchPage(r.size, r.page)
        .then(({ rows, ms }) => {
          if (rows < r.size) endOffset = Math.min(endOffset, offsetOf(r) + rows);
          if (rows === r.size) learn(level, ms / rows);
          inFlight--;
          pump();
        })
        .catch(async (err) => {
          inFlight--;
          if (adaptive && err instanceof TickeraError && err.retryable && r.tries < L.pageRetries && !failed) {
            backOff();
            waitingRetries++;
            await sleep(L.retryDelayMs * (r.tries + 1));
            waitingRetries--;
            retries.push({ ...r, tries: r.tries + 1 });
            pump();
            return;
          }
          failed = true;
          reject(err);
        });
    };
    pump();
  });
  plan.concurrency = concurrency;

  // Sales made during the run sit at the head of the newest-first list.
  if (!adaptive) {
    await fetchPage(o.perPage, 1);
  } else {
    // Small pages of the head, until one brings no ticket the run had not seen.
    const seen = new Set(records.keys());
    for (let page = 1; ; page++) {
      const { rows, codes } = await fetchPage(L.headPerPage, page);
      if (rows < L.headPerPage || codes.every((c) => seen.has(c))) break;
      if (page * L.headPerPage > maxOffset) break;
    }
  }
  return { records, pages, plan };
}
