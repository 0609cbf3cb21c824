// Every HTTP header FastCheck defines, written once for the server, the phone's page and
// its service worker.

/** Request header: the phone protocol version the client speaks (see protocol-version.ts). */
export const PROTOCOL_HEADER = 'x-fastcheck-protocol';

/** Response header from the service worker: `locally` when it decided the scan on the phone. */
export const DECIDED_HEADER = 'x-fastcheck-decided';
/** Milliseconds from the request to the local verdict. */
export const DECISION_MS_HEADER = 'x-fastcheck-decision-ms';
/** Milliseconds to the verdict stored: lookup, verdict and the committed scan, outbox row and attendee. */
export const STORED_MS_HEADER = 'x-fastcheck-stored-ms';

/**
 * Response header on every phone route: the server's clock in milliseconds since the epoch,
 * stamped as the answer leaves (the standard `Date` header has only whole seconds). The phone
 * learns its clock offset from it.
 */
export const SERVER_TIME_HEADER = 'x-fastcheck-server-time';
