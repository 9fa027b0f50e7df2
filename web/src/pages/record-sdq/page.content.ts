const date = (label: string) => ({
  incomplete: `${label} must include a day, month and year`,
  invalid: `${label} must be a real date`,
});

export const content = {
  title: 'Record an SDQ',
  heading: 'Record a Strengths and Difficulties Questionnaire (SDQ)',
  back: 'Back to LAC health',
  intro: 'Enter the carer’s answers from the paper or online questionnaire, item by item, or only the total difficulties score when that is all you have. Items are shown by number and short name; the questionnaire’s own wording is not reproduced here.',
  completedOn: { legend: 'Date the questionnaire was completed', hint: 'For example, 27 3 2026', ...date('Date the questionnaire was completed') },
  mode: {
    legend: 'What do you have?',
    responses: 'All 25 answers',
    responsesHint: 'Scored as youthinmind publish: reverse-scored items are handled for you',
    total: 'Only the total difficulties score',
    required: 'Select whether you have the 25 answers or only the total',
  },
  totalOnly: { label: 'Total difficulties score', hint: 'A whole number from 0 to 40', invalid: 'Total difficulties must be a whole number from 0 to 40' },
  items: {
    heading: 'Answers',
    hint: 'Enter each answer as ticked on the form: 0 = not true, 1 = somewhat true, 2 = certainly true. Leave an item as not answered if the carer left it blank.',
    legend: (n: number, name: string) => `Item ${n}: ${name}`,
    notAnswered: 'Not answered',
    scale: (scale: string) => `Scale: ${scale}`,
  },
  scales: { emotional: 'emotional', conduct: 'conduct', hyperactivity: 'hyperactivity', peer: 'peer problems', prosocial: 'prosocial' } as Record<string, string>,
  preview: {
    heading: 'Scores from these answers',
    total: (total: string, band: string) => `Total difficulties: ${total}${band ? ` (${band})` : ''}`,
    notScored: 'not enough answers yet (at least 3 in each scale)',
    scale: (name: string, value: string) => `${name}: ${value}`,
  },
  submit: 'Save SDQ',
  cancel: 'Cancel',
  errors: { failed: 'Sorry, the SDQ could not be saved. Try again later' },
} as const;
