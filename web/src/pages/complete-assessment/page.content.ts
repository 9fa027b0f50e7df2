const date = (label: string) => ({
  incomplete: `${label} must include a day, month and year`,
  invalid: `${label} must be a real date`,
});

export const content = {
  title: (form: string) => `Complete the ${form.toLowerCase()}`,
  loadingTitle: 'Complete the health assessment',
  heading: (form: string) => form,
  back: 'Back to LAC health',
  version: (id: string, version: number, from: string) => `Form ${id}, version ${version}, in use from ${from}.`,
  source: (source: string) => `Based on: ${source}.`,
  closed: 'This assessment has already been completed or cancelled.',
  noForm: 'There is no form for this kind of assessment. Tell your system administrator.',
  voiceFirst: 'Start with the child or young person’s own words: what they say about their health and their life, written as they said it.',
  completedOn: { legend: 'Date of the assessment', hint: 'For example, 27 3 2026', ...date('Date of the assessment'), required: 'Enter the date of the assessment' },
  breachReason: {
    label: 'Why is the assessment late?',
    hint: (due: string) => `It was due on ${due}. This is reported as the reason the statutory timescale was breached.`,
    required: (due: string) => `This assessment was due on ${due}: enter why it is late`,
  },
  dateField: date('The date'),
  voice: {
    words: (n: number) => (n === 1 ? '1 word' : `${n} words`),
    complete: 'This counts as the child’s voice for the key performance indicator.',
    gaps: (gaps: string) => `Does not yet count as the child’s voice: ${gaps}.`,
  },
  submit: 'Complete assessment',
  cancel: 'Cancel',
  errors: { failed: 'Sorry, the assessment could not be saved. Try again later' },
} as const;
