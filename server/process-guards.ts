// A stray promise rejection (e.g. a database connection dropped under a pipelined query)
// is logged, never fatal: the server keeps answering. The one known stray exception —
// postgres.js 3.4.9 writing to a connection's socket after it was closed — is logged too;
// any other uncaught exception still ends the process.
import type { Logger } from 'pino';

function isDeadSocketWrite(err: unknown): boolean {
  return err instanceof TypeError && /reading 'write'/.test(err.message) && /postgres[\\/]src[\\/]connection\.js/.test(err.stack ?? '');
}

export function logUnhandledRejections(logger: Logger) {
  process.on('unhandledRejection', (reason) => {
    logger.error({ err: reason }, 'unhandled promise rejection');
  });
  process.on('uncaughtException', (err) => {
    if (isDeadSocketWrite(err)) {
      logger.error({ err }, 'database driver wrote to a closed connection; continuing');
      return;
    }
    logger.fatal({ err }, 'uncaught exception');
    process.exit(1);
  });
}
