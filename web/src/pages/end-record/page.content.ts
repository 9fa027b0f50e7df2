export const content = {
  episode: {
    title: 'End a status episode',
    heading: (label: string) => `End the ${label.toLowerCase()} episode`,
    submit: 'End status episode',
    failed: 'Sorry, the status episode could not be ended. Try again later',
  },
  flag: {
    title: 'End a safeguarding alert',
    heading: (label: string) => `End the alert: ${label}`,
    submit: 'End alert',
    failed: 'Sorry, the alert could not be ended. Try again later',
  },
  back: 'Back to the child’s record',
  notFound: 'This episode or alert is not on the child’s record, or has already ended.',
  started: 'Started',
  recorded: 'Recorded',
  source: 'Source',
  endedOn: {
    legend: 'End date',
    hint: 'For example, 27 3 2025',
    incomplete: 'End date must include a day, month and year',
    invalid: 'End date must be a real date',
  },
  cancel: 'Cancel',
} as const;
