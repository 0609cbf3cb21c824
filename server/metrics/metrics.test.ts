// ENABLE_METRICS on the real process: Prometheus text on 127.0.0.1:METRICS_PORT with
// request latency under the route pattern; the public port does not serve them.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { freePort } from '../test/free-port.ts';
import { ServerProcess } from '../test/server-process.ts';

describe('ENABLE_METRICS', () => {
  it('serves Prometheus metrics on 127.0.0.1:METRICS_PORT only', async () => {
    const [port, metricsPort] = [await freePort(), await freePort()];
    const server = ServerProcess.spawn({
      PORT: String(port),
      HOST: '127.0.0.1',
      FASTCHECK_DATA_DIR: mkdtempSync(join(tmpdir(), 'fc-metrics-')),
      DATABASE_URL: '',
      LOG_LEVEL: 'info',
      TICKERA_SCHEDULER: 'off',
      NODE_ENV: 'development',
      ENABLE_METRICS: 'true',
      METRICS_PORT: String(metricsPort),
    });
    try {
      await server.listening();
      await server.waitForLine(/metrics on http:\/\/127\.0\.0\.1/);
      expect((await fetch(`http://127.0.0.1:${port}/health`)).status).toBe(200);
      expect((await fetch(`http://127.0.0.1:${port}/api/v1/events/abc/entrances`)).status).toBe(401);
      // The public port knows no /metrics: a plain JSON 404, never the PWA shell (built or not), never the metrics.
      const publicMetrics = await fetch(`http://127.0.0.1:${port}/metrics`);
      expect(publicMetrics.status).toBe(404);
      expect(publicMetrics.headers.get('content-type')).toContain('application/json');
      expect(await publicMetrics.json()).toMatchObject({ error: { code: 'not_found' } });

      const scrape = await fetch(`http://127.0.0.1:${metricsPort}/metrics`);
      expect(scrape.status).toBe(200);
      const text = await scrape.text();
      expect(text).toContain('fastcheck_http_request_duration_seconds_count{method="GET",route="/health",status="200"} 1');
      // The route pattern, not the raw path, so labels stay bounded.
      expect(text).toMatch(/route="\/api\/v1\/events\/:id\/entrances",status="401"/);
      expect(text).not.toContain('/api/v1/events/abc/');
      expect(text).toContain('process_resident_memory_bytes');
      expect(text).toContain('fastcheck_checkins_accepted_total 0');
      // Read at scrape time from the real (embedded) database.
      expect(text).toContain('fastcheck_database_up 1');
      expect(text).toContain('fastcheck_tickera_writeback_queue{state="pending"} 0');
    } finally {
      await server.stop();
    }
    expect(await server.exited).toBe(0);
  });
});
