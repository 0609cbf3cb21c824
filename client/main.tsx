import { render } from 'preact';
import { App } from './App.tsx';
import { registerServiceWorker } from './sw-bridge.ts';
import './styles.css';

render(<App />, document.getElementById('app')!);
void registerServiceWorker();
