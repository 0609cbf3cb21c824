import { useEffect, useState } from 'preact/hooks';
import { ScannerApp } from './scanner/ScannerApp.tsx';
import { onServiceWorkerState, type ServiceWorkerState } from './sw-bridge.ts';

export function App() {
  const [sw, setSw] = useState<ServiceWorkerState>('unsupported');
  useEffect(() => onServiceWorkerState(setSw), []);
  return (
    <main class="shell">
      <header class="app-header">
        <h1>FastCheck</h1>
        <p class="sw-state" data-testid="sw-state">
          {sw === 'controlling' ? 'Ready offline' : sw === 'installing' ? 'Preparing offline mode…' : 'Online only'}
        </p>
      </header>
      <ScannerApp />
    </main>
  );
}
