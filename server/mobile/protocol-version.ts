// Refuses a phone that speaks a protocol version this server does not (see
// shared/protocol/protocol-version.ts), before anything else about the request is read.
// - no header: taken as the current version (a script or curl that follows the docs);
// - not a whole number: 400 validation_failed naming the header;
// - older than the minimum: 426 Upgrade Required, `unsupported_protocol` (update the app);
// - newer than this server: 400 `unsupported_protocol` (the server is the older one:
//   updating the phone cannot help, so it is not a 426).
// details carry {client_version, min_version, current_version}.
import type { MiddlewareHandler } from 'hono';
import { PROTOCOL_HEADER } from '../../shared/protocol/headers.ts';
import { MIN_SUPPORTED_PROTOCOL_VERSION, PROTOCOL_VERSION } from '../../shared/protocol/protocol-version.ts';
import { AppError } from '../http/app-error.ts';

const range = { min: MIN_SUPPORTED_PROTOCOL_VERSION, current: PROTOCOL_VERSION };

export const requireSupportedProtocol: MiddlewareHandler = async (c, next) => {
  const raw = c.req.header(PROTOCOL_HEADER);
  if (raw === undefined) return next();
  if (!/^\s*\d{1,9}\s*$/.test(raw)) {
    throw new AppError('validation_failed', 400, `Invalid header: ${PROTOCOL_HEADER}: must be a whole number`, {
      issues: [{ path: PROTOCOL_HEADER, message: 'must be a whole number' }],
    });
  }
  const version = Number(raw);
  const details = { client_version: version, min_version: range.min, current_version: range.current };
  if (version < range.min) {
    throw new AppError(
      'unsupported_protocol',
      426,
      `This app speaks protocol version ${version}; the server needs at least ${range.min}. Update the app.`,
      details,
    );
  }
  if (version > range.current) {
    throw new AppError(
      'unsupported_protocol',
      400,
      `This app speaks protocol version ${version}, newer than the server's ${range.current}: the server must be updated first.`,
      details,
    );
  }
  return next();
};
