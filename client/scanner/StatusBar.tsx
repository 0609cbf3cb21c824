import { Fragment } from 'preact';
import { useLocale } from '../i18n/index.ts';
import { statusLine } from './status-line.ts';
import { useStatus } from './store.ts';

/** One line of state: connection, the list this phone decides with, scans still to upload. */
export function StatusBar() {
  const s = useStatus();
  useLocale();
  const parts = statusLine(s);
  return (
    <p class="status-bar" role="status" data-testid="status-bar">
      {parts.map((p, i) => (
        <Fragment key={p.id}>
          {i > 0 && (
            <span class="sep" aria-hidden="true">
              {' · '}
            </span>
          )}
          <span data-testid={p.id} class={`${p.tone} ${p.shrinks ? 'shrinks' : ''}`}>
            {p.text}
          </span>
        </Fragment>
      ))}
    </p>
  );
}
