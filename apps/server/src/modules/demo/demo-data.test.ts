import { parseNip } from '@sidakin/core';
import { describe, expect, it } from 'vitest';
import { type DemoAgency, type DemoEmployee, demoData, demoLaneMap } from './demo-data.js';

// The demo must stay valid for the whole demo year; NIP appointments end at November 2026.
const today = new Date(2026, 10, 30);

const agencies = demoData.flatMap((g) => g.agencies);
const holders = agencies.flatMap((a) =>
  a.positions.flatMap((p) => (p.holder ? [{ agency: a, position: p, employee: p.holder }] : [])),
);
const employees: DemoEmployee[] = holders.map((h) => h.employee);

function duplicates(values: string[]): string[] {
  const seen = new Set<string>();
  return values.filter((v) => {
    if (seen.has(v)) return true;
    seen.add(v);
    return false;
  });
}

function parsed(employee: DemoEmployee) {
  const result = parseNip(employee.nip, { today });
  if (!result.ok) throw new Error(`${employee.name}: ${result.errors.map((e) => e.message.en).join('; ')}`);
  return result.value;
}

/** Given names used in the demo, with the sex the NIP must carry. */
const givenNameSex: Record<string, 'male' | 'female'> = {
  // Banggai
  'Moh.': 'male',
  Nurlina: 'female',
  Fitriani: 'female',
  Wulandari: 'female',
  Yusran: 'male',
  Sartini: 'female',
  Hendra: 'male',
  Sri: 'female',
  Abdul: 'male',
  Rahmawati: 'female',
  Yunus: 'male',
  Ferdinand: 'male',
  Irma: 'female',
  Marten: 'male',
  Nirwana: 'female',
  Arman: 'male',
  Novita: 'female',
  Rizky: 'male',
  Hasnah: 'female',
  Desi: 'female',
  Marthen: 'male',
  Jefri: 'male',
  Syamsudin: 'male',
  Sitti: 'female',
  Rudi: 'male',
  Yuliana: 'female',
  Frangky: 'male',
  Nurul: 'female',
  Rivaldo: 'male',
  Ahmad: 'male',
  Nurdiana: 'female',
  // Sidoarjo
  Bambang: 'male',
  Endah: 'female',
  Yuli: 'female',
  'Dwi Ayu': 'female',
  Galih: 'male',
  'Moch.': 'male',
  Nanik: 'female',
  Heru: 'male',
  Retno: 'female',
  Fajar: 'male',
  Agus: 'male',
  Siti: 'female',
  Mochammad: 'male',
  Wahyu: 'male',
  Rizka: 'female',
  Eko: 'male',
  // Kalimantan Barat
  'Gusti Ardiansyah': 'male',
  Maria: 'female',
  Hendrikus: 'male',
  Suryadi: 'male',
  'Uray Maimunah': 'female',
  Stefanus: 'male',
  Dewi: 'female',
  Agustinus: 'male',
  Yohanes: 'male',
  Lusiana: 'female',
  Rizal: 'male',
  Nurhasanah: 'female',
  Fransiska: 'female',
  Muhammad: 'male',
  Fatmawati: 'female',
  Dedi: 'male',
  Kristoforus: 'male',
  Rina: 'female',
  Yusnita: 'female',
  Herman: 'male',
  Abang: 'male',
  Paulus: 'male',
  Vivi: 'female',
  Rusmin: 'male',
  Lestari: 'female',
  // Pesisir Selatan
  Afrizal: 'male',
  Yulnetri: 'female',
  Desmawati: 'female',
  Elfia: 'female',
  Rezki: 'male',
  Nofrizal: 'male',
  Yessi: 'female',
  Zulkifli: 'male',
  Fitri: 'female',
  Hendri: 'male',
  Armen: 'male',
  Nurhasni: 'female',
  Syafrudin: 'male',
  Yuliza: 'female',
};
/** First words that say nothing about sex on their own; the second word decides. */
const ambiguousFirstWords = new Set(['Dwi', 'Gusti', 'Uray']);

