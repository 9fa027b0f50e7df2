const date = (label: string) => ({
  incomplete: `${label} must include a day, month and year`,
  invalid: `${label} must be a real date`,
});

export const content = {
  title: 'Add a child',
  heading: 'Add a child',
  intro: 'Search for the child first. Add them only if they are not already on CLASP.',
  back: 'Back to find a child',
  givenName: 'Given name',
  familyName: 'Family name',
  born: {
    legend: 'Has the child been born?',
    yes: 'Yes',
    no: 'No, this is an unborn baby',
  },
  dateOfBirth: { legend: 'Date of birth', hint: 'For example, 15 3 2019', ...date('Date of birth') },
  expectedDueOn: { legend: 'Expected due date', hint: 'For example, 28 11 2026', ...date('Expected due date') },
  sex: { legend: 'Sex', hint: 'Leave this if it is not known' },
  nhsNumber: { label: 'NHS number (optional)', hint: 'This is a 10 digit number, like 943 476 5919' },
  laChildId: { label: 'Local authority child ID (optional)', hint: 'The ID children’s social care gave the child' },
  ethnicity: { label: 'Ethnicity (optional)', empty: 'Not recorded' },
  practice: { label: 'Registered GP practice (optional)', empty: 'Not known' },
  school: { label: 'School (optional)', empty: 'Not known or not at school' },
  address: {
    legend: 'Address (optional)',
    hint: 'Where the child lives now',
    line1: 'Address line 1',
    town: 'Town or city (optional)',
    postcode: 'Postcode',
    validFrom: { legend: 'Date the child started living here', hint: 'For example, 1 9 2024', ...date('The date the child started living here') },
  },
  duplicates: {
    heading: 'This child may already be on CLASP',
    intro: 'These records look similar. Check them before you add a new record: a second record splits the child’s history.',
    caption: 'Possible duplicate records',
    columns: { name: 'Name', dateOfBirth: 'Date of birth', reasons: 'Why it matches' },
    outOfScope: 'You do not have access to this record',
    unborn: 'Unborn',
    confirm: 'This is a different child',
    confirmLegend: 'Confirm before you add the child',
    mustConfirm: 'Tick “This is a different child” if none of these records is this child, or open the existing record instead',
  },
  submit: 'Add child',
  errors: {
    failed: 'Sorry, the child could not be added. Try again later',
  },
} as const;
