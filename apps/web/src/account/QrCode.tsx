import { useMemo } from 'react';
import { encodeQr, qrPath } from '../lib/qr';

/** A QR code as SVG; renders nothing if the text is too long for the built-in encoder. */
export function QrCode({ value, label, size = 200 }: { value: string; label: string; size?: number }) {
  const modules = useMemo(() => encodeQr(value), [value]);
  if (!modules) return null;
  const dimension = modules.length + 8;
  return (
    <svg
      role="img"
      aria-label={label}
      width={size}
      height={size}
      viewBox={`0 0 ${dimension} ${dimension}`}
      shapeRendering="crispEdges"
      data-testid="totp-qr"
      style={{ border: '1px solid var(--mantine-color-gray-3)', borderRadius: 8, background: '#fff' }}
    >
      <rect width={dimension} height={dimension} fill="#fff" />
      <path d={qrPath(modules)} fill="#000" />
    </svg>
  );
}
