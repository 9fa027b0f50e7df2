import { describe, expect, test } from 'vitest';
import { formatImportError, type ImportError } from './import-error.js';
import { SSDA903_COLUMNS, validateSsda903, type Ssda903FileName } from './ssda903.js';

const TODAY = '2025-06-01';

/** A small valid return: two children, three episodes (an X1 chain), reviews, a missing period, OC2. */
const BASE: Record<Ssda903FileName, string[]> = {
  'header.csv': ['1001,2,12/03/2012,WBRI,A123456789012,0,', '1002,1,01/06/2020,MWBC,UN1,,'],
  'episodes.csv': ['1001,01/04/2022,S,C2,N1,U4,PR1,15/09/2023,X1,CARPL,OU1 4,OU2 7,SC100001', '1001,15/09/2023,P,C2,N1,U6,PR4,,,,OU1 4,OU3 1,SC100002', '1002,10/01/2024,S,C1,N1,U6,PR1,,,,OU4 2,OU4 5,SC100003'],
  'reviews.csv': ['1001,12/03/2012,28/04/2022,PN1', '1002,01/06/2020,05/02/2024,PN0'],
  'missing.csv': ['1001,12/03/2012,M,03/11/2023,05/11/2023'],
  'oc2.csv': ['1001,12/03/2012,14,,0,,1,1,1,0,,'],
};

type Rows = Record<Ssda903FileName, string[][]>;

function base(): Rows {
  return Object.fromEntries(Object.entries(BASE).map(([file, lines]) => [file, lines.map((l) => l.split(','))])) as Rows;
}
function texts(rows: Rows): Record<Ssda903FileName, string> {
  return Object.fromEntries(Object.entries(rows).map(([file, lines]) => [file, `${[SSDA903_COLUMNS[file as Ssda903FileName].join(','), ...lines.map((l) => l.join(','))].join('\n')}\n`])) as Record<Ssda903FileName, string>;
}
const col = (file: Ssda903FileName, name: string) => (SSDA903_COLUMNS[file] as readonly string[]).indexOf(name) + 1;
/** Sets a cell: `line` as in the file (2 = first data row). */
function set(rows: Rows, file: Ssda903FileName, line: number, column: string, value: string): Rows {
  rows[file][line - 2]![col(file, column) - 1] = value;
  return rows;
}
function row(file: Ssda903FileName, values: Record<string, string>): string[] {
  return SSDA903_COLUMNS[file].map((name) => values[name] ?? '');
}
const episode = (values: Record<string, string>) =>
  row('episodes.csv', { RNE: 'S', LS: 'C2', CIN: 'N1', PLACE: 'U6', PLACE_PROVIDER: 'PR1', HOME_POST: 'OU1 1', PL_POST: 'OU2 2', URN: 'SC123456', ...values });
/** Adds child 2001 (header line 4) with these episodes (episodes.csv lines 5, 6, …). */
function withChild(rows: Rows, header: Record<string, string>, episodes: Record<string, string>[]): Rows {
  rows['header.csv'].push(row('header.csv', { CHILD: '2001', SEX: '1', DOB: '01/01/2008', ETHNIC: 'WBRI', UPN: 'A123456789099', ...header }));
  for (const e of episodes) rows['episodes.csv'].push(episode({ CHILD: '2001', ...e }));
  return rows;
}

function errorsOf(rows: Rows, extra: Partial<Parameters<typeof validateSsda903>[0]> = {}): ImportError[] {
  const result = validateSsda903({ files: texts(rows), today: TODAY, ...extra });
  return result.ok ? [] : result.errors;
}

