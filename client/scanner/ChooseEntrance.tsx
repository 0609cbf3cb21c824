import type { StoredSession } from '../../phone/rows.ts';
import { t } from '../i18n/index.ts';

/** For a credential not bound to one entrance: where this phone scans. */
export function ChooseEntrance({ session, onChosen }: { session: StoredSession; onChosen: (id: string) => void }) {
  return (
    <section class="panel" aria-labelledby="entrance-title">
      <h2 id="entrance-title">{t('entrance.title')}</h2>
      <p>{session.event.name}</p>
      <div class="choices">
        {session.entrances.map((e) => (
          <button type="button" key={e.id} onClick={() => onChosen(e.id)}>
            {e.name}
          </button>
        ))}
      </div>
    </section>
  );
}
