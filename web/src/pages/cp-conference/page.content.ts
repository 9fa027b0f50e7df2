export const content = {
  title: 'Invite health services to a child protection conference',
  heading: 'Child protection conference',
  back: 'Back to the closed loops',
  intro: 'Inviting services starts the clock on each health report (the GP’s is pre-filled from the record, rec 4.3), then on the plan being received and filed by each service.',
  kind: { legend: 'Which conference?', initial: 'Initial child protection conference', review: 'Review child protection conference' },
  conferenceAt: {
    legend: 'Date of the conference',
    hint: 'For example, 10 12 2026',
    required: 'Enter the date of the conference',
    incomplete: 'The date of the conference must include a day, month and year',
    invalid: 'The date of the conference must be a real date',
  },
  time: { label: 'Time', hint: 'Use the 24-hour clock, for example 10:00', required: 'Enter the time of the conference', invalid: 'Enter a real time, like 10:00' },
  invited: { legend: 'Health services invited to report', hint: 'Select all that apply' },
  submit: 'Invite and start the clocks',
  cancel: 'Cancel',
  errors: { failed: 'Sorry, the conference could not be saved. Try again later' },
} as const;