describe('validateSsda903: a valid return', () => {
  test('is returned as typed rows, grouped by child, with blank cells as null', () => {
    const result = validateSsda903({ files: texts(base()), today: TODAY });
    if (!result.ok) throw new Error(result.errors.map(formatImportError).join('\n'));
    const { children, episodes, reviews, missing, oc2, suppliedFiles } = result.value;
    expect(children).toEqual([
      { laChildId: '1001', line: 2, sex: 'female', dateOfBirth: '2012-03-12', ethnicity: 'WBRI', upn: 'A123456789012', upnUnknownReason: null, isMother: false, motherChildDateOfBirth: null },
      { laChildId: '1002', line: 3, sex: 'male', dateOfBirth: '2020-06-01', ethnicity: 'MWBC', upn: null, upnUnknownReason: 'UN1', isMother: null, motherChildDateOfBirth: null },
    ]);
    expect(episodes.map((e) => [e.laChildId, e.startedOn, e.endedOn, e.reasonNewEpisode, e.reasonCeased])).toEqual([
      ['1001', '2022-04-01', '2023-09-15', 'S', 'X1'],
      ['1001', '2023-09-15', null, 'P', null],
      ['1002', '2024-01-10', null, 'S', null],
    ]);
    expect(episodes[1]).toMatchObject({ placementProvider: 'PR4', reasonPlaceChange: null, homePostcode: 'OU1 4', placementPostcode: 'OU3 1', urn: 'SC100002' });
    expect(reviews).toEqual([
      { laChildId: '1001', line: 2, reviewOn: '2022-04-28', participation: 'PN1' },
      { laChildId: '1002', line: 3, reviewOn: '2024-02-05', participation: 'PN0' },
    ]);
    expect(missing).toEqual([{ laChildId: '1001', line: 2, kind: 'M', startedOn: '2023-11-03', endedOn: '2023-11-05' }]);
    expect(oc2[0]).toMatchObject({ laChildId: '1001', sdqScore: 14, sdqReason: null, convicted: '0', healthCheck: null, immunisations: '1', substanceMisuse: '0', interventionReceived: null });
    expect(suppliedFiles).toEqual(['header.csv', 'episodes.csv', 'reviews.csv', 'missing.csv', 'oc2.csv']);
  });

  test('only header.csv and episodes.csv are required', () => {
    const { 'header.csv': header, 'episodes.csv': episodes } = texts(base());
    const result = validateSsda903({ files: { 'header.csv': header, 'episodes.csv': episodes }, today: TODAY });
    expect(result.ok).toBe(true);
  });

  test('columns may come in any order, cells may have surrounding spaces, and rows CRLF line ends', () => {
    const header = 'SEX,CHILD,DOB,ETHNIC,UPN,MOTHER,MC_DOB\r\n2, 1001 ,12/03/2012,WBRI,A123456789012,0,\r\n';
    const episodes = `${SSDA903_COLUMNS['episodes.csv'].join(',')}\r\n1001,01/04/2022,S,C2,N1,U4,PR1,,,,"OU1 4",OU2 7,SC100001\r\n`;
    const result = validateSsda903({ files: { 'header.csv': header, 'episodes.csv': episodes }, today: TODAY });
    expect(result.ok).toBe(true);
  });
});