function givenName(name: string): string {
  const words = name.split(' ');
  const first = words[0] ?? '';
  return ambiguousFirstWords.has(first) ? words.slice(0, 2).join(' ') : first;
}

const yearsBetween = (from: string, to: string) => {
  const [fy, fm] = from.split('-').map(Number) as [number, number];
  const [ty, tm] = to.split('-').map(Number) as [number, number];
  return (ty * 12 + tm - (fy * 12 + fm)) / 12;
};

describe('demo data: people', () => {
  it('gives every holder a NIP that passes every NIP rule', () => {
    for (const employee of employees) {
      const parts = parsed(employee);
      expect(parts.nip, employee.name).toBe(employee.nip);
      expect(['1', '2'], employee.name).toContain(employee.nip[14]);
      expect(parts.appointment <= '2026-11', employee.name).toBe(true);
    }
  });

  it('uses each NIP once', () => {
    expect(duplicates(employees.map((e) => e.nip))).toEqual([]);
  });

  it('carries a sex digit that matches the given name', () => {
    for (const employee of employees) {
      const key = givenName(employee.name);
      expect(givenNameSex[key], `${employee.name}: add "${key}" to the test dictionary`).toBeDefined();
      expect(parsed(employee).sex, employee.name).toBe(givenNameSex[key]);
    }
  });

  it('has ages that fit a civil servant: appointed between 18 and 35, under the retirement age of 58', () => {
    for (const employee of employees) {
      const { birthDate, appointment } = parsed(employee);
      const ageAtAppointment = yearsBetween(birthDate, appointment);
      expect(ageAtAppointment, employee.name).toBeGreaterThanOrEqual(18);
      expect(ageAtAppointment, employee.name).toBeLessThanOrEqual(35);
      expect(yearsBetween(birthDate, '2026-12'), employee.name).toBeLessThan(58);
    }
  });

  it('has a pangkat/golongan that fits the position', () => {
    const allowed = (agency: DemoAgency, kind: string, unitKind: string | undefined): string[] => {
      if (kind === 'head' && !unitKind) return agency.kind === 'kecamatan' ? ['IV/a', 'IV/b'] : ['IV/c', 'IV/d'];
      if (kind === 'secretary') return agency.kind === 'kecamatan' ? ['III/d', 'IV/a'] : ['IV/b'];
      if (kind === 'head' && (unitKind === 'bidang' || unitKind === 'bagian')) return ['IV/a', 'IV/b'];
      if (kind === 'head') return ['III/c', 'III/d'];
      if (kind === 'functional') return ['II/c', 'II/d', 'III/a', 'III/b', 'III/c', 'III/d'];
      return ['II/c', 'II/d', 'III/a', 'III/b', 'III/c'];
    };
    for (const { agency, position, employee } of holders) {
      const unitKind = agency.units.find((u) => u.code === position.unit)?.kind;
      expect(allowed(agency, position.kind, unitKind), `${agency.code}/${position.code}`).toContain(employee.grade);
    }
  });

  it('uses no name or NIP of a real official printed in the seeds', () => {
    const realNames = /hasrin|karim|tjarda|riawati|etty|putranti|syarif|kamaruzaman|apriman|julka|kamalud|djano|buaho/i;
    const realNips = [
      '196212051985021001',
      '198309052009022007',
      '196803111992022003',
      '196401051988101003',
      '196609211986031004',
      '197907032002121011',
      '196601251986111001',
      '196801271986111001',
    ];
    for (const employee of employees) {
      expect(employee.name).not.toMatch(realNames);
      expect(realNips).not.toContain(employee.nip);
    }
  });
});

