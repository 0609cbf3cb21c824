// What this phone says about itself on every signed-in request, for the organiser's devices
// board: scans in its outbox, its app version, its storage promise and its clock offset.
// The page and the service worker each keep their own copy (one JS context each) and feed it
// what they know; reading it is synchronous, so a scan never waits for it.
import { deviceReportHeaders as headersOf, type DeviceReport } from '../shared/protocol/device-report.ts';
import { APP_VERSION } from './app-version.ts';
import { knownClockOffsetMs } from './clock-offset.ts';

let current: DeviceReport = { app_version: APP_VERSION };

/** Updates what the next requests report. */
export function noteDeviceReport(patch: DeviceReport): void {
  current = { ...current, ...patch };
}

/** The report as request headers, with the clock offset this context knows now. */
export function deviceReportHeaders(): Record<string, string> {
  const skew = knownClockOffsetMs();
  return headersOf(skew === null ? current : { ...current, clock_skew_ms: skew });
}
