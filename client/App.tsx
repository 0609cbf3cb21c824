import { useEffect, useState } from 'preact/hooks';
import { t, useLocale } from './i18n/index.ts';
import { ScannerApp } from './scanner/ScannerApp.tsx';
import { offlineReadiness } from './scanner/status-line.ts';
import { useStatus } from './scanner/store.ts';
import { onServiceWorkerState, type ServiceWorkerState } from './sw-bridge.ts';

export function App() {
  // Not 'unsupported' before the bridge reports: that would flash "Online only" at every start.
  const [sw, setSw] = useState<ServiceWorkerState>('serviceWorker' in navigator ? 'installing' : 'unsupported');
  const { attendees, online } = useStatus();
  // A new language (or the event's zone) re-renders the whole door.
  useLocale();
  useEffect(() => onServiceWorkerState(setSw), []);
  const ready = offlineReadiness({ sw, secure: window.isSecureContext, attendees, online });
  return (
    <main class="shell">
      <header class="app-header">
        <h1>{t('app.name')}</h1>
        {/* Kept in the page while empty (offline: the status line says it), so tests can read data-sw. */}
        <p class={`sw-state ${ready.tone}`} data-testid="sw-state" data-sw={sw} hidden={!ready.text}>
          {ready.text}
        </p>
      </header>
      {ready.why && (
        <p class="hint" role="note" data-testid="sw-why">
          {ready.why}
        </p>
      )}
      <ScannerApp />
    </main>
  );
}
