import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '../i18n/index.ts';
import { devices } from './devices/index.ts';
import type { CameraScanner } from './devices/camera.ts';
import { RecentCodes } from './recent-codes.ts';
import { cameraProblem } from './status-line.ts';

/** The live camera: each code read once per 2 s; bad frames are skipped, the camera keeps going. */
export function CameraPanel({ onCode, onClose }: { onCode: (text: string) => void; onClose: () => void }) {
  const video = useRef<HTMLVideoElement>(null);
  const camera = useRef<CameraScanner>();
  const [torch, setTorch] = useState<boolean | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [label, setLabel] = useState('');
  const latest = useRef(onCode);
  latest.current = onCode;

  useEffect(() => {
    const cam = devices.camera();
    camera.current = cam;
    const recent = new RecentCodes(2000);
    cam
      .start(video.current!, (text) => {
        if (recent.admit(text, performance.now())) latest.current(text);
      })
      .then(() => setTorch(cam.torchAvailable() ? false : null))
      .catch((e: unknown) => setProblem(cameraProblem(e, { secure: window.isSecureContext, hasGetUserMedia: !!navigator.mediaDevices?.getUserMedia })));
    return () => cam.stop();
  }, []);

  return (
    <section class="camera" data-testid="camera">
      {/* Above the (black) video, so a small screen shows why without scrolling. */}
      {problem && (
        <p class="warn" role="alert" data-testid="camera-problem">
          {problem}
        </p>
      )}
      <video ref={video} muted playsInline data-testid="camera-video" />
      <div class="camera-buttons">
        <button type="button" onClick={() => void camera.current?.switchCamera().then(setLabel)}>
          {t('camera.switch')}
        </button>
        {torch !== null && (
          <button type="button" onClick={() => void camera.current?.setTorch(!torch).then(() => setTorch(!torch))}>
            {torch ? t('camera.torchOff') : t('camera.torchOn')}
          </button>
        )}
        <button type="button" onClick={onClose}>
          {t('camera.close')}
        </button>
      </div>
      {label && <p>{label}</p>}
    </section>
  );
}
