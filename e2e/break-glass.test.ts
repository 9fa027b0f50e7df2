import { sql } from 'kysely';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { DEMO_CHILD_NHS_NUMBER } from '../src/seed/demo.js';
import { Harness } from './support/harness.js';

/**
 * #5 break-glass, in the browser: an ED clinician opens a child who is not presenting with emergency access
 * (step-up password, reason, time box), sees the record with its "Emergency access until" banner; the
 * designated nurse is told at once (the header count), finds the use in the review queue with what was looked
 * at, and closes it as justified. axe on every page state.
 */
const CHILD = 'Ellie Thistlewood';
const REASON = 'Child brought in by ambulance after a fall; carers not reachable and no attendance booked yet';

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

describe('break-glass emergency access', () => {
  let childId: string;

  test('an ED clinician requests emergency access to a child who is not presenting and sees the record', async () => {
    await h.signIn('ed-clinician');
    await h.goto(`/?nhsNumber=${DEMO_CHILD_NHS_NUMBER}`);
    const row = h.page.locator('table.nhsuk-table tbody tr').first();
    await row.waitFor();
    expect(await row.textContent()).toContain('Not shown');
    // An action, not a link: an out-of-scope row still has no link to the record.
    expect(await row.getByRole('link').count()).toBe(0);
    const offer = row.getByRole('button', { name: `Request emergency access (break-glass) for ${CHILD}` });
    await offer.waitFor();
    await h.checkA11y('search results with the break-glass offer');
    await offer.click();
    await h.page.waitForURL(/\/children\/[0-9a-f-]+\/break-glass$/);
    await h.settled();
    childId = new URL(h.page.url()).pathname.split('/')[2]!;

    // The child's page says "Child not found" and offers the same, as a link.
    await h.goto(`/children/${childId}`);
    expect(await h.page.locator('h1').textContent()).toBe('Child not found');
    await h.page.getByRole('link', { name: 'Request emergency access (break-glass)' }).waitFor();
    await h.checkA11y('child not found with the break-glass offer');
    await h.page.getByRole('link', { name: 'Request emergency access (break-glass)' }).click();
    await h.page.waitForURL(new RegExp(`/children/${childId}/break-glass$`));
    await h.settled();
    expect(await h.page.title()).toBe('Request emergency access – CLASP – NHS');
    await h.checkA11y('break-glass: confirm password');

    // Step-up: the password again.
    await h.page.getByRole('button', { name: 'Continue' }).click();
    const summary = h.page.locator('.nhsuk-error-summary');
    await summary.getByRole('link', { name: 'Enter your password' }).waitFor();
    expect(await h.page.evaluate(() => document.activeElement?.classList.contains('nhsuk-error-summary'))).toBe(true);
    await h.checkA11y('break-glass: password missing');
    await h.page.getByLabel('Password', { exact: true }).fill('not my password');
    await h.page.getByRole('button', { name: 'Continue' }).click();
    await summary.getByRole('link', { name: 'Enter your correct password' }).waitFor();
    await h.checkA11y('break-glass: wrong password');
    await h.page.getByLabel('Password', { exact: true }).fill(h.server.demoPassword);
    await h.page.getByRole('button', { name: 'Continue' }).click();
    await h.page.getByRole('heading', { name: 'Why do you need this record now?' }).waitFor();
    await h.checkA11y('break-glass: reason');

    // The reason: from the list and in words.
    await h.page.getByRole('button', { name: 'Open the record with emergency access' }).click();
    await summary.getByRole('link', { name: 'Select a reason for emergency access' }).waitFor();
    expect(await summary.locator('a').evaluateAll((links) => links.map((a) => a.getAttribute('href')))).toEqual(['#reasonCode', '#reasonText']);
    expect(await h.page.title()).toBe('Error: Request emergency access – CLASP – NHS');
    await h.checkA11y('break-glass: reason missing');
    await h.page.getByLabel('Emergency care of the child now (not presenting at my organisation)').check();
    await h.page.getByLabel('Describe why you need emergency access').fill(REASON);
    await h.page.getByLabel('1 hour').check();
    await h.page.getByRole('button', { name: 'Open the record with emergency access' }).click();

    await h.page.waitForURL(new RegExp(`/children/${childId}$`));
    await h.settled();
    expect(await h.page.locator('h1').textContent()).toContain(CHILD);
    const banner = h.page.locator('.nhsuk-notification-banner', { hasText: 'Emergency access until' });
    await banner.waitFor();
    expect(await banner.textContent()).toMatch(/Emergency access until \d\d:\d\d/);
    await h.checkA11y('child summary under break-glass');
    await h.signOut();
  });

  test('the designated nurse is notified, sees the use in the review queue and closes it as justified', async () => {
    await h.signIn('designated-nurse');
    const count = h.page.getByTestId('notification-count');
    await expect.poll(() => count.textContent()).toBe('Emergency access (1 new)');
    await count.getByRole('link').click();
    await h.page.waitForURL(/\/break-glass\/review$/);
    await h.settled();
    expect(await h.page.title()).toBe('Emergency access to review – CLASP – NHS');
    const use = h.page.getByTestId('break-glass-use');
    await use.first().waitFor();
    expect(await use.count()).toBe(1);
    const text = (await use.textContent()) ?? '';
    expect(text).toContain(CHILD);
    expect(text).toContain('Dr Caspian Frithwell, Emergency department clinician');
    expect(text).toContain(REASON);
    expect(text).toContain('Opened the record');
    expect(text).toContain('Access open now');
    await h.checkA11y('review queue');

    await use.getByRole('button', { name: `Close this use for ${CHILD}` }).click();
    const summary = h.page.locator('.nhsuk-error-summary');
    await summary.getByRole('link', { name: 'Select justified or escalated' }).waitFor();
    await h.checkA11y('review queue with an error');
    await use.getByLabel('Justified: close it').check();
    await use.getByLabel('Note (needed if you escalate)').fill('Confirmed with the ED consultant');
    await use.getByRole('button', { name: `Close this use for ${CHILD}` }).click();
    await h.page.getByText(`The use of ${CHILD}’s record was closed as justified.`).waitFor();
    await h.page.getByText('There is no emergency access to review.').waitFor();
    await expect.poll(() => count.textContent()).toBe('Emergency access');
    await h.checkA11y('review queue after closing');

    await h.page.getByRole('link', { name: 'Show reviewed uses from the last 30 days too' }).click();
    await h.settled();
    await use.first().waitFor();
    expect(await use.textContent()).toContain('Justified by Beatrix Woldeross');
    await h.checkA11y('review queue with reviewed uses');
  });

  test('a health visitor whose search finds nothing asks by NHS number and opens the record', async () => {
    // A demo child with an NHS number that is on no caseload or worklist of the health visitor or their team.
    const { rows } = await sql<{ nhs_number: string; name: string }>`
      SELECT c.nhs_number, c.given_name || ' ' || c.family_name AS name
        FROM children c, users u
       WHERE u.username = 'health-visitor' AND c.nhs_number IS NOT NULL AND NOT c.is_unborn
         AND NOT EXISTS (SELECT 1 FROM caseload_allocations ca WHERE ca.child_id = c.id AND ca.ended_on IS NULL AND (ca.user_id = u.id OR ca.team_id = u.team_id))
         AND NOT EXISTS (SELECT 1 FROM worklist_items wi WHERE wi.child_id = c.id AND wi.team_id = u.team_id)
       ORDER BY c.nhs_number LIMIT 1`.execute(h.server.database.db);
    const target = rows[0]!;
    await h.signIn('health-visitor');
    await h.goto(`/?nhsNumber=${target.nhs_number}`);
    await h.page.getByRole('heading', { name: 'No children found' }).waitFor();
    const offer = h.page.getByRole('link', { name: 'Request emergency access (break-glass)' });
    await offer.waitFor();
    await h.checkA11y('no results with the break-glass offer');
    await offer.click();
    await h.page.waitForURL(/\/break-glass\/request\?nhsNumber=/);
    await h.settled();
    await h.page.getByLabel('Password', { exact: true }).fill(h.server.demoPassword);
    await h.page.getByRole('button', { name: 'Continue' }).click();
    await h.page.getByRole('heading', { name: 'Why do you need this record now?' }).waitFor();
    await h.checkA11y('break-glass by NHS number: reason');
    await h.page.getByLabel('Safeguarding concern: the child may be at immediate risk').check();
    await h.page.getByLabel('Describe why you need emergency access').fill('Neighbour reports the child alone at home overnight; need to know who holds the plan');
    await h.page.getByRole('button', { name: 'Open the record with emergency access' }).click();
    await h.page.waitForURL(/\/children\/[0-9a-f-]+$/);
    await h.settled();
    expect(await h.page.locator('h1').textContent()).toContain(target.name);
    await h.page.locator('.nhsuk-notification-banner', { hasText: 'Emergency access until' }).waitFor();
    await h.checkA11y('child summary under break-glass (health visitor)');
    await h.signOut();
  });
});
