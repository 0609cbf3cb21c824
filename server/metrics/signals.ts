// What the rest of the server tells the metrics, as in-process bus messages: publishing
// costs nothing when metrics are off (nobody subscribes) and keeps prom-client out of the
// use cases. metrics/registry.ts is the only subscriber.
import type { Bus } from '../bus.ts';

/** Scans freshly recorded (stored repeats are not counted again), after commit. */
export const SCANS_RECORDED_SIGNAL = 'metrics.scans-recorded';
export interface ScansRecordedSignal {
  source: 'online' | 'upload';
  /** One verdict per scan recorded. */
  verdicts: string[];
  /** Uploads: seconds from each scan to its arrival here (how long it sat in the phone's outbox). */
  delaysSeconds: number[];
}

/** One scan-batch upload received (POST /api/v1/mobile/scans or /api/v1/check-in/batch). */
export const SCAN_UPLOAD_SIGNAL = 'metrics.scan-upload';
export interface ScanUploadSignal {
  scans: number;
}

/** A Tickera sync run ended. */
export const SYNC_FINISHED_SIGNAL = 'metrics.sync-finished';
export interface SyncFinishedSignal {
  result: 'succeeded' | 'failed';
}

/** An SSE client connected (+1) or left (-1). */
export const SSE_CLIENTS_SIGNAL = 'metrics.sse-clients';
export interface SseClientsSignal {
  stream: 'stats' | 'phone-events';
  change: 1 | -1;
}

export const signal = {
  scansRecorded: (bus: Bus, s: ScansRecordedSignal) => bus.publish(SCANS_RECORDED_SIGNAL, s),
  scanUpload: (bus: Bus, s: ScanUploadSignal) => bus.publish(SCAN_UPLOAD_SIGNAL, s),
  syncFinished: (bus: Bus, s: SyncFinishedSignal) => bus.publish(SYNC_FINISHED_SIGNAL, s),
  sseClients: (bus: Bus, s: SseClientsSignal) => bus.publish(SSE_CLIENTS_SIGNAL, s),
};
