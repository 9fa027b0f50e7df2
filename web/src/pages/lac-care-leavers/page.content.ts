export const content = {
  title: 'Care leavers’ health reviews',
  heading: 'Care leavers',
  intro: [
    'Young people who have left care, with their next health review. The health offer runs to their 21st birthday, or to 25 if they ask for support to continue.',
    'CLASP schedules each review itself: there is no need to wait for children’s social care to ask (CQC recommendation 1.5). Overdue first.',
  ],
  caption: (n: number) => (n === 1 ? '1 care leaver' : `${n} care leavers`),
  columns: { child: 'Young person', age: 'Age', offerEnds: 'Offer ends', lastReview: 'Last review', nextReview: 'Next review due', status: 'Status', passport: 'Health passport' },
  age: (years: number) => `${years}`,
  extendedTo25: 'Extended to 25',
  noLastReview: 'None recorded',
  noNextReview: 'None before the offer ends',
  status: { overdue: 'Overdue', due: 'Due', offer_ending: 'Offer ending' },
  passport: 'Health passport',
  passportFor: (name: string) => `for ${name}`,
  none: 'There are no care leavers with a health offer: no young person has left care and is under 21 (or under 25 with support extended).',
} as const;
