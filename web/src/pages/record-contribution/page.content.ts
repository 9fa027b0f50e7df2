const date = (label: string) => ({
  incomplete: `${label} must include a day, month and year`,
  invalid: `${label} must be a real date`,
});

export const content = {
  title: 'Record a contribution received',
  heading: (who: string) => `Record the ${who} contribution`,
  back: 'Back to LAC health',
  unknown: 'This contribution was not requested for this assessment.',
  receivedOn: { legend: 'Date received', hint: 'For example, 27 3 2026', ...date('Date received') },
  summary: { label: 'Summary (optional)', hint: 'What it says that matters for the assessment, for example “Asthma review done; inhaler technique good”.' },
  submit: 'Mark received',
  cancel: 'Cancel',
  errors: { failed: 'Sorry, the contribution could not be recorded. Try again later' },
} as const;