describe('validateSsda903: each rule, with the file, line and column of the failing cell', () => {
  const H = 'header.csv';
  const E = 'episodes.csv';
  const R = 'reviews.csv';
  const M = 'missing.csv';
  const O = 'oc2.csv';
  const cases: [string, (rows: Rows) => Rows, { file: Ssda903FileName; line: number; column: string; rule: string }][] = [
    // header.csv
    ['101 SEX must be 1 or 2', (r) => set(r, H, 2, 'SEX', '3'), { file: H, line: 2, column: 'SEX', rule: '101' }],
    ['102 DOB must be a real date', (r) => set(r, H, 2, 'DOB', '30/02/2012'), { file: H, line: 2, column: 'DOB', rule: '102' }],
    ['DOB must not be in the future', (r) => set(r, H, 3, 'DOB', '02/06/2025'), { file: H, line: 3, column: 'DOB', rule: 'date_in_future' }],
    ['103 ETHNIC must be a DfE code', (r) => set(r, H, 2, 'ETHNIC', 'WXYZ'), { file: H, line: 2, column: 'ETHNIC', rule: '103' }],
    ['103 ETHNIC must not be blank', (r) => set(r, H, 2, 'ETHNIC', ''), { file: H, line: 2, column: 'ETHNIC', rule: '103' }],
    ['168 UPN format (no I, O or S first)', (r) => set(r, H, 2, 'UPN', 'I123456789012'), { file: H, line: 2, column: 'UPN', rule: '168' }],
    ['442 UPN required for a looked-after child', (r) => set(r, H, 2, 'UPN', ''), { file: H, line: 2, column: 'UPN', rule: '442' }],
    ['165 MOTHER must be 0, 1 or blank', (r) => set(r, H, 2, 'MOTHER', '2'), { file: H, line: 2, column: 'MOTHER', rule: '165' }],
    ['393 MOTHER required for a looked-after girl', (r) => set(r, H, 2, 'MOTHER', ''), { file: H, line: 2, column: 'MOTHER', rule: '393' }],
    ['611 MOTHER 1 needs MC_DOB', (r) => set(r, H, 2, 'MOTHER', '1'), { file: H, line: 2, column: 'MC_DOB', rule: '611' }],
    ['612 MC_DOB only when MOTHER is 1', (r) => set(r, H, 2, 'MC_DOB', '01/01/2025'), { file: H, line: 2, column: 'MC_DOB', rule: '612' }],
    ['171 MC_DOB must be a real date', (r) => set(set(r, H, 2, 'MOTHER', '1'), H, 2, 'MC_DOB', '2025-01-01'), { file: H, line: 2, column: 'MC_DOB', rule: '171' }],
    ['621 MC_DOB after the mother’s own DOB', (r) => set(set(r, H, 2, 'MOTHER', '1'), H, 2, 'MC_DOB', '01/01/2012'), { file: H, line: 2, column: 'MC_DOB', rule: '621' }],
    ['174 no MC_DOB for a boy', (r) => set(set(r, H, 3, 'MOTHER', '1'), H, 3, 'MC_DOB', '01/01/2025'), { file: H, line: 3, column: 'MC_DOB', rule: '174' }],
    ['duplicate CHILD in header.csv', (r) => (r[H].push(r[H][0]!.slice()), r), { file: H, line: 4, column: 'CHILD', rule: 'duplicate_child' }],
    ['CHILD must not be blank', (r) => set(r, H, 3, 'CHILD', ''), { file: H, line: 3, column: 'CHILD', rule: 'child_required' }],
    // episodes.csv: codes and dates
    ['141 DECOM must be a real date', (r) => set(r, E, 4, 'DECOM', '32/01/2024'), { file: E, line: 4, column: 'DECOM', rule: '141' }],
    ['DECOM must not be in the future', (r) => set(r, E, 4, 'DECOM', '01/07/2025'), { file: E, line: 4, column: 'DECOM', rule: 'date_in_future' }],
    ['353 no episode before 14/10/1991', (r) => withChild(r, { DOB: '01/01/1985' }, [{ DECOM: '13/10/1991', DEC: '01/01/1992', REC: 'E8' }]), { file: E, line: 5, column: 'DECOM', rule: '353' }],
    ['DECOM not before the date of birth', (r) => set(r, E, 4, 'DECOM', '31/05/2020'), { file: E, line: 4, column: 'DECOM', rule: 'decom_before_dob' }],
    ['147 DEC must be a real date', (r) => set(set(r, E, 4, 'DEC', '1/13/2024'), E, 4, 'REC', 'E8'), { file: E, line: 4, column: 'DEC', rule: '147' }],
    ['DEC must not be in the future', (r) => set(set(r, E, 4, 'DEC', '02/06/2025'), E, 4, 'REC', 'E8'), { file: E, line: 4, column: 'DEC', rule: 'date_in_future' }],
    ['356 DEC not before DECOM', (r) => set(set(r, E, 4, 'DEC', '09/01/2024'), E, 4, 'REC', 'E8'), { file: E, line: 4, column: 'DEC', rule: '356' }],
    ['148 DEC without REC', (r) => set(r, E, 4, 'DEC', '01/03/2024'), { file: E, line: 4, column: 'REC', rule: '148' }],
    ['148 REC without DEC', (r) => set(r, E, 4, 'REC', 'E8'), { file: E, line: 4, column: 'DEC', rule: '148' }],
    ['143 RNE code', (r) => set(r, E, 4, 'RNE', 'Q'), { file: E, line: 4, column: 'RNE', rule: '143' }],
    ['144 LS code', (r) => set(r, E, 4, 'LS', 'C9'), { file: E, line: 4, column: 'LS', rule: '144' }],
    ['145 CIN code', (r) => set(r, E, 4, 'CIN', 'N9'), { file: E, line: 4, column: 'CIN', rule: '145' }],
    ['146 PLACE code', (r) => set(r, E, 4, 'PLACE', 'U9'), { file: E, line: 4, column: 'PLACE', rule: '146' }],
    ['178 PLACE_PROVIDER code', (r) => set(r, E, 4, 'PLACE_PROVIDER', 'PR9'), { file: E, line: 4, column: 'PLACE_PROVIDER', rule: '178' }],
    ['149 REC code', (r) => set(set(r, E, 4, 'DEC', '01/03/2024'), E, 4, 'REC', 'E99'), { file: E, line: 4, column: 'REC', rule: '149' }],
    ['1009 REASON_PLACE_CHANGE code', (r) => set(r, E, 2, 'REASON_PLACE_CHANGE', 'WHIM'), { file: E, line: 2, column: 'REASON_PLACE_CHANGE', rule: '1009' }],
    ['392c HOME_POST must be a postcode', (r) => set(r, E, 4, 'HOME_POST', 'NOT A CODE'), { file: E, line: 4, column: 'HOME_POST', rule: '392c' }],
    ['392c PL_POST must be a postcode', (r) => set(r, E, 4, 'PL_POST', '12345'), { file: E, line: 4, column: 'PL_POST', rule: '392c' }],
    // episodes.csv: placement provider and URN
    ['178 PLACE_PROVIDER blank for temporary placements', (r) => set(set(r, E, 3, 'PLACE', 'T4'), E, 3, 'URN', ''), { file: E, line: 3, column: 'PLACE_PROVIDER', rule: '178' }],
    ['526 PLACE_PROVIDER required otherwise', (r) => set(r, E, 4, 'PLACE_PROVIDER', ''), { file: E, line: 4, column: 'PLACE_PROVIDER', rule: '526' }],
    ['550 PR0 only with P1', (r) => set(r, E, 4, 'PLACE_PROVIDER', 'PR0'), { file: E, line: 4, column: 'PLACE_PROVIDER', rule: '550' }],
    ['527 PR1 not with P1', (r) => set(set(r, E, 4, 'PLACE', 'P1'), E, 4, 'URN', ''), { file: E, line: 4, column: 'PLACE_PROVIDER', rule: '527' }],
    ['529 PR3 not with foster placements', (r) => set(r, E, 4, 'PLACE_PROVIDER', 'PR3'), { file: E, line: 4, column: 'PLACE_PROVIDER', rule: '529' }],
    ['530 PR4 not with P1', (r) => set(set(set(r, E, 4, 'PLACE', 'P1'), E, 4, 'URN', ''), E, 4, 'PLACE_PROVIDER', 'PR4'), { file: E, line: 4, column: 'PLACE_PROVIDER', rule: '530' }],
    ['222 no URN for placement H5, P1–P3, R1, R2, R5, T0–T4, Z1', (r) => set(set(r, E, 4, 'PLACE', 'R1'), E, 4, 'PLACE_PROVIDER', 'PR4'), { file: E, line: 4, column: 'URN', rule: '222' }],
    // episodes.csv: legal status
    ['445 D1 not after December 2005', (r) => set(r, E, 4, 'LS', 'D1'), { file: E, line: 4, column: 'LS', rule: '445' }],
    ['451 no child still freed for adoption (open D1)', (r) => set(r, E, 4, 'LS', 'D1'), { file: E, line: 4, column: 'LS', rule: '451' }],
    ['446 E1 not before December 2005', (r) => withChild(r, { DOB: '01/01/2000' }, [{ DECOM: '30/11/2005', LS: 'E1', DEC: '01/02/2006', REC: 'E8' }]), { file: E, line: 5, column: 'LS', rule: '446' }],
    ['378 P1 not with V2', (r) => set(set(set(set(r, E, 4, 'PLACE', 'P1'), E, 4, 'URN', ''), E, 4, 'PLACE_PROVIDER', 'PR0'), E, 4, 'LS', 'V2'), { file: E, line: 4, column: 'LS', rule: '378' }],
    ['408 placement order placements (A5, A6) need LS E1', (r) => set(r, E, 4, 'PLACE', 'A6'), { file: E, line: 4, column: 'LS', rule: '408' }],
    ['358 J1–J3 not under 10', (r) => set(r, E, 4, 'LS', 'J1'), { file: E, line: 4, column: 'LS', rule: '358' }],
    ['352 not starting to be looked after at 18', (r) => withChild(r, { DOB: '01/01/2000' }, [{ DECOM: '01/01/2018', DEC: '02/01/2018', REC: 'E8' }]), { file: E, line: 5, column: 'RNE', rule: '352' }],
    // episodes.csv: short breaks (V3/V4)
    ['365 a V3 short break at most 17 days', (r) => withChild(r, {}, [{ LS: 'V3', HOME_POST: '', PL_POST: '', URN: '', DECOM: '01/01/2024', DEC: '19/01/2024', REC: 'E13' }]), { file: E, line: 5, column: 'DEC', rule: '365' }],
    ['366 a V3 episode has RNE S', (r) => withChild(r, {}, [{ HOME_POST: '', PL_POST: '', URN: '', DECOM: '01/01/2024', DEC: '02/01/2024', REC: 'X1', REASON_PLACE_CHANGE: 'CARPL' }, { LS: 'V3', RNE: 'B', PLACE: 'U3', HOME_POST: '', PL_POST: '', URN: '', DECOM: '02/01/2024', DEC: '04/01/2024', REC: 'E13' }]), { file: E, line: 6, column: 'RNE', rule: '366' }],
    ['398 no postcodes for V3/V4', (r) => withChild(r, {}, [{ LS: 'V4', URN: '', DECOM: '01/01/2024' }]), { file: E, line: 5, column: 'HOME_POST', rule: '398' }],
    ['214 no URN for V3/V4', (r) => withChild(r, {}, [{ LS: 'V4', HOME_POST: '', PL_POST: '', DECOM: '01/01/2024' }]), { file: E, line: 5, column: 'URN', rule: '214' }],
    ['384 V3/V4 not in long-term foster care', (r) => withChild(r, {}, [{ LS: 'V4', PLACE: 'U4', HOME_POST: '', PL_POST: '', URN: '', DECOM: '01/01/2024' }]), { file: E, line: 5, column: 'PLACE', rule: '384' }],
    // episodes.csv: durations of legal statuses and temporary placements
    ['361 police protection (L1) at most 72 hours', (r) => withChild(r, {}, [{ LS: 'L1', DECOM: '01/01/2024', DEC: '05/01/2024', REC: 'E8' }]), { file: E, line: 5, column: 'LS', rule: '361' }],
    ['361 counts an unbroken run of L1 episodes', (r) => withChild(r, {}, [{ LS: 'L1', DECOM: '01/01/2024', DEC: '03/01/2024', REC: 'X1', REASON_PLACE_CHANGE: 'CARPL' }, { RNE: 'P', LS: 'L1', PLACE: 'U4', DECOM: '03/01/2024', DEC: '06/01/2024', REC: 'E8' }]), { file: E, line: 5, column: 'LS', rule: '361' }],
    ['362 EPO (L2) flagged after 21 days', (r) => withChild(r, {}, [{ LS: 'L2', DECOM: '01/01/2024', DEC: '23/01/2024', REC: 'E8' }]), { file: E, line: 5, column: 'LS', rule: '362' }],
    ['379 a T4 placement at most 7 days', (r) => set(set(set(set(set(set(r, E, 3, 'PLACE', 'T4'), E, 3, 'PLACE_PROVIDER', ''), E, 3, 'URN', ''), E, 3, 'DEC', '01/10/2023'), E, 3, 'REC', 'X1'), E, 3, 'PL_POST', 'OU9 9'),
      { file: E, line: 3, column: 'DEC', rule: '379' }],
    // episodes.csv: the sequence of a child's episodes
    ['357 the first episode starts with RNE S', (r) => set(r, E, 4, 'RNE', 'P'), { file: E, line: 4, column: 'RNE', rule: '357' }],
    ['142 an episode followed by another must have DEC and REC', (r) => set(set(set(r, E, 2, 'DEC', ''), E, 2, 'REC', ''), E, 2, 'REASON_PLACE_CHANGE', ''), { file: E, line: 2, column: 'DEC', rule: '142' }],
    ['501 episodes must not overlap', (r) => set(r, E, 3, 'DECOM', '01/09/2023'), { file: E, line: 3, column: 'DECOM', rule: '501' }],
    ['433 a continuation starts the day the previous episode ended', (r) => set(r, E, 3, 'DECOM', '16/09/2023'), { file: E, line: 3, column: 'DECOM', rule: '433' }],
    ['388 X1 needs an episode starting the same day', (r) => set(set(r, E, 4, 'DEC', '01/03/2024'), E, 4, 'REC', 'X1'), { file: E, line: 4, column: 'REC', rule: '388' }],
    ['388 an episode followed the same day must end X1', (r) => set(r, E, 2, 'REC', 'E8'), { file: E, line: 2, column: 'REC', rule: '388' }],
    ['432 after leaving care the next episode is RNE S', (r) => set(set(r, E, 2, 'REC', 'E8'), E, 3, 'DECOM', '20/09/2023'), { file: E, line: 3, column: 'RNE', rule: '432' }],
    ['431 RNE S only after the previous episode ended', (r) => set(r, E, 3, 'RNE', 'S'), { file: E, line: 3, column: 'RNE', rule: '431' }],
    ['437 no episodes after the child died', (r) => set(set(r, E, 2, 'REC', 'E2'), E, 3, 'RNE', 'S'), { file: E, line: 2, column: 'REC', rule: '437' }],
    ['504 the category of need stays the same through a period of care', (r) => set(r, E, 3, 'CIN', 'N2'), { file: E, line: 3, column: 'CIN', rule: '504' }],
    ['225 a reason for a placement change', (r) => set(r, E, 2, 'REASON_PLACE_CHANGE', ''), { file: E, line: 2, column: 'REASON_PLACE_CHANGE', rule: '225' }],
    ['435 RNE P: the placement changed, not the legal status', (r) => set(r, E, 3, 'LS', 'C1'), { file: E, line: 3, column: 'LS', rule: '435' }],
    ['436 RNE B: both placement and legal status changed', (r) => set(r, E, 3, 'RNE', 'B'), { file: E, line: 3, column: 'LS', rule: '436' }],
    ['380 a period of care cannot start with a temporary placement', (r) => withChild(r, {}, [{ PLACE: 'T1', PLACE_PROVIDER: '', URN: '', DECOM: '01/01/2024' }]), { file: E, line: 5, column: 'RNE', rule: '380' }],
    ['381 a period of care cannot end with a temporary placement', (r) => set(set(set(set(set(r, E, 3, 'PLACE', 'T2'), E, 3, 'PLACE_PROVIDER', ''), E, 3, 'URN', ''), E, 3, 'DEC', '20/09/2023'), E, 3, 'REC', 'E8'), { file: E, line: 3, column: 'REC', rule: '381' }],
    ['383 after a temporary placement the child returns to the same placement', (r) =>
      withChild(r, {}, [
        { DECOM: '01/01/2024', DEC: '02/02/2024', REC: 'X1', PLACE: 'U4' },
        { RNE: 'P', PLACE: 'T2', PLACE_PROVIDER: '', URN: '', PL_POST: 'OU5 5', DECOM: '02/02/2024', DEC: '09/02/2024', REC: 'X1' },
        { RNE: 'P', PLACE: 'U5', DECOM: '09/02/2024' },
      ]), { file: E, line: 6, column: 'PLACE', rule: '383' }],
    ['390 adopted needs a placement for adoption', (r) => set(set(r, E, 4, 'DEC', '01/03/2024'), E, 4, 'REC', 'E11'), { file: E, line: 4, column: 'REC', rule: '390' }],
    ['387 independent living not under 14', (r) => set(set(r, E, 4, 'DEC', '01/03/2024'), E, 4, 'REC', 'E5'), { file: E, line: 4, column: 'REC', rule: '387' }],
    ['371 semi-independent living (H5) from 14', (r) => set(set(r, E, 4, 'PLACE', 'H5'), E, 4, 'URN', ''), { file: E, line: 4, column: 'PLACE', rule: '371' }],
    ['duplicate (CHILD, DECOM)', (r) => (r[E].push(r[E][2]!.slice()), r), { file: E, line: 5, column: 'DECOM', rule: 'duplicate_episode' }],
    ['a child in episodes.csv must be in header.csv', (r) => (r[E].push(episode({ CHILD: '9999', DECOM: '01/01/2024' })), r), { file: E, line: 5, column: 'CHILD', rule: 'child_not_in_header' }],
    // reviews.csv
    ['166 REVIEW must be a real date', (r) => set(r, R, 2, 'REVIEW', '31/06/2022'), { file: R, line: 2, column: 'REVIEW', rule: '166' }],
    ['REVIEW not in the future', (r) => set(r, R, 2, 'REVIEW', '01/01/2026'), { file: R, line: 2, column: 'REVIEW', rule: 'date_in_future' }],
    ['167 REVIEW_CODE must be PN0–PN7', (r) => set(r, R, 2, 'REVIEW_CODE', 'PN8'), { file: R, line: 2, column: 'REVIEW_CODE', rule: '167' }],
    ['440 PN0 only under 4', (r) => set(r, R, 2, 'REVIEW_CODE', 'PN0'), { file: R, line: 2, column: 'REVIEW_CODE', rule: '440' }],
    ['441 PN1–PN7 only from 4', (r) => set(r, R, 3, 'REVIEW_CODE', 'PN2'), { file: R, line: 3, column: 'REVIEW_CODE', rule: '441' }],
    ['DOB must match header.csv', (r) => set(r, R, 2, 'DOB', '13/03/2012'), { file: R, line: 2, column: 'DOB', rule: 'dob_mismatch' }],
    ['duplicate review', (r) => (r[R].push(r[R][0]!.slice()), r), { file: R, line: 4, column: 'REVIEW', rule: 'duplicate_review' }],
    ['a child in reviews.csv must be in header.csv', (r) => (r[R].push(['9999', '01/01/2010', '01/01/2024', 'PN1']), r), { file: R, line: 4, column: 'CHILD', rule: 'child_not_in_header' }],
    ['1012 no reviews for a child without episodes', (r) => (r[H].push(row(H, { CHILD: '3001', SEX: '1', DOB: '01/01/2010', ETHNIC: 'WBRI', UPN: 'UN2' })), r[R].push(['3001', '01/01/2010', '01/01/2024', 'PN1']), r), { file: R, line: 4, column: 'CHILD', rule: '1012' }],
    ['399 no reviews for a child on short breaks', (r) => (withChild(r, {}, [{ LS: 'V4', HOME_POST: '', PL_POST: '', URN: '', DECOM: '01/01/2024' }]), r[R].push(['2001', '01/01/2008', '01/02/2024', 'PN1']), r), { file: R, line: 4, column: 'REVIEW', rule: '399' }],
    // missing.csv
    ['1006 MISSING must be M or A', (r) => set(r, M, 2, 'MISSING', 'X'), { file: M, line: 2, column: 'MISSING', rule: '1006' }],
    ['565 MISSING required with MIS_START', (r) => set(r, M, 2, 'MISSING', ''), { file: M, line: 2, column: 'MISSING', rule: '565' }],
    ['1004 MIS_START must be a real date', (r) => set(r, M, 2, 'MIS_START', '2023-11-03'), { file: M, line: 2, column: 'MIS_START', rule: '1004' }],
    ['564 MIS_START required', (r) => set(r, M, 2, 'MIS_START', ''), { file: M, line: 2, column: 'MIS_START', rule: '564' }],
    ['1005 MIS_END must be a real date', (r) => set(r, M, 2, 'MIS_END', '5/11/23'), { file: M, line: 2, column: 'MIS_END', rule: '1005' }],
    ['567 MIS_END not before MIS_START', (r) => set(r, M, 2, 'MIS_END', '02/11/2023'), { file: M, line: 2, column: 'MIS_END', rule: '567' }],
    ['586 MIS_START after the date of birth', (r) => set(set(r, M, 2, 'MIS_START', '12/03/2012'), M, 2, 'MIS_END', '13/03/2012'), { file: M, line: 2, column: 'MIS_START', rule: '586' }],
    ['574 missing periods must not overlap', (r) => (r[M].push(['1001', '12/03/2012', 'A', '04/11/2023', '06/11/2023']), r), { file: M, line: 3, column: 'MIS_START', rule: '574' }],
    ['575 a period in an ended placement needs MIS_END', (r) => set(set(r, M, 2, 'MIS_START', '01/05/2022'), M, 2, 'MIS_END', ''), { file: M, line: 2, column: 'MIS_END', rule: '575' }],
    ['duplicate missing period', (r) => (r[M].push(r[M][0]!.slice()), r), { file: M, line: 3, column: 'MIS_START', rule: 'duplicate_missing' }],
    // oc2.csv
    ['180 SDQ_SCORE 0–40', (r) => set(r, O, 2, 'SDQ_SCORE', '41'), { file: O, line: 2, column: 'SDQ_SCORE', rule: '180' }],
    ['196 SDQ_REASON code', (r) => set(set(r, O, 2, 'SDQ_SCORE', ''), O, 2, 'SDQ_REASON', 'SDQ9'), { file: O, line: 2, column: 'SDQ_REASON', rule: '196' }],
    ['197a no SDQ_REASON with a score', (r) => set(r, O, 2, 'SDQ_REASON', 'SDQ4'), { file: O, line: 2, column: 'SDQ_REASON', rule: '197a' }],
    ['181 flags are 0 or 1', (r) => set(r, O, 2, 'TEETH_CHECK', 'Y'), { file: O, line: 2, column: 'TEETH_CHECK', rule: '181' }],
    ['182 immunisations, teeth, assessment and substance misuse together', (r) => set(r, O, 2, 'HEALTH_ASSESSMENT', ''), { file: O, line: 2, column: 'HEALTH_ASSESSMENT', rule: '182' }],
    ['544 conviction information needs the health items', (r) => set(set(r, O, 2, 'CONVICTED', '1'), O, 2, 'IMMUNISATIONS', ''), { file: O, line: 2, column: 'CONVICTED', rule: '544' }],
    ['192 substance misuse needs INTERVENTION_RECEIVED', (r) => set(r, O, 2, 'SUBSTANCE_MISUSE', '1'), { file: O, line: 2, column: 'INTERVENTION_RECEIVED', rule: '192' }],
    ['193 no intervention items without substance misuse', (r) => set(r, O, 2, 'INTERVENTION_RECEIVED', '1'), { file: O, line: 2, column: 'INTERVENTION_RECEIVED', rule: '193' }],
    ['158 no INTERVENTION_OFFERED when received', (r) => set(set(set(r, O, 2, 'SUBSTANCE_MISUSE', '1'), O, 2, 'INTERVENTION_RECEIVED', '1'), O, 2, 'INTERVENTION_OFFERED', '0'), { file: O, line: 2, column: 'INTERVENTION_OFFERED', rule: '158' }],
    ['159 INTERVENTION_OFFERED when not received', (r) => set(set(r, O, 2, 'SUBSTANCE_MISUSE', '1'), O, 2, 'INTERVENTION_RECEIVED', '0'), { file: O, line: 2, column: 'INTERVENTION_OFFERED', rule: '159' }],
    ['duplicate CHILD in oc2.csv', (r) => (r[O].push(r[O][0]!.slice()), r), { file: O, line: 3, column: 'CHILD', rule: 'duplicate_child' }],
  ];

  test.each(cases)('%s', (_, mutate, expected) => {
    const errors = errorsOf(mutate(base()));
    expect(errors).toContainEqual(expect.objectContaining({ file: expected.file, line: expected.line, column: col(expected.file, expected.column), rule: expected.rule }));
  });
});

