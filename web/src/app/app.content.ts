/**
 * Copy shared by the app shell and by the components (which hold no English of their own).
 * Page copy lives beside each page in `pages/<page>/page.content.ts`.
 */
export const appContent = {
  serviceName: 'CLASP',
  serviceLongName: 'Children Looked After and Safeguarding Platform',
  titleSuffix: 'CLASP – NHS',
  errorTitlePrefix: 'Error: ',
  skipLink: 'Skip to main content',
  logoAlt: 'NHS',
  homeLinkLabel: 'CLASP homepage',
  accountNavLabel: 'Account',
  signedInAs: (name: string, role: string) => `${name} (${role})`,
  signOut: 'Sign out',
  mainNavLabel: 'Menu',
  nav: {
    findChild: 'Find a child',
    addChild: 'Add a child',
    cohort: 'Practice cohort',
    lacHealth: 'LAC health',
    worklists: 'Team worklist',
    oc2: 'OC2 return',
  },
  moreMenu: 'More',
  footer: {
    heading: 'Support links',
    description: 'CLASP – Children Looked After and Safeguarding Platform. For use by authorised health professionals only. Every record you open is audited.',
    copyright: '© NHS England',
  },
  loading: 'Loading…',
  loadFailed: {
    title: 'Sorry, there is a problem with the service',
    body: 'Try again later.',
  },
} as const;

/** Copy the generic components need (error summary, inline errors, dates, yes/no, etc). */
export const componentContent = {
  errorSummaryTitle: 'There is a problem',
  errorPrefix: 'Error',
  informationPrefix: 'Information',
  importantPrefix: 'Important',
  back: 'Back',
  optional: '(optional)',
  date: { day: 'Day', month: 'Month', year: 'Year' },
  yes: 'Yes',
  no: 'No',
  notRecorded: 'Not recorded',
  selectPlaceholder: 'Select an option',
} as const;

export type ComponentContent = typeof componentContent;
