export const content = {
  title: 'Unusual access',
  heading: 'Unusual access to children’s records',
  caption: 'Access review',
  intro:
    'People whose access to children’s records stands out: emergency access (break-glass), refused attempts, access outside 08:00 to 18:00, and people with an area-wide role who looked at many different children. Children are named only where you may see their record yourself; the rest are counted.',
  period: { label: 'Period', submit: 'Show', options: [7, 30, 90] as const, option: (days: number) => `Last ${days} days` },
  since: (when: string, threshold: number, version: number) => `Since ${when}. “Many children” means ${threshold} or more different children in the period (unusual-access rules version ${version}).`,
  none: 'No unusual access in this period.',
  caption2: (n: number) => (n === 1 ? '1 person with unusual access' : `${n} people with unusual access`),
  columns: { person: 'Person', role: 'Role and organisation', counts: 'Accesses', unusual: 'Unusual', children: 'Children' },
  counts: (accesses: number, children: number, areaWide: number, refused: number, breakGlass: number, outOfHours: number) =>
    [`${accesses} accesses to ${children} ${children === 1 ? 'child' : 'children'}`, `${areaWide} area-wide`, `${refused} refused`, `${breakGlass} break-glass`, `${outOfHours} out of hours`].join('; '),
  outside: (n: number) => (n === 1 ? '1 child outside your scope' : `${n} children outside your scope`),
  noChildren: 'None',
  noOrganisation: 'Organisation not recorded',
  reviewLink: (name: string) => `Who has looked at ${name}’s record`,
} as const;
