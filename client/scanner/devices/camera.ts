// The camera as a QR source (@zxing/browser): rear camera first, switch between cameras,
// torch where the track supports it. Decoding keeps running after unreadable frames.
import { BrowserCodeReader, BrowserQRCodeReader, type IScannerControls } from '@zxing/browser';

export interface CameraScanner {
  start(video: HTMLVideoElement, onCode: (text: string) => void): Promise<void>;
  stop(): void;
  /** Moves to the next camera; resolves to its label. */
  switchCamera(): Promise<string>;
  torchAvailable(): boolean;
  setTorch(on: boolean): Promise<void>;
  cameraCount(): number;
}

const REAR = /back|rear|environment|trás|arrière/i;

export function createZxingCamera(): CameraScanner {
  const reader = new BrowserQRCodeReader(undefined, { delayBetweenScanAttempts: 80 });
  let controls: IScannerControls | undefined;
  let cameras: MediaDeviceInfo[] = [];
  let index = 0;
  let video: HTMLVideoElement | undefined;
  let onCode: ((text: string) => void) | undefined;

  async function run(): Promise<void> {
    controls?.stop();
    const deviceId = cameras[index]?.deviceId;
    const callback = (result: { getText(): string } | undefined) => {
      if (result) onCode?.(result.getText());
    };
    controls = deviceId
      ? await reader.decodeFromVideoDevice(deviceId, video, callback)
      : await reader.decodeFromConstraints({ video: { facingMode: 'environment' } }, video, callback);
  }

  return {
    async start(v, cb) {
      video = v;
      onCode = cb;
      cameras = await BrowserCodeReader.listVideoInputDevices().catch(() => []);
      const rear = cameras.findIndex((c) => REAR.test(c.label));
      index = Math.max(rear, 0);
      if (cameras.length <= 1) cameras = []; // one camera (or unlabelled): ask for the rear one by facing mode
      await run();
    },
    stop() {
      controls?.stop();
      controls = undefined;
    },
    async switchCamera() {
      if (cameras.length === 0) cameras = await BrowserCodeReader.listVideoInputDevices().catch(() => []);
      if (cameras.length > 1) {
        index = (index + 1) % cameras.length;
        await run();
      }
      return cameras[index]?.label ?? 'Camera';
    },
    torchAvailable: () => !!controls?.switchTorch,
    async setTorch(on) {
      await controls?.switchTorch?.(on);
    },
    cameraCount: () => Math.max(cameras.length, 1),
  };
}
