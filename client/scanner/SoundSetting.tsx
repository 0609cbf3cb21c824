import { useEffect, useState } from 'preact/hooks';
import { defaultSound, type SoundSettings } from '../../phone/device-settings.ts';
import { changeSound, loadSound } from './devices/index.ts';

/** The verdict sound on this phone: on or muted, and how loud. Kept on the phone across sign-outs. */
export function SoundSetting() {
  const [sound, setSound] = useState<SoundSettings>(defaultSound);
  useEffect(() => void loadSound().then(setSound), []);
  const change = (next: SoundSettings) => {
    setSound(next);
    void changeSound(next);
  };
  return (
    <fieldset class="sound-setting" data-testid="sound-setting">
      <legend>Verdict sound</legend>
      <label class="inline">
        <input type="checkbox" checked={!sound.muted} onChange={(e) => change({ ...sound, muted: !(e.target as HTMLInputElement).checked })} />
        Sound on
      </label>
      <label class="inline">
        Volume
        <input
          type="range"
          min={0}
          max={100}
          step={10}
          value={Math.round(sound.volume * 100)}
          disabled={sound.muted}
          onInput={(e) => change({ ...sound, volume: Number((e.target as HTMLInputElement).value) / 100 })}
        />
      </label>
    </fieldset>
  );
}
