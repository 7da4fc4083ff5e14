import { uploadMediaTypes } from '@sidakin/core';
import { fileTypeFromBuffer } from 'file-type';

type Accepted = (typeof uploadMediaTypes)[number];

/**
 * The media type of an upload, decided from its bytes and never from what the browser claims:
 * binary formats by their signature (file-type), text only when it is valid UTF-8 without control
 * bytes. Anything else (executables, archives, macro-enabled Office files, …) is refused: null.
 */
export async function detectUploadType(bytes: Uint8Array, fileName: string): Promise<Accepted | null> {
  const found = await fileTypeFromBuffer(bytes);
  if (found) {
    return (uploadMediaTypes as readonly string[]).includes(found.mime) ? (found.mime as Accepted) : null;
  }
  if (!isPlainText(bytes)) return null;
  return /\.csv$/i.test(fileName) ? 'text/csv' : 'text/plain';
}

function isPlainText(bytes: Uint8Array): boolean {
  if (bytes.length === 0) return false;
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return false;
  }
  // Tab, line feed, carriage return and form feed are text; other C0 controls and DEL are not.
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0c && c !== 0x0d) || c === 0x7f) return false;
  }
  return true;
}

/** A file name safe to store and to send back: no folders, no control characters, not too long. */
export function cleanFileName(raw: string): string {
  const base = raw.split(/[\\/]/).pop() ?? '';
  const printable = [...base].filter((ch) => ch.charCodeAt(0) >= 0x20 && ch.charCodeAt(0) !== 0x7f).join('');
  const cleaned = printable.replace(/\s+/g, ' ').trim();
  if (cleaned.length === 0 || cleaned === '.' || cleaned === '..') return 'berkas';
  if (cleaned.length <= 200) return cleaned;
  const dot = cleaned.lastIndexOf('.');
  const ext = dot > 0 && cleaned.length - dot <= 10 ? cleaned.slice(dot) : '';
  return cleaned.slice(0, 200 - ext.length) + ext;
}
