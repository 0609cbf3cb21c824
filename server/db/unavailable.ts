// Tells whether an error means "the database cannot be reached right now" (refused,
// reset, timed out, shut down by an admin) as opposed to a bug or bad data.
const connectionCodes = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'CONNECT_TIMEOUT',
  'CONNECTION_CLOSED',
  'CONNECTION_ENDED',
  'CONNECTION_DESTROYED',
]);
// SQLSTATE: admin_shutdown, crash_shutdown, cannot_connect_now, query_canceled (statement timeout).
const sqlStates = new Set(['57P01', '57P02', '57P03', '57014']);

export function isDatabaseUnavailable(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; e && typeof e === 'object' && depth < 5; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && (connectionCodes.has(code) || sqlStates.has(code))) return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}
