// Security headers on every response: a CSP the scanner PWA (service worker, camera,
// IndexedDB, zxing) and the console pass, no framing, no sniffing, no referrer, and HSTS
// only when the request came over HTTPS (directly, or via a trusted proxy's X-Forwarded-Proto).
import type { MiddlewareHandler } from 'hono';
import { secureHeaders } from 'hono/secure-headers';
import type { Config } from '../config.ts';

export const CONTENT_SECURITY_POLICY = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'", "'wasm-unsafe-eval'"],
  // Preact writes style attributes; the console's QR codes and camera frames are data:/blob:.
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", 'data:', 'blob:'],
  fontSrc: ["'self'", 'data:'],
  mediaSrc: ["'self'", 'blob:'],
  connectSrc: ["'self'"],
  workerSrc: ["'self'"],
  manifestSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
};

export const HSTS = 'max-age=31536000; includeSubDomains';

export function securityHeaders(config: Pick<Config, 'trustProxy'>): MiddlewareHandler {
  const common = {
    contentSecurityPolicy: CONTENT_SECURITY_POLICY,
    xFrameOptions: 'DENY',
    referrerPolicy: 'no-referrer',
    xContentTypeOptions: true,
  } as const;
  const overHttps = secureHeaders({ ...common, strictTransportSecurity: HSTS });
  const overHttp = secureHeaders({ ...common, strictTransportSecurity: false });
  return (c, next) => {
    const https = new URL(c.req.url).protocol === 'https:' || (config.trustProxy && c.req.header('x-forwarded-proto')?.split(',')[0]?.trim() === 'https');
    return (https ? overHttps : overHttp)(c, next);
  };
}
