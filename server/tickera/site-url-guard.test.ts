// A Tickera site_url that is or resolves to an address inside the server's own network is
// refused with a field error on site_url, unless TICKERA_ALLOW_PRIVATE=true.
import { describe, expect, it } from 'vitest';
import { consoleRequest, makeUser, signIn } from '../organiser/console-test-kit.ts';
import { makeTestApp, testConfig } from '../test/app.ts';
import { useTestDatabase } from '../test/db.ts';
import { assertPublicSiteUrl, isNonPublicAddress } from './site-url-guard.ts';
import { insertEvent } from './test-kit.ts';

describe('the Tickera site_url guard', () => {
  it('knows loopback, private, link-local and metadata addresses from public ones', () => {
    for (const a of [
      '127.0.0.1',
      '10.1.2.3',
      '172.16.0.9',
      '192.168.1.10',
      '169.254.169.254',
      '0.0.0.0',
      '::1',
      'fe80::1',
      'fd00:ec2::254',
      '::ffff:127.0.0.1',
    ]) {
      expect(isNonPublicAddress(a), a).toBe(true);
    }
    for (const a of ['93.184.215.14', '1.1.1.1', '2606:4700:4700::1111']) expect(isNonPublicAddress(a), a).toBe(false);
  });

  it('refuses a name that resolves to loopback, and allows it with TICKERA_ALLOW_PRIVATE', async () => {
    await expect(assertPublicSiteUrl('http://localhost:8787', false)).rejects.toMatchObject({ status: 422 });
    await expect(assertPublicSiteUrl('http://localhost:8787', true)).resolves.toBeUndefined();
    await expect(assertPublicSiteUrl('https://1.1.1.1', false)).resolves.toBeUndefined();
  });

  describe('connecting an event over HTTP', () => {
    const t = useTestDatabase('postgres');

    it.each(['http://127.0.0.1:8787', 'http://169.254.169.254', 'http://[fd00:ec2::254]', 'http://[fe80::1]', 'http://10.0.0.5'])(
      'answers 422 naming site_url for %s',
      async (siteUrl) => {
        const { app } = makeTestApp(t().database, { config: testConfig({ TICKERA_ALLOW_PRIVATE: 'false' }) });
        const organiser = await makeUser(t().database, 'organiser');
        const cookie = await signIn(app, organiser.email);
        const eventId = await insertEvent(t().database, 'Guarded Fest', organiser.id);
        const res = await consoleRequest(app, cookie, 'POST', `/api/v1/events/${eventId}/tickera`, { site_url: siteUrl, api_key: 'ABCDEF12' });
        expect(res.status).toBe(422);
        const body = (await res.json()) as { error: { code: string; details: { issues: { path: string; message: string }[] } } };
        expect(body.error.code).toBe('validation_failed');
        expect(body.error.details.issues[0]!.path).toBe('site_url');
        expect(body.error.details.issues[0]!.message).toContain('TICKERA_ALLOW_PRIVATE=true');
      },
    );
  });
});
