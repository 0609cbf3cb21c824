// The Prometheus metrics of this process (prom-client): default process metrics, HTTP
// request latency by route pattern (bounded cardinality) and status, accepted check-ins.
import type { MiddlewareHandler } from 'hono';
import { Counter, collectDefaultMetrics, Histogram, Registry } from 'prom-client';
import type { Bus } from '../bus.ts';
import { CHECKIN_ACCEPTED_TOPIC } from '../checkin/events.ts';

export interface Metrics {
  registry: Registry;
  /** Times every request under its Hono route pattern. */
  middleware: MiddlewareHandler;
  /** Stops listening to the bus. */
  stop(): void;
}

export function createMetrics(bus: Bus): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const requestSeconds = new Histogram({
    name: 'fastcheck_http_request_duration_seconds',
    help: 'HTTP request latency by method, route pattern and status',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [registry],
  });
  const checkinsAccepted = new Counter({
    name: 'fastcheck_checkins_accepted_total',
    help: 'Check-ins accepted (admissions recorded)',
    registers: [registry],
  });
  const unsubscribe = bus.subscribe(CHECKIN_ACCEPTED_TOPIC, () => checkinsAccepted.inc());
  const middleware: MiddlewareHandler = async (c, next) => {
    const end = requestSeconds.startTimer();
    try {
      await next();
    } finally {
      const route = c.req.matchedRoutes.find((r) => r.method !== 'ALL')?.path ?? 'unmatched';
      end({ method: c.req.method, route, status: String(c.res.status) });
    }
  };
  return { registry, middleware, stop: unsubscribe };
}
