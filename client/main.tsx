import { render } from 'preact';
import { App } from './App.tsx';
import { captureInstallPrompt } from './install-prompt.ts';
import { registerServiceWorker } from './sw-bridge.ts';
import './styles.css';

/** The check-in deadline can be tuned per phone (localStorage "fastcheck.deadline_ms"); default 1.5 s. */
const deadline = Number(localStorage.getItem('fastcheck.deadline_ms')) || undefined;

captureInstallPrompt();
render(<App />, document.getElementById('app')!);
void registerServiceWorker({ deadlineMs: deadline });
