// Every response carries the security headers; HSTS only over HTTPS.
import { describe, expect, it } from 'vitest';
import { makeTestApp, testConfig } from '../test/app.ts';
import { useTestDatabase } from '../test/db.ts';

describe('security headers', () => {
  const t = useTestDatabase('pglite');

  it('are on pages, API answers and errors, without HSTS over plain HTTP', async () => {
    const { app } = makeTestApp(t().database);
    for (const path of ['/health', '/api/v1/no-such-route', '/console/']) {
      const res = await app.request(path);
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp, path).toContain("default-src 'self'");
      expect(csp, path).toContain("frame-ancestors 'none'");
      expect(csp, path).toContain("object-src 'none'");
      expect(res.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(res.headers.get('x-frame-options'), path).toBe('DENY');
      expect(res.headers.get('referrer-policy'), path).toBe('no-referrer');
      expect(res.headers.get('strict-transport-security'), path).toBeNull();
    }
  });

  it('add HSTS when the request came over HTTPS', async () => {
    const { app } = makeTestApp(t().database);
    const res = await app.request('https://checkin.example.org/health');
    expect(res.headers.get('strict-transport-security')).toBe('max-age=31536000; includeSubDomains');
  });

  it('trust X-Forwarded-Proto only behind a trusted proxy', async () => {
    const forwarded = { headers: { 'x-forwarded-proto': 'https' } };
    const { app: direct } = makeTestApp(t().database);
    expect((await direct.request('/health', forwarded)).headers.get('strict-transport-security')).toBeNull();
    const { app: proxied } = makeTestApp(t().database, { config: testConfig({ TRUST_PROXY: 'true' }) });
    expect((await proxied.request('/health', forwarded)).headers.get('strict-transport-security')).not.toBeNull();
  });
});
