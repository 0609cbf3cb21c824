import { useEffect, useState } from 'preact/hooks';
import { fullName, searchAttendees } from '../../phone/attendees.ts';
import type { CachedAttendee } from '../../phone/rows.ts';

/** One field for a typed ticket code or a search by name, email or code prefix (local, offline). */
export function SearchPanel({ onScan }: { onScan: (code: string) => void }) {
  const [query, setQuery] = useState('');
  const [found, setFound] = useState<CachedAttendee[]>([]);
  useEffect(() => {
    let live = true;
    if (query.trim().length < 2) return setFound([]);
    void searchAttendees(query).then((rows) => live && setFound(rows));
    return () => {
      live = false;
    };
  }, [query]);
  const submit = (e: Event) => {
    e.preventDefault();
    const q = query.trim();
    if (!q) return;
    const exact = found.find((a) => a.ticket_code.toLowerCase() === q.toLowerCase());
    onScan(exact?.ticket_code ?? q);
    setQuery('');
  };
  return (
    <form class="search" onSubmit={submit}>
      <label for="manual-code">Ticket code, name or email</label>
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
        <button type="submit">Check in</button>
      </div>
      {found.length > 0 && (
        <ul class="results" data-testid="search-results">
          {found.map((a) => (
            <li key={a.ticket_code}>
              <button
                type="button"
                data-testid="search-result"
                onClick={() => {
                  onScan(a.ticket_code);
                  setQuery('');
                }}
              >
                <strong>{fullName(a) || a.ticket_code}</strong>
                <span>
                  {a.email} · {a.ticket_code} · {a.checkins_used}/{a.checkins_allowed || '∞'}
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </form>
  );
}
