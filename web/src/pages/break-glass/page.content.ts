export const content = {
  title: 'Request emergency access',
  heading: 'Request emergency access (break-glass)',
  back: 'Back to find a child',
  intro: 'This child’s record is not part of your work. In an emergency you can open it for a limited time. The designated nurse and your named nurse for safeguarding are told at once, and every use is reviewed.',
  byNhsNumber: (nhsNumber: string) => `NHS number ${nhsNumber}. You will see whether a record exists only after you give a reason.`,
  stepUp: {
    heading: 'Confirm it is you',
    intro: 'Enter your password again before you ask for emergency access.',
    password: { label: 'Password' },
    submit: 'Continue',
    stale: 'Your confirmation has run out. Enter your password again',
    required: 'Enter your password',
  },
  reason: {
    heading: 'Why do you need this record now?',
    reasonCode: { legend: 'Reason', required: 'Select a reason for emergency access' },
    reasonText: {
      label: 'Describe why you need emergency access',
      hint: 'A reviewer reads this. Say who you are treating and why you cannot wait. For example, “Child brought to ED unconscious; carers cannot be reached”.',
    },
    minutes: { legend: 'How long do you need access for?', options: [{ value: '30', label: '30 minutes' }, { value: '60', label: '1 hour' }, { value: '120', label: '2 hours' }, { value: '240', label: '4 hours (the most allowed)' }] },
    submit: 'Open the record with emergency access',
    cancel: 'Cancel',
  },
  errors: {
    failed: 'Sorry, emergency access could not be requested. Try again, or phone the safeguarding team',
    stepUpFailed: 'Sorry, your password could not be checked. Try again later',
  },
  banner: {
    title: 'Emergency access',
    heading: (until: string) => `Emergency access until ${until}`,
    body: 'You opened this record with break-glass. Everything you look at is recorded and will be reviewed by the designated nurse.',
  },
  offer: {
    link: 'Request emergency access (break-glass)',
    linkFor: (name: string) => `for ${name}`,
    notFoundBody: 'If you need this record in an emergency, you can ask for time-limited access. It is recorded and reviewed.',
    noResultsBody: 'If the child is not one of yours and you need their record in an emergency, you can ask for time-limited access by NHS number. It is recorded and reviewed.',
  },
} as const;
