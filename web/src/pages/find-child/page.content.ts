export const content = {
  title: 'Find a child',
  heading: 'Find a child',
  intro: 'Search by NHS number, name or date of birth. You can use more than one.',
  nhsNumber: { label: 'NHS number', hint: 'This is a 10 digit number, like 943 476 5919' },
  name: { label: 'Name', hint: 'Given name, family name or both. The spelling does not need to be exact.' },
  dateOfBirth: {
    legend: 'Date of birth',
    hint: 'For example, 15 3 2019',
    incomplete: 'Date of birth must include a day, month and year',
    invalid: 'Date of birth must be a real date',
  },
  submit: 'Search',
  results: {
    heading: 'Search results',
    count: (n: number) => (n === 1 ? '1 child found' : `${n} children found`),
    columns: { name: 'Name', nhsNumber: 'NHS number', dateOfBirth: 'Date of birth', postcode: 'Postcode', flags: 'Flags', action: 'Action' },
    unborn: 'Unborn',
    noNhsNumber: 'None',
    noFlags: 'None',
    notAvailable: 'Not shown',
    flagsHiddenHint: 'Flags are shown once you have access to the record',
    recordAttendance: 'Record attendance',
    recordAttendanceFor: (name: string) => `for ${name}`,
    noAccess: 'No access',
  },
  noResults: {
    heading: 'No children found',
    body: 'Check the NHS number, name and date of birth, then search again. The record may not exist, or you may not have access to it.',
  },
  attendance: {
    heading: (name: string) => `Record an attendance for ${name}`,
    intro:
      'You can see this child’s record while they are presenting at your service. Recording the attendance is audited and your organisation is named on the record.',
    reason: { label: 'Reason for attendance', hint: 'For example, head injury' },
    submit: 'Record attendance and view record',
    cancel: 'Cancel',
    notFound: 'This child’s record could not be found. Search again.',
  },
  errors: {
    searchFailed: 'Sorry, the search is not working at the moment. Try again later',
    attendanceFailed: 'Sorry, the attendance could not be recorded. Try again later',
  },
} as const;
