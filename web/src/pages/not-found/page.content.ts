export const content = {
  childNotFound: {
    title: 'Child not found',
    heading: 'Child not found',
    body: 'The record you asked for does not exist, or you do not have access to it.',
    next: 'If the child is presenting at your service, find them by NHS number, name or date of birth.',
    link: 'Find a child',
  },
  pageNotFound: {
    title: 'Page not found',
    heading: 'Page not found',
    body: 'If you typed the web address, check it is correct. If you pasted the web address, check you copied the entire address.',
    link: 'Go to find a child',
  },
  forbidden: {
    title: 'You do not have permission to do this',
    heading: 'You do not have permission to do this',
    body: 'Your role does not allow this. Speak to your safeguarding lead if you need it.',
    link: 'Go to find a child',
  },
} as const;
