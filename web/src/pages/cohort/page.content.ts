export const content = {
  title: 'Practice cohort',
  heading: 'Practice cohort',
  intro: 'Every child registered with your practice who is looked after, on a child protection plan or on a child in need plan.',
  counts: {
    label: 'Number of children by status',
    lookedAfter: 'Looked after',
    childProtection: 'Child protection plan',
    childInNeed: 'Child in need plan',
    total: 'Children in total',
  },
  tableCaption: (n: number) => (n === 1 ? '1 child' : `${n} children`),
  columns: { name: 'Name', nhsNumber: 'NHS number', dateOfBirth: 'Date of birth', statuses: 'Status' },
  since: (date: string) => `Since ${date}`,
  category: (label: string) => `Category: ${label}`,
  legalStatus: (label: string) => `Legal status ${label}`,
  noNhsNumber: 'None',
  none: 'No registered child is looked after, on a child protection plan or on a child in need plan.',
  notAvailable: {
    heading: 'No practice cohort',
    body: 'You are not linked to a GP practice, so there is no practice cohort to show.',
  },
} as const;
