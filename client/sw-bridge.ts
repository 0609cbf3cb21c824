// The only module that talks to navigator.serviceWorker: registration, state, update
// prompt and messages. Everything else asks this module.
import { Workbox } from 'workbox-window';

export type ServiceWorkerState = 'unsupported' | 'installing' | 'controlling';

const listeners = new Set<(state: ServiceWorkerState) => void>();
let state: ServiceWorkerState = 'unsupported';
let workbox: Workbox | undefined;

function setState(next: ServiceWorkerState) {
  state = next;
  for (const l of listeners) l(state);
}

export function onServiceWorkerState(listener: (state: ServiceWorkerState) => void): () => void {
  listeners.add(listener);
  listener(state);
  return () => listeners.delete(listener);
}

export async function registerServiceWorker(): Promise<void> {
  if (!('serviceWorker' in navigator)) return;
  setState(navigator.serviceWorker.controller ? 'controlling' : 'installing');
  workbox = new Workbox('/sw.js', { scope: '/' });
  workbox.addEventListener('controlling', () => setState('controlling'));
  await workbox.register();
}

export function getWorkbox(): Workbox | undefined {
  return workbox;
}
