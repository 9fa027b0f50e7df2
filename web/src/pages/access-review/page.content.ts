import type { UnusualReason } from '../../../../src/domain/access/access-patterns.js';

export const UNUSUAL_LABELS: Record<UnusualReason, string> = {
  break_glass: 'Break-glass',
  refused: 'Refused',
  out_of_hours: 'Out of hours',
  many_children_area_wide: 'Many children',
};

export const content = {
  title: 'Who has looked at this record',
  heading: 'Who has looked at this record',
  back: 'Back to the child’s record',
  intro:
    'Every time someone opened, changed, exported or tried to open this child’s record, from the web, the API or the command line, with the relationship that gave them access. Refused attempts are included.',
  unusualIntro:
    'Unusual accesses are tagged: emergency access (break-glass), refusals, access outside 08:00 to 18:00, and people with an area-wide role who looked at many different children in the same period.',
  filters: {
    legend: 'Dates to review',
    from: { label: 'From', hint: 'For example, 1 11 2026' },
    to: { label: 'To', hint: 'For example, 27 11 2026' },
    submit: 'Show accesses',
    incomplete: (label: string) => `${label} must include a day, month and year`,
    invalid: (label: string) => `${label} must be a real date`,
  },
  period: (from: string, to: string) => `From ${from} to ${to}.`,
  totals: { label: 'Summary', accesses: 'accesses', people: 'people', unusual: 'unusual accesses' },
  truncated: 'There were more accesses than one page shows. Choose a shorter period, or download the audit rows.',
  none: 'Nobody accessed this record in this period.',
  peopleCaption: (n: number) => (n === 1 ? '1 person accessed this record' : `${n} people accessed this record`),
  peopleColumns: { person: 'Person', role: 'Role and organisation', accesses: 'Accesses', last: 'Last access', unusual: 'Unusual' },
  areaWide: (n: number, threshold: number) => `${n} different children viewed with an area-wide role in this period (unusual from ${threshold})`,
  detailsSummary: (person: string, n: number) => `${n === 1 ? '1 access' : `${n} accesses`} by ${person}`,
  rowsCaption: (person: string) => `Accesses by ${person}`,
  rowColumns: { when: 'When', action: 'What they did', basis: 'Relationship', outcome: 'Outcome', channel: 'Channel', breakGlass: 'Break-glass', unusual: 'Unusual' },
  yes: 'Yes',
  no: 'No',
  nothingUnusual: 'None',
  noOrganisation: 'Organisation not recorded',
  download: 'Download these audit rows (CSV) for an investigation',
  downloadHint: 'Each row has its chain, sequence number, hash and previous hash so it can be verified. The download is itself recorded.',
  rules: (version: number) => `Unusual-access rules version ${version}.`,
  area: 'Unusual access across the area',
} as const;