describe('validateSsda903: files and the header row', () => {
  test('a required file that is missing is named', () => {
    const result = validateSsda903({ files: { 'header.csv': texts(base())['header.csv'] }, today: TODAY });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors).toContainEqual(expect.objectContaining({ file: 'episodes.csv', rule: 'file_missing' }));
  });

  test('a missing column is an error naming the file and the column', () => {
    const files = texts(base());
    files['reviews.csv'] = files['reviews.csv'].replace('CHILD,DOB,REVIEW,REVIEW_CODE', 'CHILD,DOB,REVIEW').replace(/,PN\d/g, '');
    const errors = validateSsda903({ files, today: TODAY });
    expect(errors.ok).toBe(false);
    if (!errors.ok) expect(errors.errors).toEqual([{ file: 'reviews.csv', line: 1, column: 4, rule: 'header_row', message: 'reviews.csv has no REVIEW_CODE column (expected CHILD,DOB,REVIEW,REVIEW_CODE)' }]);
  });

  test('an extra or repeated column is an error at that column', () => {
    const files = texts(base());
    files['missing.csv'] = files['missing.csv'].replace('MIS_END', 'MIS_END,NOTES').replace(/(\d{4})\n/g, '$1,\n');
    files['oc2.csv'] = files['oc2.csv'].replace('CHILD,DOB', 'CHILD,CHILD');
    const result = validateSsda903({ files, today: TODAY });
    if (result.ok) throw new Error('expected errors');
    expect(result.errors).toContainEqual(expect.objectContaining({ file: 'missing.csv', line: 1, column: 6, rule: 'header_row' }));
    expect(result.errors).toContainEqual(expect.objectContaining({ file: 'oc2.csv', line: 1, column: 2, rule: 'header_row', message: 'oc2.csv has the column CHILD twice' }));
  });

  test('a row with the wrong number of fields, a CSV syntax error and an empty file', () => {
    const files = texts(base());
    files['episodes.csv'] += '1002,01/01/2025\n1002,"02/01/2025,S\n';
    files['missing.csv'] = '';
    const result = validateSsda903({ files, today: TODAY });
    if (result.ok) throw new Error('expected errors');
    expect(result.errors).toContainEqual(expect.objectContaining({ file: 'episodes.csv', line: 5, column: 3, rule: 'field_count' }));
    expect(result.errors).toContainEqual(expect.objectContaining({ file: 'episodes.csv', line: 6, column: 2, rule: 'csv_syntax' }));
    expect(result.errors).toContainEqual(expect.objectContaining({ file: 'missing.csv', line: 1, column: 1, rule: 'header_row' }));
  });
});

