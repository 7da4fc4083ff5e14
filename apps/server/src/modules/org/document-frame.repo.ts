import { formatNip, formatPersonName, type IndonesianTimeZone, timeZoneLabels } from '@sidakin/core';
import type { Queryable } from '../../db/database.js';
import type { Letterhead } from '../../pdf/pdf.js';
import type { ReportSigner } from '../../pdf/report.js';

/**
 * What frames an agency's printed document: its kop surat (the government's letterhead lines and
 * logo, the agency's address), who signs (the head or the secretary holding the position today,
 * Plt/Plh marked) with the place and date, and the "printed at" stamp in the government's zone.
 */
export interface DocumentFrame {
  letterhead: Letterhead;
  agencyName: string;
  signer: ReportSigner | null;
  printedAt: string;
  timeZone: IndonesianTimeZone;
}

export async function documentFrame(
  db: Queryable,
  governmentId: string,
  agencyId: string,
  signer: 'head' | 'secretary' = 'head',
  now: Date = new Date(),
): Promise<DocumentFrame> {
  const [g] = await db.query<{
    name: string;
    region: string;
    address: string;
    phone: string;
    email: string;
    website: string;
    letterhead_lines: string[];
    time_zone: IndonesianTimeZone;
    logo: Uint8Array | null;
    logo_mime: string | null;
  }>(
    'SELECT name, region, address, phone, email, website, letterhead_lines, time_zone, logo, logo_mime FROM governments WHERE id = $1',
    [governmentId],
  );
  const [agency] = await db.query<{ name: string; address: string }>(
    'SELECT name, address FROM agencies WHERE government_id = $1 AND id = $2',
    [governmentId, agencyId],
  );
  const [holder] = await db.query<{
    position_name: string;
    name: string;
    front_title: string;
    back_title: string;
    nip: string;
    kind: string;
  }>(
    `SELECT p.name AS position_name, e.name, e.front_title, e.back_title, e.nip, pa.kind
       FROM positions p JOIN position_assignments pa ON pa.position_id = p.id
       JOIN employees e ON e.id = pa.employee_id JOIN governments g ON g.id = p.government_id
      WHERE p.agency_id = $1 AND p.kind = $2 AND p.unit_id IS NULL AND p.active
        AND pa.starts_on <= (now() AT TIME ZONE g.time_zone)::date
        AND (pa.ends_on IS NULL OR pa.ends_on >= (now() AT TIME ZONE g.time_zone)::date)
      ORDER BY (pa.kind = 'definitive') DESC LIMIT 1`,
    [agencyId, signer],
  );
  const contact = [g!.phone && `Telepon ${g!.phone}`, g!.email && `Pos-el ${g!.email}`, g!.website]
    .filter(Boolean)
    .join(' · ');
  const tz = g!.time_zone;
  const date = new Intl.DateTimeFormat('id-ID', { timeZone: tz, day: 'numeric', month: 'long', year: 'numeric' });
  const stamp = new Intl.DateTimeFormat('id-ID', {
    timeZone: tz,
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  });
  return {
    letterhead: {
      lines: g!.letterhead_lines,
      address: agency?.address || g!.address,
      contact,
      logo: g!.logo && g!.logo_mime ? { bytes: Buffer.from(g!.logo), mimeType: g!.logo_mime } : null,
    },
    agencyName: agency?.name ?? '',
    signer: holder
      ? {
          place: (g!.region || g!.name).replace(/^(Kabupaten|Kota|Provinsi)\s+/i, ''),
          date: date.format(now),
          position: holder.position_name,
          name: formatPersonName({ name: holder.name, frontTitle: holder.front_title, backTitle: holder.back_title }),
          nip: formatNip(holder.nip),
          acting: holder.kind === 'definitive' ? '' : holder.kind === 'plt' ? 'Plt.' : 'Plh.',
        }
      : null,
    printedAt: `${stamp.format(now)} ${timeZoneLabels[tz]}`,
    timeZone: tz,
  };
}
