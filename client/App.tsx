import { useEffect, useState } from 'preact/hooks';
import { onServiceWorkerState, type ServiceWorkerState } from './sw-bridge.ts';

export function App() {
  const [sw, setSw] = useState<ServiceWorkerState>('unsupported');
  useEffect(() => onServiceWorkerState(setSw), []);
  return (
    <main class="shell">
      <h1>FastCheck</h1>
      <p>Event check-in that works without signal.</p>
      <p class="sw-state" data-testid="sw-state">
        {sw === 'controlling' ? 'Ready offline' : sw === 'installing' ? 'Preparing offline mode…' : 'Online only'}
      </p>
    </main>
  );
}
