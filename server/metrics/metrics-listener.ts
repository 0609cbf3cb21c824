// Serves /metrics on 127.0.0.1:METRICS_PORT only, never on the public port.
import { createServer, type Server } from 'node:http';
import type { Logger } from '../logger.ts';
import type { Metrics } from './registry.ts';

export function startMetricsListener(metrics: Metrics, port: number, logger: Logger): Server {
  const server = createServer((req, res) => {
    if (req.method !== 'GET' || req.url !== '/metrics') {
      res.writeHead(404).end();
      return;
    }
    metrics.scrape().then(
      (body) => res.writeHead(200, { 'content-type': metrics.registry.contentType }).end(body),
      () => res.writeHead(500).end(),
    );
  });
  server.listen(port, '127.0.0.1', () => logger.info({ port }, `metrics on http://127.0.0.1:${port}/metrics`));
  return server;
}
