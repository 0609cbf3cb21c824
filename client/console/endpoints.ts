// One function per console API call, each naming the shared schema its answer must match.
import { z } from 'zod';
import { attendeeHistorySchema, type ManualCheckInRequest } from '../../shared/protocol/attendee-desk.ts';
import { attendeePageSchema, importResultSchema } from '../../shared/protocol/attendees-import.ts';
import { scanResultSchema } from '../../shared/protocol/check-in.ts';
import { auditListResponseSchema, auditRowSchema } from '../../shared/protocol/audit.ts';
import { inboxCaseSchema, inboxPageSchema, type ReviewRequest } from '../../shared/protocol/conflict-inbox.ts';
import { sessionResponseSchema, consoleUserSchema, type LoginRequest } from '../../shared/protocol/console-auth.ts';
import { createdCredentialSchema, credentialSchema, type CreateCredentialRequest } from '../../shared/protocol/credentials.ts';
import { deviceBoardRowSchema, deviceBoardSchema } from '../../shared/protocol/devices.ts';
import { entranceSchema, type CreateEntranceRequest, type UpdateEntranceRequest } from '../../shared/protocol/entrances.ts';
import { eventSchema, type CreateEventRequest, type UpdateEventRequest } from '../../shared/protocol/events.ts';
import { eventStatsSchema } from '../../shared/protocol/stats.ts';
import { syncRunSchema, tickeraConnectionSchema, tickeraStatusSchema, type ConnectTickeraRequest } from '../../shared/protocol/tickera.ts';
import { tickeraDiscoverySchema, tickeraImportSchema, type DiscoverTickeraRequest, type ImportTickeraRequest } from '../../shared/protocol/tickera-import.ts';
import { ticketTypeSchema, type CreateTicketTypeRequest, type UpdateTicketTypeRequest } from '../../shared/protocol/ticket-types.ts';
import type { CreateUserRequest, UpdateUserRequest } from '../../shared/protocol/users.ts';
import { api } from './api.ts';

const ev = (id: string) => `/api/v1/events/${encodeURIComponent(id)}`;

export const signIn = (body: LoginRequest) => api('/api/v1/auth/login', sessionResponseSchema, { method: 'POST', body });
export const signOut = () => api('/api/v1/auth/logout', sessionResponseSchema, { method: 'POST' });
export const whoAmI = () => api('/api/v1/auth/me', sessionResponseSchema);

export const listUsers = () => api('/api/v1/users', z.array(consoleUserSchema));
export const createUser = (body: CreateUserRequest) => api('/api/v1/users', consoleUserSchema, { method: 'POST', body });
export const updateUser = (id: string, body: UpdateUserRequest) => api(`/api/v1/users/${encodeURIComponent(id)}`, consoleUserSchema, { method: 'PATCH', body });

export const listEvents = () => api('/api/v1/events', z.array(eventSchema));
export const getEvent = (id: string) => api(ev(id), eventSchema);
export const createEvent = (body: Partial<CreateEventRequest>) => api('/api/v1/events', eventSchema, { method: 'POST', body });
export const updateEvent = (id: string, body: UpdateEventRequest) => api(ev(id), eventSchema, { method: 'PATCH', body });

export const listTicketTypes = (id: string) => api(`${ev(id)}/ticket-types`, z.array(ticketTypeSchema));
export const createTicketType = (id: string, body: Partial<CreateTicketTypeRequest>) =>
  api(`${ev(id)}/ticket-types`, ticketTypeSchema, { method: 'POST', body });
export const updateTicketType = (id: string, tid: string, body: UpdateTicketTypeRequest) =>
  api(`${ev(id)}/ticket-types/${encodeURIComponent(tid)}`, ticketTypeSchema, { method: 'PATCH', body });

export const listEntrances = (id: string) => api(`${ev(id)}/entrances`, z.array(entranceSchema));
export const createEntrance = (id: string, body: Partial<CreateEntranceRequest>) => api(`${ev(id)}/entrances`, entranceSchema, { method: 'POST', body });
export const updateEntrance = (id: string, eid: string, body: UpdateEntranceRequest) =>
  api(`${ev(id)}/entrances/${encodeURIComponent(eid)}`, entranceSchema, { method: 'PATCH', body });
export const removeEntrance = (id: string, eid: string) => api(`${ev(id)}/entrances/${encodeURIComponent(eid)}`, entranceSchema, { method: 'DELETE' });

export const listCredentials = (id: string) => api(`${ev(id)}/credentials`, z.array(credentialSchema));
export const createCredential = (id: string, body: Partial<CreateCredentialRequest>) =>
  api(`${ev(id)}/credentials`, createdCredentialSchema, { method: 'POST', body });
