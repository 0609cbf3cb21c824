// A stray promise rejection (e.g. a database connection dropped under a pipelined query)
// is logged, never fatal: the server keeps answering.
import type { Logger } from 'pino';

export function logUnhandledRejections(logger: Logger) {
  process.on('unhandledRejection', (reason) => {
    logger.error({ err: reason }, 'unhandled promise rejection');
  });
}
