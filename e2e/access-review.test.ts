import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { DEMO_CHILD_NHS_NUMBER } from '../src/seed/demo.js';
import { Harness } from './support/harness.js';

/**
 * The access review (#5) in the browser: a health visitor opens a demo child's record; the designated nurse
 * then opens "Who has looked at this record" from the child's summary and finds that access (person, role,
 * relationship, action), filters by date, and opens the area's unusual access. axe runs on every page.
 */
const CHILD = 'Ellie Thistlewood';
let h: Harness;
let childPath = '';

beforeAll(async () => {
  h = await Harness.start();
});
afterAll(async () => {
  await h?.close();
});
afterEach(() => {
  h.assertClean();
});

/** A calendar date in England, `days` from today, as day/month/year parts. */
function dateFromToday(days: number): { day: string; month: string; year: string } {
  const iso = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date(Date.now() + days * 86_400_000));
  const [year, month, day] = iso.split('-') as [string, string, string];
  return { day: String(Number(day)), month: String(Number(month)), year };
}

describe('access review', () => {
  test('a health visitor opens the demo child’s record', async () => {
    await h.signIn('health-visitor');
    await h.page.getByLabel('NHS number').fill(DEMO_CHILD_NHS_NUMBER);
    await h.page.getByRole('button', { name: 'Search' }).click();
    await h.page.locator('table.nhsuk-table').waitFor();
    await h.page.locator('table.nhsuk-table tbody tr').first().getByRole('link', { name: CHILD }).click();
    await h.page.waitForURL(/\/children\/[0-9a-f-]{36}$/);
    await h.settled();
    childPath = new URL(h.page.url()).pathname;
    expect(await h.page.locator('h1').textContent()).toContain(CHILD);
    await h.signOut();
  });

  test('the designated nurse opens "Who has looked at this record" from the summary and sees the health visitor’s access', async () => {
    await h.signIn('designated-nurse');
    await h.goto(childPath);
    await h.page.getByRole('link', { name: 'Who has looked at this record' }).click();
    await h.page.waitForURL((url) => url.pathname === `${childPath}/access-review`);
    await h.settled();
    await h.page.locator('table.nhsuk-table').first().waitFor();
    expect(await h.page.title()).toBe(`Who has looked at this record – ${CHILD} – CLASP – NHS`);
    expect(await h.page.locator('h1').textContent()).toContain('Who has looked at this record');

    const people = h.page.locator('table.nhsuk-table').first();
    const hvRow = people.locator('tbody tr', { hasText: 'Hazel Brindlewick' });
    expect(await hvRow.count()).toBe(1);
    expect(await hvRow.textContent()).toContain('Health visitor');
    await h.checkA11y('access review');

    // The health visitor's accesses, opened: what she did, the relationship that allowed it, the outcome.
    await h.page.locator('summary', { hasText: 'by Hazel Brindlewick' }).click();
    const rows = h.page.locator('table', { has: h.page.locator('caption', { hasText: 'Accesses by Hazel Brindlewick' }) });
    const viewed = rows.locator('tbody tr', { hasText: 'viewed the record' }).first();
    await viewed.waitFor();
    expect(await viewed.textContent()).toContain('On their own caseload');
    expect(await viewed.textContent()).toContain('Allowed');
    // The web app's requests are recorded as channel 'web' (the x-clasp-client header), not as other API clients.
    expect(await viewed.locator('td').nth(4).textContent()).toBe('Web');
    await h.checkA11y('access review with one person’s accesses open');

    // The CSV for an investigation is offered to the designated nurse (access_review: export).
    expect(await h.page.getByRole('link', { name: /Download these audit rows/ }).getAttribute('href')).toMatch(/^\/api\/v1\/audit\/export\?childId=[0-9a-f-]{36}&format=csv&from=\d{4}-\d{2}-\d{2}&to=\d{4}-\d{2}-\d{2}$/);
  });

  test('a date in the future window shows nobody; an impossible date is an error linked to its field', async () => {
    const tomorrow = dateFromToday(1);
    await h.page.locator('[id="from"]').fill(tomorrow.day);
    await h.page.locator('[id="from-month"]').fill(tomorrow.month);
    await h.page.locator('[id="from-year"]').fill(tomorrow.year);
    await h.page.locator('[id="to"]').fill(tomorrow.day);
    await h.page.locator('[id="to-month"]').fill(tomorrow.month);
    await h.page.locator('[id="to-year"]').fill(tomorrow.year);
    await h.page.getByRole('button', { name: 'Show accesses' }).click();
    await h.page.waitForURL((url) => url.searchParams.has('from'));
    await h.settled();
    await h.page.getByText('Nobody accessed this record in this period.').waitFor();
    await h.checkA11y('access review, empty period');

    await h.page.locator('[id="from"]').fill('31');
    await h.page.locator('[id="from-month"]').fill('2');
    await h.page.getByRole('button', { name: 'Show accesses' }).click();
    const summary = h.page.locator('.nhsuk-error-summary');
    await summary.waitFor();
    expect(await summary.locator('a').evaluateAll((links) => links.map((a) => a.getAttribute('href')))).toEqual(['#from']);
    expect(await h.page.title()).toMatch(/^Error: Who has looked at this record/);
    await h.checkA11y('access review, date error');
  });

  test('the area view lists unusual access with counts', async () => {
    await h.page.getByRole('link', { name: 'Unusual access across the area' }).click();
    await h.page.waitForURL((url) => url.pathname === '/access-review/unusual');
    await h.settled();
    expect(await h.page.title()).toBe('Unusual access – CLASP – NHS');
    await h.checkA11y('unusual access');
    await h.page.getByLabel('Period').selectOption('30');
    await h.page.getByRole('button', { name: 'Show' }).click();
    await h.page.waitForURL((url) => url.searchParams.get('days') === '30');
    await h.settled();
    expect(await h.page.locator('main').textContent()).toMatch(/Since .*Many children.* means \d+ or more/);
  });

  test('the health visitor (the child’s allocated practitioner) may open it too; a GP without the child allocated has no link', async () => {
    await h.signOut();
    await h.signIn('health-visitor');
    await h.goto(childPath);
    await h.page.getByRole('link', { name: 'Who has looked at this record' }).click();
    await h.page.waitForURL((url) => url.pathname === `${childPath}/access-review`);
    await h.settled();
    await h.page.locator('table.nhsuk-table').first().waitFor();
    expect(await h.page.getByRole('link', { name: /Download these audit rows/ }).count()).toBe(0);
    await h.checkA11y('access review (allocated health visitor)');
    await h.signOut();
    await h.signIn('gp');
    await h.goto(childPath);
    expect(await h.page.getByRole('link', { name: 'Who has looked at this record' }).count()).toBe(0);
  });
});
