// Reviewing a case of the conflicts inbox: a note, resolve or reopen, each one appended row
// in conflict_reviews (check_ins never changes). Resolving a resolved case, or reopening an
// open one, is refused (409): the state only moves when someone means to move it (two
// reviewers resolving at the same instant may both land, which leaves the same state).
// A resolve or reopen changes the live tile's open cases: announced like recorded check-ins,
// so every instance's dashboards recount (the stats fan-out's NOTIFY).
import type { InboxCase, ReviewRequest } from '../../shared/protocol/conflict-inbox.ts';
import type { AppDeps } from '../app-env.ts';
import { publishRecorded } from '../checkin/events.ts';
import { getCase, insertReview } from '../db/repos/conflict-inbox.ts';
import { AppError, notFound } from '../http/app-error.ts';
import { assembleCases } from './inbox.ts';

export async function reviewCase(deps: AppDeps, eventId: string, scanId: string, userId: string, review: ReviewRequest): Promise<InboxCase> {
  const db = deps.database.db;
  const found = await getCase(db, eventId, scanId);
  if (!found) throw notFound('Conflict');
  if (review.action === 'resolve' && found.state === 'resolved') throw new AppError('conflict', 409, 'This case is already resolved');
  if (review.action === 'reopen' && found.state === 'open') throw new AppError('conflict', 409, 'This case is already open');
  await insertReview(db, { eventId, scanId, action: review.action, note: review.note || null, userId, at: deps.clock.now() });
  if (review.action !== 'annotate') publishRecorded(deps, eventId, []);
  const after = await getCase(db, eventId, scanId);
  if (!after) throw notFound('Conflict');
  const [one] = await assembleCases(db, [after]);
  return one;
}
