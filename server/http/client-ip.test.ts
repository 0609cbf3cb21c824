import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { clientIp, UNKNOWN_IP } from './client-ip.ts';

const appFor = (trustProxy: boolean) => new Hono().get('/ip', (c) => c.text(clientIp(c, { trustProxy })));

describe('clientIp', () => {
  it('ignores X-Forwarded-For unless the proxy is trusted', async () => {
    const res = await appFor(false).request('/ip', { headers: { 'x-forwarded-for': '203.0.113.9' } });
    expect(await res.text()).toBe(UNKNOWN_IP);
  });

  it('behind a trusted proxy takes the entry the proxy appended (right-most)', async () => {
    const res = await appFor(true).request('/ip', { headers: { 'x-forwarded-for': '10.0.0.1, 203.0.113.9' } });
    expect(await res.text()).toBe('203.0.113.9');
  });

  it('reads the socket address when there is one', async () => {
    const { serve } = await import('@hono/node-server');
    const server = serve({ fetch: appFor(false).fetch, port: 0, hostname: '127.0.0.1' });
    await new Promise((r) => server.once('listening', r));
    const { port } = server.address() as { port: number };
    const text = await (await fetch(`http://127.0.0.1:${port}/ip`, { headers: { 'x-forwarded-for': '203.0.113.9' } })).text();
    server.close();
    expect(text).toBe('127.0.0.1');
  });
});
