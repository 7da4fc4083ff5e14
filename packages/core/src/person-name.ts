export interface PersonNameParts {
  name: string;
  /** Gelar depan, e.g. "Dr." or "Ir." */
  frontTitle?: string | null;
  /** Gelar belakang, e.g. "S.E., M.Si." */
  backTitle?: string | null;
}

const tidy = (text: string | null | undefined) => (text ?? '').replace(/\s+/g, ' ').trim();

/**
 * The name as it is written on letters and signature blocks:
 * "Dr. Rina Lestari, S.E., M.Si." — titles are optional and stray spaces or commas are dropped.
 */
export function formatPersonName({ name, frontTitle, backTitle }: PersonNameParts): string {
  const front = tidy(frontTitle);
  const back = tidy(backTitle)
    .replace(/^[,\s]+/, '')
    .replace(/[,\s]+$/, '');
  const core = tidy(name).replace(/[,\s]+$/, '');
  const withFront = front && core ? `${front} ${core}` : front || core;
  return back && withFront ? `${withFront}, ${back}` : withFront || back;
}
