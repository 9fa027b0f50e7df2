export const content = {
  title: 'Health assessment exceptions',
  heading: 'Exceptions',
  intro: 'Young people who refused or missed a health assessment, or whose assessment is overdue: the list for the monthly exceptions meeting with children’s social care. Oldest due date first.',
  caption: (n: number) => (n === 1 ? '1 exception' : `${n} exceptions`),
  columns: { child: 'Child', laChildId: 'LA child ID', kind: 'Assessment', due: 'Was due', reason: 'Reason' },
  noLaChildId: 'None',
  none: 'There are no exceptions: no young person has refused, missed or is overdue for a health assessment.',
  counts: { label: 'Exceptions by reason' },
} as const;
