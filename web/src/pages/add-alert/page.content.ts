export const content = {
  title: 'Add a safeguarding alert',
  heading: 'Add a safeguarding alert',
  back: 'Back to the child’s record',
  kind: { legend: 'Type of alert' },
  note: { label: 'Note (optional)', hint: 'What other professionals need to know. Do not include information the child or family must not see unless it is essential.' },
  source: { label: 'Source', hint: 'Where this information came from, for example “MARAC meeting 4 June 2024”' },
  reviewOn: {
    legend: 'Review date',
    hint: 'When this alert should next be checked, for example 4 12 2024',
    incomplete: 'Review date must include a day, month and year',
    invalid: 'Review date must be a real date',
  },
  disclosure: {
    legend: 'Has the person (or their parent or carer) been told about this alert?',
    disclosed: 'Yes, they have been told',
    notDisclosed: 'No, they have not been told',
  },
  disclosureReason: { label: 'Why have they not been told?', hint: 'For example, telling them could put the child at risk' },
  submit: 'Save alert',
  cancel: 'Cancel',
  errors: { failed: 'Sorry, the alert could not be saved. Try again later' },
} as const;
