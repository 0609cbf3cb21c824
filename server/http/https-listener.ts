// The optional HTTPS listener (ENABLE_HTTPS=true): the same app on HTTPS_PORT with the
// certificate from SSL_CERT_PATH/SSL_KEY_PATH, re-read on SIGHUP so a renewed certificate
// is served without a restart.
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import { createSecureContext } from 'node:tls';
import { serve } from '@hono/node-server';
import type { Config } from '../config.ts';
import type { Logger } from '../logger.ts';

export class TlsFilesError extends Error {}

export interface TlsFiles {
  cert: Buffer;
  key: Buffer;
}

function readOne(variable: string, path: string): Buffer {
  try {
    return readFileSync(path);
  } catch (err) {
    throw new TlsFilesError(`${variable}: cannot read ${path} (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
  }
}

/** Reads and checks the certificate and key; a TlsFilesError names the variable and file. */
export function readTlsFiles(https: Config['https']): TlsFiles {
  const cert = readOne('SSL_CERT_PATH', https.certPath!);
  const key = readOne('SSL_KEY_PATH', https.keyPath!);
  try {
    createSecureContext({ cert });
  } catch {
    throw new TlsFilesError(`SSL_CERT_PATH: ${https.certPath} is not a PEM certificate`);
  }
  try {
    createSecureContext({ key });
  } catch {
    throw new TlsFilesError(`SSL_KEY_PATH: ${https.keyPath} is not a PEM private key`);
  }
  try {
    createSecureContext({ cert, key });
  } catch {
    throw new TlsFilesError(`SSL_KEY_PATH: ${https.keyPath} does not match the certificate in ${https.certPath}`);
  }
  return { cert, key };
}

/** Listens with HTTPS on HTTPS_PORT and reloads the certificate on SIGHUP. */
export function startHttpsListener(
  fetch: (request: Request) => Response | Promise<Response>,
  config: Pick<Config, 'https' | 'host'>,
  tls: TlsFiles,
  logger: Logger,
): Server {
  const server = serve({ fetch, port: config.https.port, hostname: config.host, createServer, serverOptions: { cert: tls.cert, key: tls.key } }, (info) =>
    logger.info({ port: info.port }, `FastCheck listening with HTTPS on port ${info.port}`),
  ) as Server;
  const reload = () => {
    try {
      const files = readTlsFiles(config.https);
      server.setSecureContext({ cert: files.cert, key: files.key });
      logger.info({ certPath: config.https.certPath }, 'TLS certificate reloaded');
    } catch (err) {
      // The running certificate stays in use; the operator sees why the new one was refused.
      logger.error({ err: (err as Error).message }, 'TLS certificate not reloaded; keeping the current one');
    }
  };
  process.on('SIGHUP', reload);
  server.once('close', () => process.off('SIGHUP', reload));
  return server;
}
