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

/**
 * Request headers a signed-in phone adds to the requests it already makes (sync, upload,
 * online scan, its event stream), so the devices board knows each phone's state without a
 * request of its own. See shared/protocol/device-report.ts for the values and their checks.
 */
export const DEVICE_REPORT_HEADERS = {
  /** Scans waiting in the phone's outbox when the request left (an upload's own scans included). */
  outbox: 'x-fastcheck-outbox',
  /** The app build the phone runs (shared/app-version.ts). */
  appVersion: 'x-fastcheck-app-version',
  /** `persisted` when the browser promised to keep the phone's data, `best_effort` when it refused. */
  storage: 'x-fastcheck-storage',
  /** The phone's clock offset: server minus phone, in milliseconds. */
  clockSkew: 'x-fastcheck-clock-skew-ms',
} as const;
