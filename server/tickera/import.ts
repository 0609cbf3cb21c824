// "Import": one FastCheck event per chosen Tickera event of a key, new or attached to an
// existing one, each with its own connection, start and sync schedule (the scheduler
// treats every connected event on its own), and a first sync started at once.
//
// The key is stored encrypted once PER EVENT (AES-GCM bound to the event id), not shared:
// sync, write-back and the scheduler keep reading one event row, archiving or
// reconnecting one event never touches another, and a ciphertext cannot be moved
// between rows. Rotating the key means importing again (which re-attaches and updates).
import type { ImportTickeraRequest, ImportedEvent, TickeraImport } from '../../shared/protocol/tickera-import.ts';
import type { AppDeps } from '../app-env.ts';
import type { SignedInUser } from '../auth/require-role.ts';
import { getEvent, updateEvent } from '../db/repos/events.ts';
import { saveTickeraConnection } from '../db/repos/tickera-events.ts';
import { AppError } from '../http/app-error.ts';
import { createEvent } from '../organiser/events.ts';
import { tickeraEventEnd } from './event-end.ts';
import { DEFAULT_DOORS_OPEN_MINUTES_BEFORE } from '../../shared/verdict.ts';
import { discoverTickera } from './discover.ts';
import { encryptApiKey } from './key-crypto.ts';
import { startSync } from './sync.ts';

const fieldIssue = (path: string, message: string, status: 400 | 404 | 422 = 422) =>
  new AppError('validation_failed', status, `Invalid body: ${path}: ${message}`, { issues: [{ path, message }] });

export interface ImportAccess {
  /** Throws (403/404) unless the user may change this existing event. */
  assertWritable(eventId: string): Promise<void>;
}

export async function importTickeraEvents(deps: AppDeps, user: SignedInUser, access: ImportAccess, req: ImportTickeraRequest): Promise<TickeraImport> {
  const found = await discoverTickera(deps, user, { site_url: req.site_url, api_key: req.api_key }, { chosenZone: req.timezone, token: req.discovery_token });
  if (!found.timezone_known) throw fieldIssue('timezone', found.timezone_note ?? "the site's time zone is unknown: choose one");
  const timezone = found.timezone ?? 'UTC';

  // Everything is checked before anything is written.
  const plans = [];
  for (const [i, wanted] of req.events.entries()) {
    const event = found.events.find((e) => e.title === wanted.title);
    if (!event) {
      const titles = found.events.map((e) => `"${e.title}"`).join(', ');
      throw fieldIssue(`events.${i}.title`, `is not one of this key's events (${titles || 'none with tickets sold'})`);
    }
    const attachTo = wanted.event_id ?? event.imported_event_id ?? undefined;
    if (attachTo) {
      if (!(await getEvent(deps.database.db, attachTo))) throw fieldIssue(`events.${i}.event_id`, 'no such event', 404);
      await access.assertWritable(attachTo);
    }
    const startsAt = wanted.starts_at ? new Date(wanted.starts_at) : event.starts_at ? new Date(event.starts_at) : null;
    const { endsAt, endConfirmed } = tickeraEventEnd(startsAt, wanted);
    if (startsAt && endsAt && endsAt < startsAt) throw fieldIssue(`events.${i}.ends_at`, 'must not be before the event start', 400);
    plans.push({ wanted, event, attachTo, startsAt, endsAt, endConfirmed });
  }

  const results: ImportedEvent[] = [];
  for (const p of plans) {
    const name = p.wanted.name ?? p.event.title;
    const row = p.attachTo
      ? (await getEvent(deps.database.db, p.attachTo))!
      : await createEvent(deps.database, user, {
          name,
          location: '',
          timezone,
          starts_at: null,
          ends_at: null,
          reentry_allowed: false,
          ticket_code_exact_case: false,
          source: 'tickera',
          doors_open_minutes_before: DEFAULT_DOORS_OPEN_MINUTES_BEFORE,
          rehearsal: false,
        });
    await saveTickeraConnection(deps.database.db, row.id, {
      siteUrl: found.site_url,
      apiKeyEnc: encryptApiKey(req.api_key, deps.config.secrets.ENCRYPTION_KEY, row.id),
      startsAt: p.startsAt,
      endsAt: p.endsAt,
      startConfirmed: p.startsAt !== null,
      endConfirmed: p.endConfirmed,
      timezone,
      writeback: req.writeback ?? row.tickeraWriteback,
    });
    // A single-event key's tickets are all this event's; a multi-event key's are split by title.
    await updateEvent(deps.database.db, row.id, { tickeraEventTitle: found.multi_event ? p.event.title : null });
    let syncRunId: string | null = null;
    let syncError: string | null = null;
    try {
      syncRunId = (await startSync(deps, row.id, { trigger: 'import' })).run.id;
    } catch (err) {
      syncError = (err as Error).message;
    }
    results.push({
      title: p.event.title,
      event_id: row.id,
      name: p.attachTo ? row.name : name,
      created: !p.attachTo,
      starts_at: p.startsAt?.toISOString() ?? null,
      ends_at: p.endsAt?.toISOString() ?? null,
      start_confirmed: p.startsAt !== null,
      end_confirmed: p.endConfirmed,
      sync_run_id: syncRunId,
      sync_error: syncError,
    });
  }
  deps.logger.info({ siteUrl: found.site_url, events: results.map((r) => ({ id: r.event_id, created: r.created })) }, 'tickera events imported');
  return { site_url: found.site_url, timezone, events: results };
}