export const revokeCredential = (id: string, cid: string) => api(`${ev(id)}/credentials/${encodeURIComponent(cid)}`, credentialSchema, { method: 'DELETE' });

export const getDeviceBoard = (id: string) => api(`${ev(id)}/devices`, deviceBoardSchema);
export const revokeDevice = (id: string, did: string) => api(`${ev(id)}/devices/${encodeURIComponent(did)}/revoke`, deviceBoardRowSchema, { method: 'POST' });

export const importAttendeesCsv = (id: string, file: Blob) =>
  api(`${ev(id)}/attendees/import`, importResultSchema, { method: 'POST', body: file, contentType: 'text/csv' });
export const searchAttendees = (id: string, q: string, cursor?: string | null) => {
  const query = new URLSearchParams({ limit: '50' });
  if (q) query.set('q', q);
  if (cursor) query.set('cursor', cursor);
  return api(`${ev(id)}/attendees?${query}`, attendeePageSchema);
};

export const attendeeHistory = (id: string, attendeeId: number) => api(`${ev(id)}/attendees/${attendeeId}/history`, attendeeHistorySchema);
export const checkInByHand = (id: string, attendeeId: number, body: ManualCheckInRequest) =>
  api(`${ev(id)}/attendees/${attendeeId}/check-in`, scanResultSchema, { method: 'POST', body });
export const undoCheckIn = (id: string, attendeeId: number, scanId: string, reason: string) =>
  api(`${ev(id)}/attendees/${attendeeId}/check-ins/${encodeURIComponent(scanId)}/undo`, auditRowSchema, { method: 'POST', body: { reason } });

export const connectTickera = (id: string, body: ConnectTickeraRequest) => api(`${ev(id)}/tickera`, tickeraConnectionSchema, { method: 'POST', body });
export const getTickeraStatus = (id: string) => api(`${ev(id)}/tickera`, tickeraStatusSchema);
export const startSync = (id: string, options: { confirmRevocations?: boolean } = {}) =>
  api(`${ev(id)}/sync${options.confirmRevocations ? '?confirm_revocations=true' : ''}`, syncRunSchema, { method: 'POST' });
export const discoverTickera = (body: DiscoverTickeraRequest) => api('/api/v1/tickera/discover', tickeraDiscoverySchema, { method: 'POST', body });
export const importTickera = (body: ImportTickeraRequest) => api('/api/v1/tickera/import', tickeraImportSchema, { method: 'POST', body });
export const getSyncRun = (id: string, run: string) => api(`${ev(id)}/sync/${encodeURIComponent(run)}`, syncRunSchema);

export const getStats = (id: string) => api(`${ev(id)}/stats`, eventStatsSchema);
export const statsStreamUrl = (id: string) => `${ev(id)}/stream`;

/** Audit filters as the query string carries them (strings, empty = not set). */
export type AuditFilters = Partial<
  Record<'verdict' | 'entrance_id' | 'offline' | 'conflicts_only' | 'server_verdict' | 'disputed_only' | 'q' | 'since' | 'until', string>
>;

export function auditQuery(filters: AuditFilters, cursor?: string | null): URLSearchParams {
  const query = new URLSearchParams();
  for (const [k, v] of Object.entries(filters)) if (v) query.set(k, v);
  if (cursor) query.set('cursor', cursor);
  return query;
}
export const listCheckIns = (id: string, filters: AuditFilters, cursor?: string | null) =>
  api(`${ev(id)}/check-ins?${auditQuery({ ...filters }, cursor)}&limit=100`, auditListResponseSchema);
export const checkInsCsvUrl = (id: string, filters: AuditFilters) => `${ev(id)}/check-ins.csv?${auditQuery(filters)}`;
export const voidScan = (scanId: string, reason: string) =>
  api(`/api/v1/check-ins/${encodeURIComponent(scanId)}/void`, auditRowSchema, { method: 'POST', body: { reason } });

/** The conflicts inbox: `state` open, resolved or all. */
export const listConflicts = (id: string, state: string, cursor?: string | null) =>
  api(`${ev(id)}/conflicts?${new URLSearchParams({ state, ...(cursor ? { cursor } : {}) })}`, inboxPageSchema);
export const reviewConflict = (id: string, scanId: string, body: ReviewRequest) =>
  api(`${ev(id)}/conflicts/${encodeURIComponent(scanId)}/reviews`, inboxCaseSchema, { method: 'POST', body });
