/**
 * A synthetic SSDA903 return for the collection year 1 April 2024 – 31 March 2025, valid under every
 * rule validateSsda903 checks, for tests and for the import benchmark (national size: 85,000 children,
 * about 300,000 episodes). SYNTHETIC ONLY: invented ids, postcodes and URNs; seeded, so the same seed
 * always gives the same files.
 */
import type { IsoDate } from '../../../domain/calendar/iso-date.js';
import { addYearsFast as addYears } from '../../../domain/lac-import/fast-dates.js';
import { ETHNICITY, REASON_PLACE_CHANGE } from '../../../domain/codes/dfe-codes.js';
import { SSDA903_COLUMNS } from '../../../domain/lac-import/ssda903.js';
import { Rng } from '../../../seed/random.js';

export const GENERATED_COLLECTION_START: IsoDate = '2024-04-01';
export const GENERATED_COLLECTION_END: IsoDate = '2025-03-31';

export interface GeneratedReturn {
  'header.csv': string;
  'episodes.csv': string;
  'reviews.csv': string;
  'missing.csv': string;
  'oc2.csv': string;
}

const MS_PER_DAY = 86_400_000;
const toDay = (iso: IsoDate) => Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / MS_PER_DAY;
const toIso = (day: number): IsoDate => new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
const dfe = (day: number) => {
  const iso = toIso(day);
  return `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
};

const START = toDay(GENERATED_COLLECTION_START);
const END = toDay(GENERATED_COLLECTION_END);
const AREAS = ['ZQ', 'ZX', 'QZ', 'XZ'] as const;
const UPN_LETTERS = 'ABCDEFGHJKLMNPQRTUVWXYZ';
const LEGAL_STATUSES = [['C2', 5], ['C1', 2], ['V2', 3]] as const;
const NEEDS = [['N1', 60], ['N2', 4], ['N3', 3], ['N4', 8], ['N5', 14], ['N6', 2], ['N7', 1], ['N8', 8]] as const;
const EPISODE_COUNTS = [[1, 15], [2, 15], [3, 20], [4, 20], [5, 15], [6, 10], [7, 5]] as const;
const LEAVING_REASONS = ['E4A', 'E4B', 'E13', 'E8', 'E41'] as const;

interface Placement {
  place: string;
  provider: string;
  postcode: string;
  urn: string;
}

/** Generates the five CSV files of a return with `children` looked-after children. */
export function generateSsda903Return({ children, seed = 1 }: { children: number; seed?: number }): GeneratedReturn {
  const rng = new Rng(seed);
  const header: string[] = [SSDA903_COLUMNS['header.csv'].join(',')];
  const episodes: string[] = [SSDA903_COLUMNS['episodes.csv'].join(',')];
  const reviews: string[] = [SSDA903_COLUMNS['reviews.csv'].join(',')];
  const missing: string[] = [SSDA903_COLUMNS['missing.csv'].join(',')];
  const oc2: string[] = [SSDA903_COLUMNS['oc2.csv'].join(',')];
  const postcode = () => `${rng.pick(AREAS)}${rng.int(1, 99)} ${rng.int(0, 9)}`;
  const urn = () => `SC${rng.int(100000, 999999)}`;

  for (let i = 0; i < children; i += 1) {
    const child = String(10_000_000 + i);
    const sex = rng.chance(0.55) ? '1' : '2';
    const dobDay = rng.int(toDay('2007-06-01'), toDay('2024-10-01'));
    const dob = toIso(dobDay);
    const ageAt = (day: number, years: number) => toIso(day) >= addYears(dob, years);
    const dobText = dfe(dobDay);

    // One period of care, starting after birth, at least a few weeks before the end of the year.
    const firstStart = rng.int(Math.max(dobDay, toDay('2012-01-01')), END - 30);
    const leaves = rng.chance(0.25);
    const periodEnd = leaves ? rng.int(Math.max(firstStart + 10, START), END) : END;
    let count: number = rng.weighted(EPISODE_COUNTS);
    count = Math.max(1, Math.min(count, Math.floor((periodEnd - firstStart) / 3)));
    const cuts = new Set<number>();
    while (cuts.size < count - 1) cuts.add(rng.int(firstStart + 1, periodEnd - 1));
    const starts = [firstStart, ...[...cuts].sort((a, b) => a - b)];

    const homePostcode = postcode();
    const cin = rng.weighted(NEEDS);
    let ls: string = rng.weighted(LEGAL_STATUSES);
    let placement = choosePlacement(rng, { ls, oldEnough14: ageAt(firstStart, 14), urn, postcode, previous: null });
    const rows: { start: number; end: number | null; rne: string; ls: string; p: Placement; rec: string; reason: string }[] = [];
    for (let e = 0; e < starts.length; e += 1) {
      const start = starts[e]!;
      let rne = 'S';
      if (e > 0) {
        rne = rng.weighted([['P', 6], ['L', 2], ['B', 2]] as const);
        if (rne === 'L' || rne === 'B') {
          const next = rng.pick(LEGAL_STATUSES.map(([code]) => code).filter((code) => code !== ls && !(code === 'V2' && placement.place === 'P1' && rne === 'L')));
          ls = next;
        }
        if (rne === 'P' || rne === 'B') placement = choosePlacement(rng, { ls, oldEnough14: ageAt(start, 14), urn, postcode, previous: placement });
        const prev = rows[e - 1]!;
        prev.rec = 'X1';
        prev.end = start;
        prev.reason = rne === 'L' ? '' : rng.pick(REASON_PLACE_CHANGE).code;
      }
      rows.push({ start, end: null, rne, ls, p: placement, rec: '', reason: '' });
    }
    const last = rows[rows.length - 1]!;
    if (leaves) {
      last.end = periodEnd;
      last.rec = rng.pick(LEAVING_REASONS);
    }
    for (const r of rows) {
      episodes.push(
        [child, dfe(r.start), r.rne, r.ls, cin, r.p.place, r.p.provider, r.end === null ? '' : dfe(r.end), r.rec, r.reason, homePostcode, r.p.postcode, r.p.urn].join(','),
      );
    }

    // Header: a UPN once of school age; girls say whether they are mothers.
    const upn = ageAt(END, 5) ? `${UPN_LETTERS[rng.int(0, UPN_LETTERS.length - 1)]}${String(rng.int(0, 999_999)).padStart(6, '0')}${String(rng.int(0, 999_999)).padStart(6, '0')}` : 'UN1';
    let mother = '';
    let mcDob = '';
    if (sex === '2') {
      mother = '0';
      if (ageAt(END, 16) && rng.chance(0.05)) {
        mother = '1';
        mcDob = dfe(rng.int(Math.max(toDay(addYears(dob, 15)), END - 400), END - 1));
      }
    }
    header.push([child, sex, dobText, rng.pick(ETHNICITY).code, upn, mother, mcDob].join(','));

    // Reviews in the collection year: the first 20 days after care starts, then every ~6 months.
    const reviewEnd = last.end ?? END;
    for (let day = firstStart + 20; day <= reviewEnd; day += day === firstStart + 20 ? 90 : 180) {
      if (day < START) continue;
      const code = toIso(day) < addYears(dob, 4) ? 'PN0' : `PN${rng.int(1, 7)}`;
      reviews.push([child, dobText, dfe(day), code].join(','));
    }

    // A few children go missing or away in the year, for a few days each time, and come back.
    if (rng.chance(0.12)) {
      let from = Math.max(firstStart, START, dobDay + 1);
      const until = last.end ?? END;
      for (let m = rng.int(1, 3); m > 0 && from < until - 10; m -= 1) {
        const start = rng.int(from, Math.min(until - 6, from + 60));
        const end = start + rng.int(0, 4);
        missing.push([child, dobText, rng.chance(0.7) ? 'M' : 'A', dfe(start), dfe(end)].join(','));
        from = end + 1;
      }
    }

    // OC2 for children looked after continuously for the whole year.
    if (!leaves && firstStart <= START) {
      const sdqAge = ageAt(END, 4) && !ageAt(START, 17);
      const misuse = ageAt(END, 12) && rng.chance(0.04) ? '1' : '0';
      const received = misuse === '1' ? (rng.chance(0.6) ? '1' : '0') : '';
      oc2.push(
        [
          child,
          dobText,
          sdqAge ? String(rng.int(0, 40)) : '',
          '',
          ageAt(END, 10) ? (rng.chance(0.05) ? '1' : '0') : '',
          ageAt(END, 5) ? '' : rng.chance(0.9) ? '1' : '0',
          rng.chance(0.85) ? '1' : '0',
          rng.chance(0.8) ? '1' : '0',
          rng.chance(0.9) ? '1' : '0',
          misuse,
          received,
          received === '0' ? (rng.chance(0.5) ? '1' : '0') : '',
        ].join(','),
      );
    }
  }
  const text = (lines: string[]) => `${lines.join('\n')}\n`;
  return { 'header.csv': text(header), 'episodes.csv': text(episodes), 'reviews.csv': text(reviews), 'missing.csv': text(missing), 'oc2.csv': text(oc2) };
}

/** A placement that satisfies the provider, URN and age rules, different from `previous`. */
function choosePlacement(
  rng: Rng,
  { ls, oldEnough14, urn, postcode, previous }: { ls: string; oldEnough14: boolean; urn: () => string; postcode: () => string; previous: Placement | null },
): Placement {
  for (;;) {
    const place = rng.weighted([
      ['U1', 8],
      ['U4', 12],
      ['U3', 4],
      ['U6', 30],
      ['U5', 3],
      ['K2', 14],
      ['H5', oldEnough14 ? 8 : 0],
      ['P1', ls === 'V2' ? 0 : 6],
      ['R1', 2],
    ] as const);
    let candidate: Placement;
    if (place === 'P1') candidate = { place, provider: 'PR0', postcode: postcode(), urn: '' };
    else if (place === 'H5' || place === 'R1') candidate = { place, provider: rng.pick(['PR4', 'PR5']), postcode: postcode(), urn: '' };
    else if (place === 'K2') candidate = { place, provider: rng.pick(['PR1', 'PR4', 'PR4']), postcode: postcode(), urn: urn() };
    else candidate = { place, provider: rng.pick(['PR1', 'PR1', 'PR4', 'PR5']), postcode: postcode(), urn: urn() };
    if (!previous || candidate.place !== previous.place || candidate.postcode !== previous.postcode || candidate.urn !== previous.urn || candidate.provider !== previous.provider) return candidate;
  }
}
