import { useState } from 'preact/hooks';
import type { AuditRow } from '../../shared/protocol/audit.ts';
import { verdicts } from '../../shared/protocol/common.ts';
import type { EntranceDto } from '../../shared/protocol/entrances.ts';
import type { EventDto } from '../../shared/protocol/events.ts';
import { checkInsCsvUrl, listCheckIns, voidScan, type AuditFilters } from './endpoints.ts';
import { ErrorNote } from './ErrorNote.tsx';
import { TableHead } from './FormBits.tsx';
import { SelectField } from './SelectField.tsx';
import { useAction } from './use-action.ts';
import { usePaged } from './use-paged.ts';
import { userLabel, VoidedBy } from './VoidedBy.tsx';
import { formatInZone } from './zoned-time.ts';

const label = (v: string) => v.replace(/_/g, ' ');

/** Where the door decided offline and the server would have said otherwise: the door's verdict stands, this is for review. */
function ServerOpinion({ row }: { row: AuditRow }) {
  if (row.kind === 'tickera_conflict') return <strong class="error-text"> Review: admitted here, but Tickera had already checked it in. </strong>;
  if (row.verdict === 'conflict') {
    const note =
      !row.server_verdict || row.server_verdict === 'already_checked_in'
        ? 'Review: admitted offline over the allowance.'
        : `Review: admitted offline; server says ${label(row.server_verdict)}.`;
    return <strong class="error-text"> {note} </strong>;
  }
  if (!row.server_verdict) return null;
  return (
    <strong class="error-text" data-testid="audit-server-opinion">
      {' '}
      Review: refused offline; {row.server_verdict === 'accepted' ? 'valid on the server' : `server says ${label(row.server_verdict)}`}.{' '}
    </strong>
  );
}

/** Every scan attempt, newest first: filters, paging by cursor, conflicts flagged, CSV, void. */
export function AuditLog({ event, entrances }: { event: EventDto; entrances: EntranceDto[] }) {
  const [draft, setDraft] = useState<AuditFilters>({});
  const [filters, setFilters] = useState<AuditFilters>({});
  const list = usePaged(
    async (cursor) => {
      const page = await listCheckIns(event.id, filters, cursor);
      return { items: page.check_ins, next_cursor: page.next_cursor };
    },
    [event.id, filters],
  );
  const rows = list.items;
  const voiding = useAction();
  const set = (k: keyof AuditFilters) => (value: string) => setDraft((d) => ({ ...d, [k]: value }));

  function voidRow(row: AuditRow) {
    const reason = prompt(`Void the admission of ${row.attendee_name ?? row.ticket_code}? Give a reason for the audit log:`);
    if (!reason?.trim()) return;
    void voiding.run(async () => {
      await voidScan(row.scan_id, reason.trim());
      await list.first();
    });
  }

  return (
    <section aria-labelledby="audit-title">
      <div class="title-row">
        <h2 id="audit-title">Audit log</h2>
        <a class="button" href={checkInsCsvUrl(event.id, filters)} download data-testid="audit-csv">
          Download CSV
        </a>
      </div>
      <form
        class="filters card"
        aria-label="Filter the audit log"
        onSubmit={(e) => {
          e.preventDefault();
          setFilters({ ...draft });
        }}
      >
        <label>
          Search
          <input type="search" placeholder="Name or ticket code" value={draft.q ?? ''} onInput={(e) => set('q')(e.currentTarget.value)} />
        </label>
        <SelectField
          label="Verdict"
          value={draft.verdict ?? ''}
          options={[['', 'Any'], ...verdicts.map((v) => [v, label(v)] as const)]}
          onChange={set('verdict')}
        />
        <SelectField
          label="Entrance"
          value={draft.entrance_id ?? ''}
          options={[['', 'Any'], ...entrances.map((x) => [x.id, x.name] as const)]}
          onChange={set('entrance_id')}
        />
        <SelectField
          label="Online / offline"
          value={draft.offline ?? ''}
          options={[
            ['', 'Both'],
            ['false', 'Online'],
            ['true', 'Offline (uploaded later)'],
          ]}
          onChange={set('offline')}
        />
        <label class="check">
          <input type="checkbox" checked={draft.conflicts_only === 'true'} onChange={(e) => set('conflicts_only')(e.currentTarget.checked ? 'true' : '')} />
          Conflicts only
        </label>
        <label class="check">
          <input
            type="checkbox"
            checked={draft.disputed_only === 'true'}
            onChange={(e) => set('disputed_only')(e.currentTarget.checked ? 'true' : '')}
            data-testid="audit-disputed-only"
          />
          Door and server disagree
        </label>
        <button type="submit">Apply</button>
      </form>
      <ErrorNote error={list.load.error ?? voiding.error} />
      <div class="table-wrap">
        <table class="table audit" data-testid="audit-rows">
          <TableHead columns={[`Scanned (${event.timezone})`, 'Verdict', 'Attendee', 'Entrance', 'Device', 'Notes']} actions />
          <tbody>
            {rows.map((r) => (
              <tr key={r.scan_id} class={r.verdict === 'conflict' ? 'conflict' : r.voided_by_scan_id || r.kind === 'void' ? 'revoked' : ''}>
                <td class="nowrap">{formatInZone(r.scanned_at, event.timezone, { seconds: true })}</td>
                <td>
                  <span class={`verdict-badge ${r.kind === 'void' ? 'void' : (r.verdict ?? '')}`}>{r.kind === 'void' ? 'void' : label(r.verdict ?? '')}</span>
                  {r.direction === 'out' && <span class="badge">out</span>}
                </td>
                <td>
                  {r.attendee_name ?? '—'}
                  <div class="muted small">
                    <code>{r.ticket_code}</code>
                  </div>
                </td>
                <td>{r.entrance ?? '—'}</td>
                <td>{r.device ?? (r.user ? `${userLabel(r.user)} (console)` : r.user_id ? 'console' : '—')}</td>
                <td class="small">
                  {r.offline && <span class="badge">offline{r.local_verdict ? `: door said ${label(r.local_verdict)}` : ''}</span>}
                  <ServerOpinion row={r} />
                  {r.voided_by ? <VoidedBy info={r.voided_by} timezone={event.timezone} /> : r.voided_by_scan_id && <span class="muted"> voided</span>}
                  {r.reason && <span class="muted"> “{r.reason}”</span>}
                  {r.clock_skew_ms !== null && Math.abs(r.clock_skew_ms) > 60_000 && (
                    <span class="muted"> clock off by {Math.round(r.clock_skew_ms / 1000)} s</span>
                  )}
                  {r.time_flag && (
                    <span class="badge" title={r.phone_scanned_at ? `The phone said ${r.phone_scanned_at}` : undefined}>
                      phone time {r.time_flag === 'future' ? 'in the future' : 'too old'}: recorded at arrival
                    </span>
                  )}
                </td>
                <td>
                  {r.kind !== 'void' && (r.verdict === 'accepted' || r.verdict === 'conflict') && !r.voided_by_scan_id && (
                    <button type="button" class="small" disabled={voiding.busy} onClick={() => voidRow(r)}>
                      Void
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {list.loaded && rows.length === 0 && <p class="empty">No scans match.</p>}
      {list.hasMore && (
        <button type="button" onClick={() => void list.older()} disabled={list.load.busy}>
          Older scans
        </button>
      )}
    </section>
  );
}
