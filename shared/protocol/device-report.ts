// What a phone says about itself in request headers (DEVICE_REPORT_HEADERS): its outbox,
// app version, storage promise and clock offset. Each header is checked on its own: a bad
// or absent one is left out and the others still count, and none ever fails the request.
import { z } from 'zod';
import { DEVICE_REPORT_HEADERS } from './headers.ts';
import { storageStates } from './value-lists.ts';

/** Larger outboxes are not believable (a phone stores scans, not millions of them). */
export const MAX_REPORTED_OUTBOX = 1_000_000;
/** A clock more than a year off is a broken header, not a clock. */
export const MAX_REPORTED_SKEW_MS = 366 * 24 * 60 * 60 * 1000;

const integer = (min: number, max: number) =>
  z
    .string()
    .regex(/^-?\d{1,13}$/)
    .transform(Number)
    .pipe(z.number().int().min(min).max(max));

export const deviceReportFieldSchemas = {
  outbox: integer(0, MAX_REPORTED_OUTBOX),
  app_version: z.string().regex(/^[0-9A-Za-z][0-9A-Za-z.+_-]{0,63}$/),
  storage: z.enum(storageStates),
  clock_skew_ms: integer(-MAX_REPORTED_SKEW_MS, MAX_REPORTED_SKEW_MS),
} as const;

export interface DeviceReport {
  outbox?: number;
  app_version?: string;
  storage?: (typeof storageStates)[number];
  clock_skew_ms?: number;
}

const headerOf: Record<keyof DeviceReport, string> = {
  outbox: DEVICE_REPORT_HEADERS.outbox,
  app_version: DEVICE_REPORT_HEADERS.appVersion,
  storage: DEVICE_REPORT_HEADERS.storage,
  clock_skew_ms: DEVICE_REPORT_HEADERS.clockSkew,
};
const fields = Object.keys(headerOf) as Array<keyof DeviceReport>;

/** The report a request carries: only the headers that are present and valid. */
export function readDeviceReport(header: (name: string) => string | null | undefined): DeviceReport {
  const report: Record<string, unknown> = {};
  for (const field of fields) {
    const raw = header(headerOf[field]);
    if (raw === null || raw === undefined) continue;
    const parsed = deviceReportFieldSchemas[field].safeParse(raw.trim());
    if (parsed.success) report[field] = parsed.data;
  }
  return report as DeviceReport;
}

/** The headers that carry `report` (fields it lacks are not sent). */
export function deviceReportHeaders(report: DeviceReport): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const field of fields) {
    const value = report[field];
    if (value !== undefined) headers[headerOf[field]] = String(value);
  }
  return headers;
}