test('a syntax error in a header row is reported once; the rows under it are not mistaken for the header', () => {
  const files = texts(base());
  files['reviews.csv'] = files['reviews.csv'].replace('CHILD,DOB,REVIEW,REVIEW_CODE', 'CHILD,"DOB,REVIEW,REVIEW_CODE');
  const result = validateSsda903({ files, today: TODAY });
  if (result.ok) throw new Error('expected errors');
  expect(result.errors.filter((e) => e.file === 'reviews.csv')).toEqual([expect.objectContaining({ line: 1, column: 2, rule: 'csv_syntax' })]);
});

describe('validateSsda903: reporting', () => {
  test('every error is reported, sorted by file, line and column, with a readable message', () => {
    const rows = set(set(set(base(), 'episodes.csv', 4, 'RNE', 'P'), 'header.csv', 3, 'SEX', '0'), 'episodes.csv', 2, 'PLACE_PROVIDER', 'PR0');
    const result = validateSsda903({ files: texts(rows), today: TODAY });
    if (result.ok) throw new Error('expected errors');
    expect(result.errors.map(formatImportError)).toEqual([
      'header.csv:3:2 (rule 101): SEX must be 1 (male) or 2 (female), found "0"',
      'episodes.csv:2:7 (rule 550): placement provider PR0 (parent or person with parental responsibility) can only go with placement P1, found U4',
      'episodes.csv:4:3 (rule 357): the first episode for child 1002 must start with RNE S (started to be looked after), found P; if an episode immediately before it is missing from the file, add it',
    ]);
    expect(result.errors[2]!.child).toBe('1002');
  });

  test('rule 357: a first episode that continues an episode already held from an earlier return need not be S', () => {
    const rows = base();
    rows['episodes.csv'].splice(0, 1); // the S episode was in last year's return
    rows['reviews.csv'].splice(0, 1);
    expect(errorsOf(rows).map((e) => e.rule)).toEqual(['357']);
    expect(errorsOf(rows, { precedingEpisodeEnds: new Map([['1001', new Set(['2023-09-15'])]]) })).toEqual([]);
    expect(errorsOf(rows, { precedingEpisodeEnds: new Map([['1001', new Set(['2023-09-14'])]]) }).map((e) => e.rule)).toEqual(['357']);
  });
});
