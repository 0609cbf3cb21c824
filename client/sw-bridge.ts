// The only module that talks to navigator.serviceWorker: registration, state, the
// "update ready" prompt and typed messages both ways. An update is activated only when
// the page asks (at an idle moment); the page then reloads under the new worker.
import { Workbox } from 'workbox-window';
import { parseSwToPage, type PageToSwMessage, type SwToPageMessage } from '../shared/protocol/sw-messages.ts';

export type ServiceWorkerState = 'unsupported' | 'installing' | 'controlling';

const listeners = new Set<(state: ServiceWorkerState) => void>();
const messageListeners = new Set<(message: SwToPageMessage) => void>();
const updateListeners = new Set<() => void>();
let state: ServiceWorkerState = 'unsupported';
let workbox: Workbox | undefined;
let updateWaiting = false;
let applyingUpdate = false;

function setState(next: ServiceWorkerState) {
  state = next;
  for (const l of listeners) l(state);
}

export function onServiceWorkerState(listener: (state: ServiceWorkerState) => void): () => void {
  listeners.add(listener);
  listener(state);
  return () => listeners.delete(listener);
}

export function onServiceWorkerMessage(listener: (message: SwToPageMessage) => void): () => void {
  messageListeners.add(listener);
  return () => messageListeners.delete(listener);
}

/** Called once a new version is installed and waiting. */
export function onUpdateReady(listener: () => void): () => void {
  updateListeners.add(listener);
  if (updateWaiting) listener();
  return () => updateListeners.delete(listener);
}

export async function registerServiceWorker(options: { deadlineMs?: number } = {}): Promise<void> {
  if (!('serviceWorker' in navigator)) return;
  setState(navigator.serviceWorker.controller ? 'controlling' : 'installing');
  navigator.serviceWorker.addEventListener('message', (event) => {
    const message = parseSwToPage(event.data);
    if (message) for (const l of messageListeners) l(message);
  });
  workbox = new Workbox('/sw.js', { scope: '/' });
  workbox.addEventListener('controlling', () => {
    setState('controlling');
    if (options.deadlineMs) postToServiceWorker({ type: 'configure', deadline_ms: options.deadlineMs });
    if (applyingUpdate) window.location.reload();
  });
  workbox.addEventListener('waiting', () => {
    updateWaiting = true;
    for (const l of updateListeners) l();
  });
  await workbox.register();
  if (options.deadlineMs) postToServiceWorker({ type: 'configure', deadline_ms: options.deadlineMs });
}

export function postToServiceWorker(message: PageToSwMessage): void {
  navigator.serviceWorker?.controller?.postMessage(message);
}

/** Activates the waiting version; the page reloads when it takes control. */
export function applyUpdate(): void {
  if (!workbox || !updateWaiting) return;
  applyingUpdate = true;
  workbox.messageSkipWaiting();
}

/** Asks the browser for a fresh copy of sw.js (new versions are otherwise found on navigation). */
export async function checkForUpdate(): Promise<void> {
  await workbox?.update();
}

export function getWorkbox(): Workbox | undefined {
  return workbox;
}
