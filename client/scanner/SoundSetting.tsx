import { useEffect, useRef, useState } from 'preact/hooks';
import { defaultSound, type SoundSettings } from '../../phone/device-settings.ts';
import { t } from '../i18n/index.ts';
import { changeSound, loadSound } from './devices/index.ts';
import { LanguageSetting } from './LanguageSetting.tsx';

/**
 * The verdict sound on this phone: on or muted, and how loud. Kept on the phone across
 * sign-outs. A tap leaves no focus behind: a hardware scanner types into the page, and its
 * keys would otherwise toggle the box or move the slider instead of checking a ticket in.
 */
export function SoundSetting() {
  const [sound, setSound] = useState<SoundSettings>(defaultSound);
  const byPointer = useRef(false);
  useEffect(() => void loadSound().then(setSound), []);
  const save = (next: SoundSettings) => {
    setSound(next);
    void changeSound(next);
  };
  const dropFocusAfterTap = (e: Event) => {
    if (byPointer.current) (e.target as HTMLElement).blur();
    byPointer.current = false;
  };
  return (
    <fieldset
      class="sound-setting"
      data-testid="sound-setting"
      onPointerDown={() => {
        byPointer.current = true;
      }}
    >
      <legend>{t('settings.sound')}</legend>
      <label class="inline">
        <input
          type="checkbox"
          checked={!sound.muted}
          onChange={(e) => {
            save({ ...sound, muted: !(e.target as HTMLInputElement).checked });
            dropFocusAfterTap(e);
          }}
        />
        {t('settings.soundOn')}
      </label>
      <label class="inline">
        {t('settings.volume')}
        <input
          type="range"
          min={0}
          max={100}
          step={10}
          value={Math.round(sound.volume * 100)}
          disabled={sound.muted}
          onInput={(e) => save({ ...sound, volume: Number((e.target as HTMLInputElement).value) / 100 })}
          onChange={dropFocusAfterTap}
        />
      </label>
      <LanguageSetting />
    </fieldset>
  );
}
