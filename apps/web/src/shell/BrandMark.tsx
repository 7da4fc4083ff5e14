/** The SIDAKIN mark: three rising bars on a baseline (data kinerja going up). */
export function BrandMark({ size = 36, inverted = false }: { size?: number; inverted?: boolean }) {
  const bg = inverted ? '#ffffff' : '#0b4a8b';
  const fg = inverted ? '#0b4a8b' : '#ffffff';
  return (
    <svg width={size} height={size} viewBox="0 0 64 64" aria-hidden="true" focusable="false">
      <rect width="64" height="64" rx="14" fill={bg} />
      <path d="M14 46h36" stroke={fg} strokeWidth="4" strokeLinecap="round" />
      <rect x="17" y="30" width="7" height="12" rx="2" fill="#7fd4a8" />
      <rect x="28.5" y="22" width="7" height="20" rx="2" fill={fg} />
      <rect x="40" y="14" width="7" height="28" rx="2" fill="#2fb67c" />
    </svg>
  );
}
