import { useEffect, useState } from 'preact/hooks';
import { findTicket, fullName, searchAttendees } from '../../phone/attendees.ts';
import type { CachedAttendee } from '../../phone/rows.ts';
import { looksLikeTicketCode } from '../../shared/ticket-code.ts';
import { formatNumber, t } from '../i18n/index.ts';

/**
 * What "Check in" made of a typed text that is not a known ticket code: one person by that
 * name (offered), several (listed), or nothing (said, and nothing recorded).
 */
type NotACode = { query: string; people: CachedAttendee[] };

const details = (a: CachedAttendee) =>
  `${a.email} · ${a.ticket_code} · ${formatNumber(a.checkins_used)}/${a.checkins_allowed ? formatNumber(a.checkins_allowed) : '∞'}`;

/**
 * One field for a typed ticket code (or a scanned link) or a search by name, email or code
 * prefix (local, offline). "Check in" scans a known code as the event matches it; a name is
 * never recorded as an unknown ticket: the people it matches are offered instead. Only a text
 * that reads as a code and matches no one is scanned, and refused as unknown.
 */
export function SearchPanel({ onScan }: { onScan: (code: string) => void }) {
  const [query, setQuery] = useState('');
  const [found, setFound] = useState<CachedAttendee[]>([]);
  const [notACode, setNotACode] = useState<NotACode | null>(null);
  useEffect(() => {
    let live = true;
    if (query.trim().length < 2) return setFound([]);
    void searchAttendees(query).then((rows) => live && setFound(rows));
    return () => {
      live = false;
    };
  }, [query]);
  const checkIn = (code: string) => {
    onScan(code);
    setQuery('');
    setNotACode(null);
  };
  const submit = async (e: Event) => {
    e.preventDefault();
    const q = query.trim();
    if (!q) return;
    const ticket = await findTicket(q);
    if (ticket) return checkIn(ticket.ticket_code);
    const people = await searchAttendees(q);
    if (people.length === 0 && looksLikeTicketCode(q)) return checkIn(q);
    setNotACode({ query: q, people });
  };
  const offer = notACode && notACode.query === query.trim() ? notACode : null;
  const list = offer ? (offer.people.length > 1 ? offer.people : []) : found;
  return (
    <form class="search" onSubmit={(e) => void submit(e)}>
      <label for="manual-code">{t('search.label')}</label>
      <div class="search-row">
        <input
          id="manual-code"
          data-testid="manual-code"
          autocomplete="off"
          autocapitalize="characters"
          spellcheck={false}
          value={query}
          onInput={(e) => setQuery((e.target as HTMLInputElement).value)}
        />
        <button type="submit">{t('search.checkIn')}</button>
      </div>
      {offer && <NotACodeNote offer={offer} onCheckIn={checkIn} />}
      {list.length > 0 && (
        <ul class="results" data-testid="search-results" aria-label={t('search.found')}>
          {list.map((a) => (
            <li key={a.ticket_code}>
              <button type="button" data-testid="search-result" onClick={() => checkIn(a.ticket_code)}>
                <strong>{fullName(a) || a.ticket_code}</strong>
                <span>{details(a)}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </form>
  );
}

function NotACodeNote({ offer, onCheckIn }: { offer: NotACode; onCheckIn: (code: string) => void }) {
  const { query, people } = offer;
  if (people.length === 0) {
    return (
      <p class="not-a-code warn" role="alert" data-testid="no-match">
        {t('search.noMatch', { query })}
      </p>
    );
  }
  if (people.length > 1) {
    return (
      <p class="not-a-code" role="status" data-testid="not-a-code">
        {t('search.several', { query, count: people.length })}
      </p>
    );
  }
  const [person] = people;
  const name = fullName(person) || person.ticket_code;
  return (
    <section class="not-a-code offer" aria-labelledby="offer-title" data-testid="offer">
      <p id="offer-title" role="status">
        {t('search.one', { query })}
      </p>
      <p class="offer-person">
        <strong>{name}</strong>
        <span>{details(person)}</span>
      </p>
      <button type="button" class="big" onClick={() => onCheckIn(person.ticket_code)}>
        {t('search.checkInPerson', { name })}
      </button>
    </section>
  );
}
