export const content = {
  title: 'Quality assurance of health assessments',
  heading: 'Quality assurance',
  intro: 'Results of quality assurance reviews of completed initial and review health assessments, against the checklist below. Percentages pool every review’s score.',
  checklist: (title: string, version: number) => `${title}, version ${version}`,
  overall: {
    heading: 'Overall',
    none: 'No assessments have been quality assured yet. Quality assure a completed assessment from the child’s LAC health page.',
    summary: (reviews: number, score: number, max: number, percent: string) =>
      `${reviews === 1 ? '1 review' : `${reviews} reviews`}: ${score} of ${max} points (${percent}).`,
  },
  groups: {
    practitioner: { heading: 'By practitioner', caption: 'Results by practitioner', key: 'Practitioner' },
    team: { heading: 'By team', caption: 'Results by team', key: 'Team' },
    origin: { heading: 'Internal and out-of-area assessments', caption: 'Results for internal and out-of-area assessments', key: 'Done by' },
  },
  columns: { reviews: 'Reviews', score: 'Points', percent: 'Score' },
  points: (score: number, max: number) => `${score} of ${max}`,
  items: {
    heading: 'By checklist item',
    caption: 'How often each checklist item was met',
    columns: { item: 'Checklist item', met: 'Met', notMet: 'Not met', notApplicable: 'Not applicable', unanswered: 'Unanswered', percentMet: 'Met (%)' },
  },
  percent: (value: number | null) => (value === null ? 'Not applicable' : `${value.toFixed(1)}%`),
} as const;
