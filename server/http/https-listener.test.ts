// The HTTPS listener of the real process: serves the app with the configured certificate,
// serves a renewed certificate after SIGHUP, and refuses to start on an unreadable file.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TLSSocket } from 'node:tls';
import { describe, expect, it } from 'vitest';
import { freePort } from '../test/free-port.ts';
import { ServerProcess } from '../test/server-process.ts';

/** A self-signed certificate for `name`, written as cert.pem/key.pem into `dir`. */
function selfSigned(dir: string, name: string) {
  execFileSync(
    'openssl',
    ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', `/CN=${name}`, '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem')],
    { stdio: 'ignore' },
  );
}

/** GET over HTTPS, trusting any certificate; returns the status, body and the served certificate's CN. */
function getOverHttps(port: number, path: string) {
  return new Promise<{ status: number; body: string; commonName: string }>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, rejectUnauthorized: false, agent: false }, (res) => {
      const commonName = String((res.socket as TLSSocket).getPeerCertificate().subject.CN);
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode!, body, commonName }));
    });
    req.on('error', reject);
    req.end();
  });
}

const baseEnv = (dataDir: string, port: number) => ({
  PORT: String(port),
  HOST: '127.0.0.1',
  FASTCHECK_DATA_DIR: dataDir,
  DATABASE_URL: '',
  LOG_LEVEL: 'info',
  TICKERA_SCHEDULER: 'off',
  NODE_ENV: 'development',
});

describe('ENABLE_HTTPS', () => {
  it('serves the app over HTTPS on HTTPS_PORT and serves a renewed certificate after SIGHUP', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fc-https-'));
    selfSigned(dir, 'first.fastcheck.test');
    const [port, httpsPort] = [await freePort(), await freePort()];
    const server = ServerProcess.spawn({
      ...baseEnv(dir, port),
      ENABLE_HTTPS: 'true',
      HTTPS_PORT: String(httpsPort),
      SSL_CERT_PATH: join(dir, 'cert.pem'),
      SSL_KEY_PATH: join(dir, 'key.pem'),
    });
    try {
      await server.waitForLine(/FastCheck listening with HTTPS/);
      const first = await getOverHttps(httpsPort, '/health');
      expect(first.status).toBe(200);
      expect(JSON.parse(first.body)).toEqual({ status: 'ok', db: 'ok' });
      expect(first.commonName).toBe('first.fastcheck.test');

      selfSigned(dir, 'renewed.fastcheck.test');
      server.child.kill('SIGHUP');
      await server.waitForLine(/TLS certificate reloaded/);
      expect((await getOverHttps(httpsPort, '/health')).commonName).toBe('renewed.fastcheck.test');

      // A broken renewal keeps the working certificate and says why.
      writeFileSync(join(dir, 'cert.pem'), 'not a certificate');
      server.child.kill('SIGHUP');
      await server.waitForLine(/TLS certificate not reloaded/);
      expect((await getOverHttps(httpsPort, '/health')).commonName).toBe('renewed.fastcheck.test');
    } finally {
      await server.stop();
    }
    expect(await server.exited).toBe(0);
  });

  it('stops at start with one line naming the variable and the file when the certificate is unreadable', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fc-https-'));
    selfSigned(dir, 'x.fastcheck.test');
    const missing = join(dir, 'missing.pem');
    const server = ServerProcess.spawn({
      ...baseEnv(dir, await freePort()),
      ENABLE_HTTPS: 'true',
      HTTPS_PORT: String(await freePort()),
      SSL_CERT_PATH: missing,
      SSL_KEY_PATH: join(dir, 'key.pem'),
    });
    expect(await server.exited).toBe(1);
    expect(server.log.trim()).toBe(`SSL_CERT_PATH: cannot read ${missing} (ENOENT)`);
  });
});
