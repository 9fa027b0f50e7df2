export const content = {
  title: 'Record the reason for delay',
  heading: 'Why is the assessment late?',
  back: 'Back',
  breachReason: {
    label: 'Reason for delay',
    hint: 'This is reported as the reason the statutory timescale was breached. For example, “Notification from social care received 18 working days after the child came into care”.',
  },
  submit: 'Save reason',
  cancel: 'Cancel',
  errors: { failed: 'Sorry, the reason could not be saved. Try again later' },
} as const;