describe('demo data: organisation', () => {
  it('uses unique codes for governments, agencies, units and positions', () => {
    expect(duplicates(demoData.map((g) => g.code))).toEqual([]);
    // Agency codes are unique across governments so that demoLaneMap can be keyed by them.
    expect(duplicates(agencies.map((a) => a.code))).toEqual([]);
    for (const agency of agencies) {
      expect(duplicates(agency.units.map((u) => u.code)), agency.code).toEqual([]);
      expect(duplicates(agency.positions.map((p) => p.code)), agency.code).toEqual([]);
      for (const code of [...agency.units.map((u) => u.code), ...agency.positions.map((p) => p.code)]) {
        expect(code).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      }
    }
  });

  it('gives each agency 12–20 positions and exactly one head of agency', () => {
    for (const agency of agencies) {
      expect(agency.positions.length, agency.code).toBeGreaterThanOrEqual(12);
      expect(agency.positions.length, agency.code).toBeLessThanOrEqual(20);
      expect(agency.positions.filter((p) => p.kind === 'head' && !p.unit).length, agency.code).toBe(1);
    }
  });

  it('points every position to an existing unit and every unit to an existing parent, without cycles', () => {
    for (const agency of agencies) {
      const units = new Map(agency.units.map((u) => [u.code, u]));
      for (const position of agency.positions) {
        if (position.unit) expect(units.has(position.unit), `${agency.code}/${position.code}`).toBe(true);
      }
      for (const unit of agency.units) {
        const seen = new Set<string>();
        let current: string | undefined = unit.code;
        while (current) {
          expect(seen.has(current), `${agency.code}: cycle at ${current}`).toBe(false);
          seen.add(current);
          const next: string | undefined = units.get(current)?.parent;
          if (next) expect(units.has(next), `${agency.code}/${current} → ${next}`).toBe(true);
          current = next;
        }
      }
    }
  });

  it('has one head per unit at most, and a Kelurahan headed by a Lurah', () => {
    for (const agency of agencies) {
      const heads = agency.positions.filter((p) => p.kind === 'head' && p.unit).map((p) => p.unit as string);
      expect(duplicates(heads), agency.code).toEqual([]);
    }
    const masama = agencies.find((a) => a.code === 'masama');
    const kelurahan = masama?.units.find((u) => u.kind === 'kelurahan');
    const lurah = masama?.positions.find((p) => p.unit === kelurahan?.code && p.kind === 'head');
    expect(lurah?.name).toMatch(/^Lurah /);
  });

  it('names existing positions in every team', () => {
    for (const agency of agencies) {
      const codes = new Set(agency.positions.map((p) => p.code));
      for (const team of agency.teams) {
        for (const member of team.members) {
          expect(codes.has(member.position), `${agency.code}/${team.code}/${member.position}`).toBe(true);
        }
      }
    }
    const sidoarjoTeam = agencies.find((a) => a.code === 'disperindag')?.teams[0];
    expect(sidoarjoTeam?.members.map((m) => m.role)).toEqual(
      expect.arrayContaining(['ketua', 'sekretaris', 'anggota']),
    );
  });

  it('fills every position either with a holder or an acting official from another position of the agency', () => {
    for (const agency of agencies) {
      for (const position of agency.positions) {
        const where = `${agency.code}/${position.code}`;
        if (!position.holder) expect(position.acting, where).toBeDefined();
        if (!position.acting) continue;
        const actor = agency.positions.find(
          (p) => p.code !== position.code && p.holder?.nip === position.acting?.employeeNip,
        );
        expect(actor, where).toBeDefined();
        expect(position.acting.startsOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        if (position.acting.endsOn) expect(position.acting.endsOn > position.acting.startsOn).toBe(true);
      }
    }
    const sekcam = agencies.find((a) => a.code === 'masama')?.positions.find((p) => p.kind === 'secretary');
    expect(sekcam?.holder).toBeUndefined();
    expect(sekcam?.acting).toMatchObject({ kind: 'plt', startsOn: expect.stringMatching(/^2026-/) });
  });

  it('gives one login per held position, unique and prefixed by the agency', () => {
    const usernames = [
      ...demoData.map((g) => g.adminUsername),
      ...agencies.flatMap((a) => a.positions.flatMap((p) => (p.username ? [p.username] : []))),
    ];
    expect(duplicates(usernames)).toEqual([]);
    for (const username of usernames) expect(username).toMatch(/^[a-z0-9-]+\.[a-z0-9.-]+$/);
    for (const agency of agencies) {
      const prefixes = new Set<string>();
      for (const position of agency.positions) {
        expect(Boolean(position.username), `${agency.code}/${position.code}`).toBe(Boolean(position.holder));
        if (position.username) prefixes.add(position.username.split('.')[0] as string);
      }
      expect(prefixes.size, agency.code).toBe(1);
    }
  });
});

describe('demo data: the seed lanes', () => {
  it('maps every lane of every agency to an existing position', () => {
    expect(Object.keys(demoLaneMap).sort()).toEqual(agencies.map((a) => a.code).sort());
    for (const agency of agencies) {
      const lanes = demoLaneMap[agency.code] ?? {};
      expect(Object.keys(lanes).length, agency.code).toBeGreaterThan(0);
      const codes = new Set(agency.positions.map((p) => p.code));
      for (const [lane, position] of Object.entries(lanes)) {
        expect(codes.has(position), `${agency.code}: "${lane}" → ${position}`).toBe(true);
      }
    }
  });

  it('covers the lanes printed in each seed', () => {
    const printed: Record<string, string[]> = {
      disdag: [
        'Kepala Dinas',
        'Sekretaris Dinas',
        'Kasubbag Perencanaan & Evaluasi',
        'Kepala Bidang',
        'Kepala Seksi',
        'Jabatan Pelaksana (JP)',
      ],
      masama: ['Camat', 'Sekretaris', 'Kepala Seksi/Lurah', 'Kasubag Evlap', 'Pelaksana', 'Kasubag', 'Kasubag Perenc'],
      disperindag: ['Kepala OPD', 'Pejabat Pelaporan', 'Sekretaris', 'Staf'],
      'biro-organisasi': ['Karo Organisasi', 'Kabag Tatalaksana', 'Kasubbag TU', 'Pelaksana', 'Arsiparis'],
      disdagtrans: [
        'Kepala Dinas',
        'Sekretariat',
        'Sekretaris',
        'Bidang',
        'Tim SAKIP Internal',
        'Staf/ Operator',
        'Staf',
      ],
    };
    for (const [agency, lanes] of Object.entries(printed)) {
      expect(Object.keys(demoLaneMap[agency] ?? {}), agency).toEqual(expect.arrayContaining(lanes));
    }
  });

  it('maps lanes to positions of the expected kind', () => {
    const kindOf = (agency: string, lane: string) => {
      const position = agencies
        .find((a) => a.code === agency)
        ?.positions.find((p) => p.code === demoLaneMap[agency]?.[lane]);
      return position && { kind: position.kind, unit: position.unit ?? null };
    };
    expect(kindOf('disdag', 'Kepala Dinas')).toEqual({ kind: 'head', unit: null });
    expect(kindOf('disdag', 'Sekretaris Dinas')?.kind).toBe('secretary');
    expect(kindOf('disdag', 'Jabatan Pelaksana (JP)')?.kind).toBe('staff');
    expect(kindOf('masama', 'Camat')).toEqual({ kind: 'head', unit: null });
    expect(kindOf('disperindag', 'Kepala OPD')).toEqual({ kind: 'head', unit: null });
    expect(kindOf('biro-organisasi', 'Karo Organisasi')).toEqual({ kind: 'head', unit: null });
    expect(kindOf('biro-organisasi', 'Arsiparis')?.kind).toBe('functional');
    expect(kindOf('disdagtrans', 'Staf/ Operator')?.kind).toBe('staff');
  });
});
