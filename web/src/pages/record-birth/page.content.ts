export const content = {
  title: 'Record the birth',
  heading: 'Record the birth',
  back: 'Back to the unborn record',
  intro: 'The unborn record becomes the child’s own record. Its status history and alerts stay with the child.',
  givenName: 'Given name',
  familyName: 'Family name',
  dateOfBirth: {
    legend: 'Date of birth',
    hint: 'For example, 15 3 2026',
    incomplete: 'Date of birth must include a day, month and year',
    invalid: 'Date of birth must be a real date',
  },
  sex: { legend: 'Sex' },
  nhsNumber: { label: 'NHS number (optional)', hint: 'This is a 10 digit number, like 943 476 5919' },
  submit: 'Record birth',
  cancel: 'Cancel',
  errors: { failed: 'Sorry, the birth could not be recorded. Try again later' },
} as const;
