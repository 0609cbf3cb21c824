// Guards every console route calls: who is signed in, with which role, and whether they
// may read or change a given event. Admins reach everything; organisers the events they
// own or are granted; supervisors may read granted events; door users never use the console.
import type { Context, MiddlewareHandler } from 'hono';
import type { AppEnv, AppVariables } from '../app-env.ts';
import { getEvent, hasGrant, type EventRow } from '../db/repos/events.ts';
import { forbidden, notFound, unauthorized } from '../http/app-error.ts';

declare module 'hono' {
  interface ContextVariableMap {
    /** Set by the eventAccess middleware: the event named by the :id path parameter. */
    event: EventRow;
  }
}

export type SignedInUser = NonNullable<AppVariables['user']>;
export type Role = SignedInUser['role'];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (s: string) => UUID.test(s);

/** The signed-in console user, or 401. */
export function requireUser(c: Context<AppEnv>): SignedInUser {
  const user = c.get('user');
  if (!user) throw unauthorized('Sign in to the console first');
  return user;
}

/** The signed-in user if their role is one of `roles`, else 401/403. */
export function requireRole(c: Context<AppEnv>, ...roles: Role[]): SignedInUser {
  const user = requireUser(c);
  if (!roles.includes(user.role)) throw forbidden(`This needs the ${roles.join(' or ')} role`);
  return user;
}

/**
 * The event, if the signed-in user may read it (or change it, with `write`; with `supervise`
 * too, a supervisor's own desk work on the event counts, such as checking a person in by hand).
 * 401 signed out, 404 no such event, 403 out of the user's scope.
 */
export async function requireEventAccess(c: Context<AppEnv>, eventId: string, options: { write: boolean; supervise?: boolean }): Promise<EventRow> {
  const user = requireUser(c);
  if (user.role === 'door') throw forbidden('Door accounts cannot use the console');
  const db = c.get('database').db;
  const event = isUuid(eventId) ? await getEvent(db, eventId) : undefined;
  if (!event) throw notFound('Event');
  if (user.role === 'admin') return event;
  const inScope = event.ownerId === user.id || (await hasGrant(db, event.id, user.id));
  if (!inScope) throw forbidden('This event is not one of yours');
  if (options.write && user.role !== 'organiser' && !(options.supervise && user.role === 'supervisor')) {
    throw forbidden('Supervisors may look but not change events');
  }
  return event;
}

/** Middleware form of requireRole: runs before body validation, so outsiders get 401/403, not 400. */
export function allowRoles(...roles: Role[]): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    requireRole(c, ...roles);
    await next();
  };
}

/**
 * Middleware for /api/v1/events/:id/… routes: checks access to the event (write for any
 * method but GET/HEAD; `supervise`: supervisors may too) and puts it on `c.var.event`.
 */
export function eventAccess(options: { supervise?: boolean } = {}): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const write = c.req.method !== 'GET' && c.req.method !== 'HEAD';
    c.set('event', await requireEventAccess(c, c.req.param('id') ?? '', { write, ...options }));
    await next();
  };
}
