export const content = {
  title: 'Record what happened to the assessment',
  heading: 'What happened?',
  back: 'Back to LAC health',
  status: {
    legend: 'The assessment did not go ahead because',
    hint: 'The young person is then listed for the monthly exceptions meeting (declined or did not attend), and the assessment is offered again.',
    required: 'Select what happened',
    options: {
      declined: 'The young person declined the assessment',
      did_not_attend: 'The young person did not attend',
      cancelled: 'The appointment was cancelled',
    } as Record<string, string>,
  },
  submit: 'Save',
  cancel: 'Cancel',
  errors: { failed: 'Sorry, this could not be saved. Try again later' },
} as const;
