export const content = {
  title: 'Quality assure a health assessment',
  heading: 'Quality assure the assessment',
  back: 'Back to LAC health',
  intro: (checklist: string, version: number) => `Check the completed assessment against the ${checklist} (version ${version}). Every item must be answered.`,
  notCompleted: 'Only a completed assessment can be quality assured.',
  item: { required: 'Answer met, not met or not applicable', weight: (n: number) => (n === 1 ? '1 point' : `${n} points`) },
  saved: {
    title: 'Success',
    heading: 'Quality assurance review saved',
    score: (score: number, max: number, percent: string) => `Score: ${score} of ${max} points (${percent}).`,
    back: 'Back to LAC health',
    summary: 'See quality assurance results',
  },
  percent: (value: number | null) => (value === null ? 'nothing applicable' : `${value.toFixed(1)}%`),
  submit: 'Save review',
  cancel: 'Cancel',
  errors: { failed: 'Sorry, the review could not be saved. Try again later' },
} as const;
