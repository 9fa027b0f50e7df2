export const content = {
  title: 'Sign in',
  heading: 'Sign in to CLASP',
  intro: 'CLASP shows health professionals which children are looked after, on a child protection plan or a child in need plan, so every service sees the same picture.',
  username: 'Username',
  password: 'Password',
  submit: 'Sign in',
  errors: {
    badCredentials: 'Enter a correct username and password',
    locked: 'This account is locked after too many failed sign-in attempts. Try again in 15 minutes or ask your system administrator',
    tooManyAttempts: 'Too many sign-in attempts. Wait a few minutes, then try again',
    failed: 'Sorry, you cannot sign in at the moment. Try again later',
  },
  demo: {
    heading: 'Demonstration accounts',
    intro: 'This is a demonstration service with made-up children. Sign in with any of these usernames.',
    passwordIntro: 'The password for every account is ',
    tableCaption: 'Demonstration accounts',
    columns: { username: 'Username', role: 'Role', organisation: 'Organisation' },
  },
} as const;
