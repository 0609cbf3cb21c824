import { render } from 'preact';
import { ConsoleApp } from './ConsoleApp.tsx';
import './console.css';

render(<ConsoleApp />, document.getElementById('console')!);
