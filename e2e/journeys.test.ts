import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { DEMO_CHILD_NHS_NUMBER } from '../src/seed/demo.js';
import { WEB_DIST } from './support/global-setup.js';
import { Harness } from './support/harness.js';

const DEMO_CHILD = { name: 'Ellie Thistlewood', formattedNhsNumber: '999 000 0018' };
const SCREENSHOT = '/tmp/clasp-child.png';

/** A calendar date in England, `days` from today, as day/month/year parts and ISO. */
function dateFromToday(days: number): { day: string; month: string; year: string; iso: string } {
  const iso = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date(Date.now() + days * 86_400_000));
  const [year, month, day] = iso.split('-') as [string, string, string];
  return { day: String(Number(day)), month: String(Number(month)), year, iso };
}

let h: Harness;

beforeAll(async () => {
  h = await Harness.start();
});

afterAll(async () => {
  await h?.close();
});

afterEach(() => {
  h.assertClean();
});

describe('built assets', () => {
  test('web/dist makes no third-party requests: no external URL in CSS or HTML, no off-site fonts', () => {
    const files = readdirSync(join(WEB_DIST, 'assets')).map((name) => join(WEB_DIST, 'assets', name));
    files.push(join(WEB_DIST, 'index.html'));
    const offenders: string[] = [];
    for (const file of files.filter((f) => f.endsWith('.css') || f.endsWith('.html'))) {
      const text = readFileSync(file, 'utf8');
      if (/url\(\s*['"]?\s*(https?:)?\/\//i.test(text)) offenders.push(`${file}: external url()`);
      if (/assets\.nhs\.uk/i.test(text)) offenders.push(`${file}: assets.nhs.uk`);
      if (/<script(?![^>]*\bsrc=)[^>]*>/i.test(text)) offenders.push(`${file}: inline script`);
      if (/\sstyle=/i.test(text) || /<style/i.test(text)) offenders.push(`${file}: inline style`);
    }
    expect(offenders).toEqual([]);
    const css = files.filter((f) => f.endsWith('.css')).map((f) => readFileSync(f, 'utf8')).join('\n');
    expect(css).toContain('nhsuk-header');
    expect(css).not.toMatch(/@font-face\s*\{[^}]*https?:/);
  });
});

describe('sign in', () => {
  test('a signed-out visitor is sent to sign in, which lists the demo accounts and reports bad input', async () => {
    await h.context.clearCookies();
    await h.goto('/');
    expect(new URL(h.page.url()).pathname).toBe('/sign-in');
    expect(await h.page.title()).toBe('Sign in – CLASP – NHS');
    const demo = h.page.locator('.nhsuk-inset-text');
    await expect.poll(() => demo.textContent()).toContain('health-visitor');
    expect(await demo.textContent()).toContain(h.server.demoPassword);
    expect(await demo.textContent()).toContain('Emergency department clinician');
    await h.checkA11y('sign in');

    await h.page.getByRole('button', { name: 'Sign in' }).click();
    const summary = h.page.locator('.nhsuk-error-summary');
    await summary.waitFor();
    expect(await h.page.evaluate(() => document.activeElement?.classList.contains('nhsuk-error-summary'))).toBe(true);
    expect(await h.page.title()).toBe('Error: Sign in – CLASP – NHS');
    expect(await summary.getAttribute('tabindex')).toBe('-1');
    expect(await summary.locator('[role="alert"]').count()).toBe(1);
    expect(await summary.locator('a').evaluateAll((links) => links.map((a) => a.getAttribute('href')))).toEqual(['#username', '#password']);
    await h.checkA11y('sign in with errors');
    await summary.getByRole('link', { name: 'Enter your username' }).click();
    expect(await h.page.evaluate(() => document.activeElement?.id)).toBe('username');

    await h.page.getByLabel('Username').fill('health-visitor');
    await h.page.getByLabel('Password', { exact: true }).fill('not the password');
    await h.page.getByRole('button', { name: 'Sign in' }).click();
    await summary.getByText('Enter a correct username and password').waitFor();
    expect(await h.page.getByLabel('Username').inputValue()).toBe('health-visitor');
    expect(await h.page.getByLabel('Password', { exact: true }).inputValue()).toBe('');
    await h.checkA11y('sign in after a wrong password');
  });

  test('too many attempts (429) is reported; a live (not demo) service says nothing about demo accounts', async () => {
    await h.context.clearCookies();
    await h.page.route('**/api/v1/meta', (route) =>
      route.fulfill({ json: { name: 'CLASP', version: '0.1.0', demo: false, demoAccounts: [], demoPassword: null } }),
    );
    await h.page.route('**/api/v1/auth/sign-in', (route) =>
      route.fulfill({ status: 429, json: { error: { code: 'auth.rate_limited', message: 'Too many sign-in attempts. Wait a minute and try again' } } }),
    );
    try {
      await h.goto('/sign-in');
      expect(await h.page.locator('.nhsuk-inset-text').count()).toBe(0);
      expect(await h.page.locator('main').textContent()).not.toMatch(/demonstration|demo/i);
      await h.page.getByLabel('Username').fill('gp');
      await h.page.getByLabel('Password', { exact: true }).fill('whatever-it-is');
      await h.page.getByRole('button', { name: 'Sign in' }).click();
      await h.page.locator('.nhsuk-error-summary').getByText('Too many sign-in attempts', { exact: false }).waitFor();
      expect(await h.page.title()).toBe('Error: Sign in – CLASP – NHS');
      await h.checkA11y('sign in: too many attempts (not demo)');
    } finally {
      await h.page.unroute('**/api/v1/meta');
      await h.page.unroute('**/api/v1/auth/sign-in');
    }
  });
});

describe('health visitor', () => {
  test('finds the demo child by NHS number; the summary shows the CP plan first', async () => {
    await h.signIn('health-visitor');
    expect(new URL(h.page.url()).pathname).toBe('/');
    expect(await h.page.title()).toBe('Find a child – CLASP – NHS');
    const header = h.page.locator('header.nhsuk-header');
    expect(await header.locator('.nhsuk-header__service-name').textContent()).toBe('CLASP');
    expect(await header.getByTestId('signed-in-user').textContent()).toContain('(Health visitor)');
    const nav = h.page.getByRole('navigation', { name: 'Menu' });
    expect(await nav.getByRole('link').allTextContents()).toEqual(['Find a child', 'Add a child', 'Team worklist']);
    await h.checkA11y('find a child');

    await h.page.getByLabel('NHS number').fill(DEMO_CHILD_NHS_NUMBER);
    await h.page.getByRole('button', { name: 'Search' }).click();
    const results = h.page.locator('table.nhsuk-table');
    await results.waitFor();
    const row = results.locator('tbody tr').first();
    expect(await row.textContent()).toContain(DEMO_CHILD.formattedNhsNumber);
    expect(await row.textContent()).toContain('Child protection plan');
    await h.checkA11y('search results (NHS number)');

    await row.getByRole('link', { name: DEMO_CHILD.name }).click();
    await h.page.waitForURL(/\/children\/[0-9a-f-]{36}$/);
    await h.settled();
    expect(await h.page.locator('h1').textContent()).toContain(DEMO_CHILD.name);
    expect(await h.page.title()).toBe(`${DEMO_CHILD.name} – child record – CLASP – NHS`);

    // The flags banner comes straight after the name, before any other section, CP plan first.
    const banner = h.page.locator('section.clasp-flags');
    const firstFlag = banner.locator('.clasp-flags__item').first();
    expect(await firstFlag.textContent()).toContain('Child protection plan');
    expect(await banner.locator('.nhsuk-warning-callout__label').textContent()).toContain('Safeguarding flags');
    const order = await h.page.evaluate(() => {
      const all = [...document.querySelectorAll('#maincontent h1, #maincontent section')];
      return all.map((el) => (el.tagName === 'H1' ? 'h1' : (el.getAttribute('aria-labelledby') ?? el.className)));
    });
    expect(order.slice(0, 3)).toEqual(['h1', 'flags-heading', 'identifiers-heading']);

    // Identifiers, timeline (an ordered list, current first, state in words) and household.
    expect(await h.page.locator('#identifiers-heading + dl').textContent()).toContain('Verified');
    const timeline = h.page.locator('ol.clasp-timeline > li');
    expect(await timeline.first().textContent()).toContain('Child protection plan');
    expect(await timeline.first().textContent()).toContain('Current');
    expect(await h.page.locator('section[aria-labelledby="household-heading"]').textContent()).toContain('Mother');
    // Health visitors may add alerts but not status episodes.
    expect(await h.page.getByRole('link', { name: 'Add alert' }).count()).toBe(1);
    expect(await h.page.getByRole('link', { name: 'Add status episode' }).count()).toBe(0);
    await h.checkA11y('child summary');
    await h.page.screenshot({ path: SCREENSHOT, fullPage: true });
    await h.page.screenshot({ path: SCREENSHOT.replace('.png', '-top.png') });
  });

  test('an alert past its review date is marked "Review overdue" in words, not colour alone', async () => {
    // The server refuses review dates in the past, so rewrite the demo child's summary in flight.
    const pattern = /\/api\/v1\/children\/[0-9a-f-]{36}$/;
    await h.page.route(pattern, async (route) => {
      const response = await route.fetch();
      const body = (await response.json()) as { child: { flags: { source: string; reviewOverdue?: boolean }[] } };
      for (const flag of body.child.flags) if (flag.source === 'manual') flag.reviewOverdue = true;
      await route.fulfill({ response, json: body });
    });
    try {
      await h.goto(`/?nhsNumber=${DEMO_CHILD_NHS_NUMBER}`);
      await h.page.getByRole('link', { name: DEMO_CHILD.name }).click();
      await h.page.waitForURL(/\/children\/[0-9a-f-]{36}$/);
      await h.settled();
      const marac = h.page.locator('section.clasp-flags .clasp-flags__item', { hasText: 'MARAC' });
      expect(await marac.textContent()).toContain('Review overdue');
      expect(await marac.locator('.nhsuk-u-visually-hidden').textContent()).toContain('passed its review date');
      await h.checkA11y('child summary with an overdue alert');
    } finally {
      await h.page.unroute(pattern);
    }
  });

  test('finds a child by a misspelt name (fuzzy search)', async () => {
    await h.goto('/');
    await h.page.getByLabel('Name', { exact: true }).fill('Elie Thistlwood');
    await h.page.getByRole('button', { name: 'Search' }).click();
    await h.page.locator('table.nhsuk-table').waitFor();
    expect(new URL(h.page.url()).searchParams.get('name')).toBe('Elie Thistlwood');
    expect(await h.page.getByRole('link', { name: DEMO_CHILD.name }).count()).toBeGreaterThan(0);
    await h.checkA11y('search results (fuzzy name)');
  });

  test('a form with bad input shows the error summary linked to each field and keeps what was typed', async () => {
    await h.goto('/children/new');
    expect(await h.page.title()).toBe('Add a child – CLASP – NHS');
    await h.checkA11y('add a child');
    const page = h.page;
    await page.getByLabel('Given name').fill('Test');
    await page.locator('#dateOfBirth').fill('31');
    await page.locator('#dateOfBirth-month').fill('2');
    await page.locator('#dateOfBirth-year').fill('2024');
    await page.getByLabel('NHS number (optional)').fill('123');
    await page.getByLabel('Address line 1').fill('1 Test Street');
    await page.getByLabel('Postcode').fill('NOT A POSTCODE');
    await page.getByRole('button', { name: 'Add child' }).click();

    const summary = page.locator('.nhsuk-error-summary');
    await summary.waitFor();
    expect(await page.evaluate(() => document.activeElement?.classList.contains('nhsuk-error-summary'))).toBe(true);
    expect(await page.title()).toBe('Error: Add a child – CLASP – NHS');
    const hrefs = await summary.locator('a').evaluateAll((links) => links.map((a) => a.getAttribute('href')));
    expect(hrefs).toEqual(['#familyName', '#dateOfBirth', '#nhsNumber', '#address.postcode', '#address.validFrom']);
    for (const href of hrefs) {
      const id = href!.slice(1);
      const state = await page.evaluate((fieldId) => {
        const field = document.getElementById(fieldId);
        const group = field?.closest('.nhsuk-form-group--error');
        // A text input carries aria-describedby itself; a date's boxes share their fieldset's.
        const describedBy = (field?.getAttribute('aria-describedby') ?? field?.closest('fieldset')?.getAttribute('aria-describedby') ?? '').split(' ');
        return { exists: Boolean(field), inErrorGroup: Boolean(group), describedByError: describedBy.includes(`${fieldId}-error`) };
      }, id);
      expect(state, href!).toEqual({ exists: true, inErrorGroup: true, describedByError: true });
    }
    expect(await page.locator('#dateOfBirth-error').textContent()).toContain('Date of birth must be a real date');
    // What was typed is still there.
    expect(await page.getByLabel('Given name').inputValue()).toBe('Test');
    expect(await page.locator('#dateOfBirth').inputValue()).toBe('31');
    expect(await page.getByLabel('NHS number (optional)').inputValue()).toBe('123');
    expect(await page.getByLabel('Postcode').inputValue()).toBe('NOT A POSTCODE');
    await h.checkA11y('add a child with errors');
    await summary.getByRole('link', { name: 'NHS number must be 10 digits' }).click();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('nhsNumber');

    // Now a request the server refuses (409): the NHS number belongs to the demo child.
    await page.getByLabel('Given name').fill('Ellie');
    await page.getByLabel('Family name').fill('Thistlewood');
    await page.locator('#dateOfBirth').fill('22');
    await page.locator('#dateOfBirth-month').fill('8');
    await page.getByLabel('NHS number (optional)').fill(DEMO_CHILD_NHS_NUMBER);
    await page.getByLabel('Address line 1').fill('');
    await page.getByLabel('Postcode').fill('');
    await page.getByRole('button', { name: 'Add child' }).click();
    await page.locator('#duplicates-heading').waitFor();
    expect(await summary.locator('a').evaluateAll((links) => links.map((a) => a.getAttribute('href')))).toEqual(['#confirmedNotDuplicate']);
    expect(await page.locator('section[aria-labelledby="duplicates-heading"]').getByRole('link', { name: DEMO_CHILD.name }).count()).toBe(1);
    await h.checkA11y('add a child: possible duplicates');
    await page.getByLabel('This is a different child').check();
    await page.getByRole('button', { name: 'Add child' }).click();
    await summary.getByText('A child with this NHS number already exists', { exact: false }).waitFor();
    expect(await summary.locator('a').evaluateAll((links) => links.map((a) => a.getAttribute('href')))).toEqual(['#nhsNumber']);
    expect(await page.getByLabel('Given name').inputValue()).toBe('Ellie');
    expect(await page.getByLabel('NHS number (optional)').inputValue()).toBe(DEMO_CHILD_NHS_NUMBER);
    expect(await page.title()).toBe('Error: Add a child – CLASP – NHS');
    await h.checkA11y('add a child after a 409');
  });

  test('pages the role may not use say so; unknown pages are not found', async () => {
    await h.goto('/cohort');
    expect(await h.page.locator('h1').textContent()).toBe('You do not have permission to do this');
    await h.checkA11y('forbidden');
    await h.goto('/no-such-page');
    expect(await h.page.locator('h1').textContent()).toBe('Page not found');
    await h.checkA11y('page not found');
    await h.goto('/children/00000000-0000-4000-8000-000000000000');
    expect(await h.page.locator('h1').textContent()).toBe('Child not found');
    expect(await h.page.title()).toBe('Child not found – CLASP – NHS');
    await h.checkA11y('child not found');
  });

  test('the skip link moves focus to the main content; sign out ends the session', async () => {
    await h.goto('/');
    await h.page.keyboard.press('Tab');
    expect(await h.page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to main content');
    await h.page.keyboard.press('Enter');
    expect(await h.page.evaluate(() => document.activeElement?.id)).toBe('maincontent');
    await h.signOut();
    await h.checkA11y('signed out');
    await h.goto('/');
    expect(new URL(h.page.url()).pathname).toBe('/sign-in');
  });

  test('a session that ends mid-task (401) goes back to sign in, then returns to the page', async () => {
    await h.signIn('health-visitor');
    await h.context.clearCookies();
    await h.page.getByLabel('Name', { exact: true }).fill('Thistlewood');
    await h.page.getByRole('button', { name: 'Search' }).click();
    await h.page.waitForURL((url) => url.pathname === '/sign-in');
    await h.settled();
    expect(new URL(h.page.url()).searchParams.get('returnTo')).toBe('/?name=Thistlewood');
    await h.page.getByLabel('Username').fill('health-visitor');
    await h.page.getByLabel('Password', { exact: true }).fill(h.server.demoPassword);
    await h.page.getByRole('button', { name: 'Sign in' }).click();
    await h.page.waitForURL((url) => url.pathname === '/' && url.searchParams.get('name') === 'Thistlewood');
    await h.page.locator('table.nhsuk-table').waitFor();
    expect(await h.page.getByRole('link', { name: DEMO_CHILD.name }).count()).toBe(1);
  });
});

describe('emergency department clinician', () => {
  test('records an attendance, then sees the summary', async () => {
    await h.signIn('ed-clinician');
    const nav = h.page.getByRole('navigation', { name: 'Menu' });
    expect(await nav.getByRole('link').allTextContents()).toEqual(['Find a child', 'Team worklist']);
    const childId = await h.page.evaluate(async (nhsNumber) => {
      const response = await fetch(`/api/v1/children?nhsNumber=${nhsNumber}`, { credentials: 'same-origin' });
      const body = (await response.json()) as { results: { id: string }[] };
      return body.results[0]!.id;
    }, DEMO_CHILD_NHS_NUMBER);

    // Before the attendance the record is closed, and looks exactly like a missing one.
    await h.goto(`/children/${childId}`);
    expect(await h.page.locator('h1').textContent()).toBe('Child not found');
    await h.checkA11y('child not found (out of scope)');

    await h.goto(`/?nhsNumber=${DEMO_CHILD_NHS_NUMBER}`);
    const row = h.page.locator('table.nhsuk-table tbody tr').first();
    await row.waitFor();
    expect(await row.getByRole('link').count()).toBe(0);
    expect(await row.textContent()).toContain('Not shown');
    await h.checkA11y('search results (out of scope)');
    await row.getByRole('button', { name: `Record attendance for ${DEMO_CHILD.name}` }).click();
    await h.page.locator('#attendance-heading').waitFor();
    expect(await h.page.evaluate(() => document.activeElement?.id)).toBe('attendance-heading');
    await h.page.getByRole('button', { name: 'Record attendance and view record' }).click();
    const summary = h.page.locator('.nhsuk-error-summary');
    await summary.getByRole('link', { name: 'Enter the reason the child is presenting' }).waitFor();
    expect(await h.page.title()).toBe('Error: Find a child – CLASP – NHS');
    await h.checkA11y('record attendance with errors');

    await h.page.getByLabel('Reason for attendance').fill('Head injury after a fall');
    await h.page.getByRole('button', { name: 'Record attendance and view record' }).click();
    await h.page.waitForURL(new RegExp(`/children/${childId}$`));
    await h.settled();
    expect(await h.page.locator('h1').textContent()).toContain(DEMO_CHILD.name);
    expect(await h.page.locator('section.clasp-flags .clasp-flags__item').first().textContent()).toContain('Child protection plan');
    await h.checkA11y('child summary (ED, after attendance)');
  });
});

describe('GP', () => {
  test('opens the practice cohort', async () => {
    await h.signIn('gp');
    await h.page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Practice cohort' }).click();
    await h.page.waitForURL((url) => url.pathname === '/cohort');
    await h.settled();
    expect(await h.page.locator('h1').textContent()).toContain('Practice cohort');
    expect(await h.page.locator('h1 .nhsuk-caption-l').textContent()).toContain('Thistle Lane Surgery');
    expect(await h.page.title()).toBe('Practice cohort – CLASP – NHS');
    expect(await h.page.locator('.clasp-counts').textContent()).toMatch(/\d+ Child protection plan/);
    const table = h.page.locator('table.nhsuk-table');
    expect(await table.getByRole('link', { name: DEMO_CHILD.name }).count()).toBe(1);
    expect(await h.page.locator('a[aria-current="page"]').textContent()).toBe('Practice cohort');
    await h.checkA11y('practice cohort');
  });
});

describe('designated nurse', () => {
  test('adds a child, records a CP plan and an alert, then ends the alert', async () => {
    await h.signIn('designated-nurse');
    await h.goto('/children/new');
    const page = h.page;
    await page.getByLabel('Given name').fill('Poppy');
    await page.getByLabel('Family name').fill('Quincefield');
    await page.locator('#dateOfBirth').fill('3');
    await page.locator('#dateOfBirth-month').fill('4');
    await page.locator('#dateOfBirth-year').fill('2021');
    await page.getByLabel('Female').check();
    await page.getByLabel('Ethnicity (optional)').selectOption({ label: 'White British' });
    const practice = page.getByLabel('Registered GP practice (optional)');
    await expect.poll(() => practice.locator('option').count()).toBeGreaterThan(1);
    await practice.selectOption({ label: 'Thistle Lane Surgery (GP-OUS-01)' });
    await page.getByLabel('Address line 1').fill('12 Meadow Row');
    await page.getByLabel('Postcode').fill('OU1 2AB');
    await page.locator('#address\\.validFrom').fill('1');
    await page.locator('#address\\.validFrom-month').fill('9');
    await page.locator('#address\\.validFrom-year').fill('2024');
    await page.getByRole('button', { name: 'Add child' }).click();
    if (await page.locator('#duplicates-heading').count()) {
      await page.getByLabel('This is a different child').check();
      await page.getByRole('button', { name: 'Add child' }).click();
    }
    await page.waitForURL(/\/children\/[0-9a-f-]{36}$/);
    await h.settled();
    const childPath = new URL(page.url()).pathname;
    expect(await page.locator('h1').textContent()).toContain('Poppy Quincefield');
    expect(await page.locator('section.clasp-flags').textContent()).toContain('No current child protection plan');
    await h.checkA11y('new child summary');

    // A child protection plan that started ten days ago.
    const started = dateFromToday(-10);
    await page.getByRole('link', { name: 'Add status episode' }).click();
    await h.settled();
    expect(await page.title()).toBe('Add a status episode – CLASP – NHS');
    await page.getByRole('button', { name: 'Save status episode' }).click();
    await page.locator('.nhsuk-error-summary').waitFor();
    await h.checkA11y('add status episode with errors');
    await page.getByLabel('Child protection plan', { exact: true }).check();
    await page.getByLabel('Neglect').check();
    await h.checkA11y('add status episode (conditional reveal open)');
    await page.locator('#startedOn').fill(started.day);
    await page.locator('#startedOn-month').fill(started.month);
    await page.locator('#startedOn-year').fill(started.year);
    await page.getByLabel('Source').fill('Ouseford initial child protection conference');
    await page.getByRole('button', { name: 'Save status episode' }).click();
    await page.waitForURL((url) => url.pathname === childPath);
    await h.settled();
    expect(await page.locator('section.clasp-flags .clasp-flags__item').first().textContent()).toContain('Child protection plan');

    // An alert. First with a review date in the past: the browser's schema allows it, the server
    // refuses it (400), and the form keeps everything that was typed.
    const yesterday = dateFromToday(-1);
    await page.getByRole('link', { name: 'Add alert' }).click();
    await h.settled();
    await h.checkA11y('add alert');
    await page.getByLabel('MARAC (multi-agency risk assessment conference)').check();
    await page.getByLabel('Source').fill('MARAC meeting');
    await page.locator('#reviewOn').fill(yesterday.day);
    await page.locator('#reviewOn-month').fill(yesterday.month);
    await page.locator('#reviewOn-year').fill(yesterday.year);
    await page.getByLabel('Yes, they have been told').check();
    await page.getByRole('button', { name: 'Save alert' }).click();
    const summary = page.locator('.nhsuk-error-summary');
    await summary.waitFor();
    expect(await summary.locator('a').evaluateAll((links) => links.map((a) => a.getAttribute('href')))).toContain('#reviewOn');
    expect(await page.getByLabel('Source').inputValue()).toBe('MARAC meeting');
    expect(await page.locator('#reviewOn').inputValue()).toBe(yesterday.day);
    expect(await page.getByLabel('MARAC (multi-agency risk assessment conference)').isChecked()).toBe(true);
    await h.checkA11y('add alert after a 400');

    const review = dateFromToday(30);
    await page.locator('#reviewOn').fill(review.day);
    await page.locator('#reviewOn-month').fill(review.month);
    await page.locator('#reviewOn-year').fill(review.year);
    await page.getByLabel('No, they have not been told').check();
    await page.getByRole('button', { name: 'Save alert' }).click();
    await page.locator('#disclosureReason-error').waitFor();
    expect(await page.getByLabel('Source').inputValue()).toBe('MARAC meeting');
    await h.checkA11y('add alert with errors');
    await page.getByLabel('Why have they not been told?').fill('Telling the family could put the child at risk');
    await page.getByRole('button', { name: 'Save alert' }).click();
    await page.waitForURL((url) => url.pathname === childPath);
    await h.settled();
    const banner = page.locator('section.clasp-flags');
    expect(await banner.textContent()).toContain('MARAC');
    expect(await banner.textContent()).not.toContain('Review overdue');
    await h.checkA11y('child summary with CP plan and alert');

    await page.getByRole('link', { name: /End alert/ }).click();
    await h.settled();
    expect(await page.title()).toBe('End a safeguarding alert – CLASP – NHS');
    await h.checkA11y('end alert');
    const today = dateFromToday(0);
    await page.locator('#endedOn').fill(today.day);
    await page.locator('#endedOn-month').fill(today.month);
    await page.locator('#endedOn-year').fill(today.year);
    await page.getByRole('button', { name: 'End alert' }).click();
    await page.waitForURL((url) => url.pathname === childPath);
    await h.settled();
    const alerts = page.locator('section[aria-labelledby="alerts-heading"]');
    expect(await alerts.textContent()).toMatch(/Ends|Ended/);
    expect(await alerts.getByRole('link', { name: /End alert/ }).count()).toBe(0);
    await h.checkA11y('child summary after ending the alert');

    // End the child protection plan today.
    await page.getByRole('link', { name: 'End Child protection plan episode' }).click();
    await h.settled();
    expect(await page.title()).toBe('End a status episode – CLASP – NHS');
    await page.getByRole('button', { name: 'End status episode' }).click();
    await page.locator('#endedOn-error').waitFor();
    await h.checkA11y('end status episode with errors');
    await page.locator('#endedOn').fill(today.day);
    await page.locator('#endedOn-month').fill(today.month);
    await page.locator('#endedOn-year').fill(today.year);
    await page.getByRole('button', { name: 'End status episode' }).click();
    await page.waitForURL((url) => url.pathname === childPath);
    await h.settled();
    const episodes = page.locator('section[aria-labelledby="status-heading"] table');
    expect(await episodes.textContent()).toContain(new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${today.iso}T00:00:00Z`)));
    expect(await page.getByRole('link', { name: 'End Child protection plan episode' }).count()).toBe(0);
  });

  test('records the birth of an unborn child', async () => {
    await h.goto('/children/new');
    const page = h.page;
    const due = dateFromToday(60);
    await page.getByLabel('Given name').fill('Baby');
    await page.getByLabel('Family name').fill('Wrenfold');
    await page.getByLabel('No, this is an unborn baby').check();
    await page.locator('#expectedDueOn').fill(due.day);
    await page.locator('#expectedDueOn-month').fill(due.month);
    await page.locator('#expectedDueOn-year').fill(due.year);
    await h.checkA11y('add an unborn child');
    await page.getByRole('button', { name: 'Add child' }).click();
    if (await page.locator('#duplicates-heading').count()) {
      await page.getByLabel('This is a different child').check();
      await page.getByRole('button', { name: 'Add child' }).click();
    }
    await page.waitForURL(/\/children\/[0-9a-f-]{36}$/);
    await h.settled();
    expect(await page.locator('h1').textContent()).toContain('Unborn child record');
    await page.getByRole('link', { name: 'Record birth' }).click();
    await h.settled();
    await h.checkA11y('record birth');
    const born = dateFromToday(0);
    expect(await page.getByLabel('Family name').inputValue()).toBe('Wrenfold');
    await page.getByLabel('Given name').fill('Robin');
    await page.locator('#dateOfBirth').fill(born.day);
    await page.locator('#dateOfBirth-month').fill(born.month);
    await page.locator('#dateOfBirth-year').fill(born.year);
    await page.getByLabel('Male', { exact: true }).check();
    await page.getByRole('button', { name: 'Record birth' }).click();
    await page.waitForFunction(() => document.querySelector('h1')?.textContent?.includes('Robin'));
    await h.settled();
    expect(await page.locator('h1').textContent()).toContain('Robin Wrenfold');
    await h.checkA11y('child summary after birth');
  });
});
