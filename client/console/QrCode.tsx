import QRCode from 'qrcode';
import { useMemo } from 'preact/hooks';

/** A QR code drawn as one SVG path from the `qrcode` module matrix: crisp at any size. */
export function QrCode({ text, label, size = 260 }: { text: string; label: string; size?: number }) {
  const { path, n } = useMemo(() => {
    const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
    let d = '';
    for (let y = 0; y < modules.size; y++) {
      for (let x = 0; x < modules.size; x++) if (modules.get(x, y)) d += `M${x + 4} ${y + 4}h1v1h-1z`;
    }
    return { path: d, n: modules.size + 8 };
  }, [text]);
  return (
    <svg
      class="qr"
      role="img"
      aria-label={label}
      width={size}
      height={size}
      viewBox={`0 0 ${n} ${n}`}
      shape-rendering="crispEdges"
      data-testid="provisioning-qr"
    >
      <rect width={n} height={n} fill="#fff" />
      <path d={path} fill="#000" />
    </svg>
  );
}
