/** Copy shared by the LAC health pages (the area's own navigation and common words). */
export const lacContent = {
  nav: {
    label: 'Looked-after children’s health',
    heading: 'Pages in looked-after children’s health',
    worklist: 'Worklist',
    exceptions: 'Exceptions',
    careLeavers: 'Care leavers',
    oc2: 'OC2 return',
    qa: 'Quality assurance',
    import: 'Import',
  },
  caption: 'Looked-after children’s health',
  workingDaysLate: (n: number) => (n === 1 ? '1 working day late' : `${n} working days late`),
  notRecorded: 'Not recorded',
  bookedFor: (when: string) => `for ${when}`,
  assessmentLine: (kind: string, due: string, status: string) => `${kind}, due ${due}: ${status}.`,
  assessmentNotFound: 'This assessment was not found. It may have been completed or cancelled.',
} as const;
