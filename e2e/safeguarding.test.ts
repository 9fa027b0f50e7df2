import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { DEMO_CHILD_NHS_NUMBER } from '../src/seed/demo.js';
import { Harness } from './support/harness.js';

/**
 * Safeguarding events (#3) in the browser: an ED attendance walked from the ED clinician (flags banner and
 * previous attendances first, review 1.24) to the health visitor's worklist (acknowledge, outcome) and the
 * chronology; a restricted entry seen only as "ask …"; the routing rules; a verbal MASH referral confirmed
 * in writing and decided; a CP conference loop and its GP report. axe runs on every page state.
 */

const ELLIE = 'Ellie Thistlewood'; // 2, CP plan; two ED attendances and a police DV notification in the demo
const TOBIAS = 'Tobias Thistlewood'; // verbal MASH referral three days ago, not confirmed in writing
const LYRA_NHS = '9990000190'; // 14, a sexual-health entry (restricted)
const SUMMARY = 'Fractured wrist; father says she fell from the sofa';

const byId = (page: Page, id: string) => page.locator(`[id="${id}"]`);

async function summaryHrefs(page: Page): Promise<(string | null)[]> {
  return page.locator('.nhsuk-error-summary a').evaluateAll((links) => links.map((a) => a.getAttribute('href')));
}

/** A child's id from the search API (same origin, the session cookie goes with it). */
async function childIdByNhsNumber(page: Page, nhsNumber: string): Promise<string> {
  return page.evaluate(async (n) => {
    const response = await fetch(`/api/v1/children?nhsNumber=${n}`, { credentials: 'same-origin' });
    const body = (await response.json()) as { results: { id: string }[] };
    return body.results[0]!.id;
  }, nhsNumber);
}

async function childIdByName(page: Page, name: string): Promise<string> {
  return page.evaluate(async (n) => {
    const response = await fetch(`/api/v1/children?name=${encodeURIComponent(n)}`, { credentials: 'same-origin' });
    const body = (await response.json()) as { results: { id: string; givenName: string; familyName: string }[] };
    return body.results.find((r) => `${r.givenName} ${r.familyName}` === n)!.id;
  }, name);
}

/** Whether element a comes before element b in the document. */
async function isBefore(page: Page, a: string, b: string): Promise<boolean> {
  return page.evaluate(
    ([first, second]) => {
      const x = document.querySelector(first!);
      const y = document.querySelector(second!);
      return Boolean(x && y && x.compareDocumentPosition(y) & Node.DOCUMENT_POSITION_FOLLOWING);
    },
    [a, b],
  );
}

let h: Harness;
let elliePath = '';

beforeAll(async () => {
  h = await Harness.start();
});

afterAll(async () => {
  await h?.close();
});

afterEach(() => {
  h.assertClean();
});

describe('an ED attendance, from the emergency department to the health visitor and the chronology', () => {
  test('the ED clinician sees the flags and previous attendances first, then records the attendance and where it went', async () => {
    await h.signIn('ed-clinician');
    // A presenting child: the clinician records the attendance reason first (the record opens for them).
    await h.goto(`/?nhsNumber=${DEMO_CHILD_NHS_NUMBER}`);
    const row = h.page.locator('table.nhsuk-table tbody tr').first();
    await row.getByRole('button', { name: `Record attendance for ${ELLIE}` }).click();
    await h.page.getByLabel('Reason for attendance').fill('Wrist injury');
    await h.page.getByRole('button', { name: 'Record attendance and view record' }).click();
    await h.page.waitForURL(/\/children\/[0-9a-f-]{36}$/);
    await h.settled();
    elliePath = new URL(h.page.url()).pathname;

    const safeguarding = h.page.locator('section[aria-labelledby="safeguarding-heading"]');
    await safeguarding.getByRole('link', { name: 'Record an emergency department attendance' }).click();
    await h.page.waitForURL((url) => url.pathname === `${elliePath}/ed-attendance`);
    await h.settled();
    await h.page.locator('section[aria-labelledby="previous-heading"] table').waitFor();
    expect(await h.page.title()).toBe('Record an emergency department attendance – CLASP – NHS');
    // Review 1.24: the flags banner, then the previous attendances, then the form.
    expect(await h.page.locator('section.clasp-flags').textContent()).toContain('Child protection plan');
    expect(await isBefore(h.page, 'section.clasp-flags', 'section[aria-labelledby="previous-heading"]')).toBe(true);
    expect(await isBefore(h.page, 'section[aria-labelledby="previous-heading"]', '#maincontent form')).toBe(true);
    const previous = h.page.locator('section[aria-labelledby="previous-heading"] tbody tr');
    expect(await previous.count()).toBe(2);
    expect(await previous.first().textContent()).toContain('Bruise to right cheek');
    await h.checkA11y('ED attendance: flags and previous attendances first');

    // Nothing filled in: every required field is named in the error summary, linked to it.
    await h.page.getByRole('button', { name: 'Save event' }).click();
    await h.page.locator('.nhsuk-error-summary').waitFor();
    const hrefs = await summaryHrefs(h.page);
    expect(hrefs).toEqual(expect.arrayContaining(['#summary', '#details.presentingComplaint', '#details.accompaniedBy', '#details.injury', '#details.discharge', '#details.safeguardingConcern']));
    expect(await h.page.title()).toBe('Error: Record an emergency department attendance – CLASP – NHS');
    await h.checkA11y('ED attendance with errors');

    await h.page.getByLabel('Summary').fill(SUMMARY);
    await h.page.getByLabel('Presenting complaint').fill('Painful swollen left wrist');
    await h.page.getByLabel('Who came with the child?').selectOption('father');
    await byId(h.page, 'details.accompanyingAdultHasParentalResponsibility').check();
    await byId(h.page, 'details.injury').check();
    await h.page.getByLabel('How did the injury happen?').fill('Fall from the sofa (father’s account)');
    await byId(h.page, 'details.discharge').check();
    await byId(h.page, 'details.safeguardingConcern').check();
    await h.page.getByLabel('Describe the safeguarding concern').fill('Third attendance in three months; fracture in a two-year-old');
    await h.page.getByRole('button', { name: 'Save event' }).click();
    const routed = h.page.getByTestId('routed');
    await routed.waitFor();
    const lines = await routed.locator('li').allTextContents();
    expect(lines).toEqual(expect.arrayContaining(['Emergency Department — check', 'Health Visiting – Ouseford North — follow up (urgent)']));
    expect(await h.page.locator('.nhsuk-notification-banner').textContent()).toContain('Emergency department attendance recorded');
    await h.checkA11y('ED attendance saved: where it was sent');
  });

  test('the health visitor sees it on the team worklist, acknowledges it and records the outcome', async () => {
    await h.signIn('health-visitor');
    await h.page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Team worklist' }).click();
    await h.page.waitForURL((url) => url.pathname === '/worklists');
    await h.settled();
    const card = () => h.page.locator('li.clasp-worklist__item', { hasText: SUMMARY });
    await card().waitFor();
    expect(await h.page.title()).toBe('Team worklist – CLASP – NHS');
    expect(await h.page.locator('h2', { hasText: 'Health Visiting – Ouseford North' }).count()).toBe(1);
    expect(await h.page.locator('.clasp-counts').textContent()).toMatch(/\d+ to acknowledge/);
    expect(await h.page.locator('.clasp-tabs a[aria-current="page"]').textContent()).toMatch(/^To acknowledge \(\d+\)$/);
    expect(await card().locator('.nhsuk-tag').allTextContents()).toContain('Urgent');
    expect(await card().textContent()).toContain('safeguarding concern goes to the health visitor or school nurse urgently');
    expect(await card().textContent()).toMatch(/Waiting\d+ (minutes?|hours?)/);
    // Older demo items are past their escalation time.
    expect(await h.page.locator('li.clasp-worklist__item', { hasText: 'Scald to left hand' }).textContent()).toMatch(/Overdue by \d+ days/);
    await h.checkA11y('team worklist: to acknowledge');

    await card().getByRole('button', { name: /^Acknowledge/ }).click();
    await h.page.locator('.nhsuk-notification-banner--success').waitFor();
    await expect.poll(() => card().count()).toBe(0);
    await h.checkA11y('team worklist: acknowledged');

    await h.page.locator('.clasp-tabs').getByRole('link', { name: /^In progress/ }).click();
    await h.page.waitForURL((url) => url.searchParams.get('state') === 'acknowledged');
    await card().waitFor();
    expect(await card().textContent()).toContain('Hazel Brindlewick');
    await card().getByRole('button', { name: /^Record outcome/ }).click();
    await h.page.locator('.nhsuk-error-summary').waitFor();
    expect(await h.page.locator('.nhsuk-error-summary').textContent()).toContain('Select the outcome');
    expect(await h.page.title()).toBe('Error: Team worklist – CLASP – NHS');
    await h.checkA11y('team worklist: outcome with an error');
    await card().getByLabel('Visit arranged').check();
    await card().getByLabel('Note (optional)').fill('Home visit booked for tomorrow with the social worker');
    await card().getByRole('button', { name: /^Record outcome/ }).click();
    await h.page.locator('.nhsuk-notification-banner--success', { hasText: `Outcome recorded for ${ELLIE}` }).waitFor();

    await h.page.locator('.clasp-tabs').getByRole('link', { name: /^Done/ }).click();
    await h.page.waitForURL((url) => url.searchParams.get('state') === 'actioned');
    await card().waitFor();
    expect(await card().textContent()).toContain('Visit arranged');
    await h.checkA11y('team worklist: done');
  });

  test('the chronology shows the attendance with its acknowledged item, a visual timeline, filters and exports', async () => {
    await h.goto(`${elliePath}/chronology`);
    await h.page.locator('table.nhsuk-table').waitFor();
    expect(await h.page.title()).toBe(`Chronology – ${ELLIE} – CLASP – NHS`);
    const strip = h.page.locator('figure.clasp-chronology-strip svg[role="img"]');
    expect(await strip.getAttribute('aria-label')).toMatch(/^Timeline of \d+ entries from .+ The table below lists the same entries\.$/);
    expect(await h.page.locator('figure.clasp-chronology-strip circle').count()).toBeGreaterThanOrEqual(4 + 4);
    const row = h.page.locator('table.nhsuk-table tbody tr', { hasText: SUMMARY });
    expect(await row.textContent()).toContain('Health Visiting – Ouseford North: Done');
    expect(await row.textContent()).toContain('Outcome: Visit arranged');
    expect(await row.textContent()).toContain('Emergency Department: Not acknowledged');
    expect(await h.page.locator('table.nhsuk-table tbody tr', { hasText: 'Police domestic abuse notification' }).count()).toBe(1);
    expect(await h.page.locator('[data-testid="child-drift"]').textContent()).toContain('past its escalation time');
    expect(await h.page.getByRole('link', { name: 'Download as CSV (spreadsheet)' }).getAttribute('href')).toBe(`/api/v1${elliePath}/chronology.csv`);
    await h.checkA11y('chronology');

    // Filter: ED attendances only (the chips count under the other filters).
    await h.page.getByLabel(/^Emergency department attendance \(3\)$/).check();
    await h.page.getByRole('button', { name: 'Apply filters' }).click();
    await h.page.waitForURL((url) => url.searchParams.get('type') === 'ed_attendance');
    await h.page.locator('p[role="status"]', { hasText: 'Showing 3 of 3 entries.' }).waitFor();
    expect(await h.page.getByRole('link', { name: 'Open the print view (for conferences and supervision)' }).getAttribute('href')).toBe(`/api/v1${elliePath}/chronology/print?type=ed_attendance`);
    await h.checkA11y('chronology filtered by type');

    // The CSV export answers (same origin, with the session cookie).
    const csv = await h.page.evaluate(async (href) => (await fetch(href, { credentials: 'same-origin' })).text(), `/api/v1${elliePath}/chronology.csv?type=ed_attendance`);
    expect(csv).toContain('Fractured wrist');
    // Recorded in the browser: the web client says so (x-clasp-client: web), so the event's source is 'ui'.
    const source = await h.page.evaluate(async (path) => {
      const body = (await (await fetch(`/api/v1${path}/chronology?type=ed_attendance`, { credentials: 'same-origin' })).json()) as { entries: { summary: string | null; source: string }[] };
      return body.entries.find((e) => e.summary?.startsWith('Fractured wrist'))?.source;
    }, elliePath);
    expect(source).toBe('ui');

    await h.page.getByLabel('The whole household (children you can see)').check();
    await h.page.getByRole('button', { name: 'Apply filters' }).click();
    await h.page.waitForURL((url) => url.searchParams.get('household') === '1');
    await h.page.locator('h1', { hasText: 'Household chronology' }).waitFor();
    await h.page.locator('table.nhsuk-table').waitFor();
    await h.checkA11y('household chronology');
  });

  test('a school nurse sees the sexual-health entry only as restricted, with whom to ask', async () => {
    // The health visitor does not have this 14-year-old in scope; her school nurse does.
    await h.signIn('school-nurse');
    const lyraId = await childIdByNhsNumber(h.page, LYRA_NHS);
    await h.goto(`/children/${lyraId}/chronology`);
    await h.page.locator('table.nhsuk-table').waitFor();
    const row = h.page.locator('table.nhsuk-table tbody tr').first();
    expect(await row.textContent()).toContain('Restricted entry — ask the young person’s sexual health service');
    expect(await row.textContent()).not.toContain('contraception');
    expect(await h.page.locator('figure.clasp-chronology-strip circle.clasp-chronology-strip__dot--restricted').count()).toBeGreaterThanOrEqual(1);
    await h.checkA11y('chronology with a restricted entry');
  });
});

describe('designated nurse', () => {
  test('reads the routing rules in plain English, and a team’s drift list', async () => {
    await h.signIn('designated-nurse');
    await h.goto('/routing-rules');
    const rules = h.page.getByTestId('routing-rule');
    expect(await rules.count()).toBeGreaterThan(10);
    const liaison = h.page.locator('[data-testid="routing-rule"]', { hasText: 'Every emergency department attendance by a child under 18 goes to the paediatric liaison nurse to check.' });
    expect(await liaison.textContent()).toContain('The child is under 18 (or unborn)');
    expect(await liaison.textContent()).toContain('Paediatric liaison nurse (hospital where it happened)');
    expect(await liaison.textContent()).toContain('8 working hours, then it escalates to the team manager');
    expect(await liaison.textContent()).toContain('CQC Bedford 2015 review 1.17, 1.23, 5.2.7');
    expect(await h.page.locator('[data-testid="routing-rule"]', { hasText: 'second missed planned appointment' }).textContent()).toContain('the child has missed at least 1 other planned appointment in the last 12 months');
    await h.checkA11y('routing rules');
    await h.page.getByLabel('Show rules for').selectOption({ label: 'MASH referral' });
    await h.page.getByRole('button', { name: 'Show' }).click();
    await h.page.waitForURL((url) => url.searchParams.get('type') === 'mash_referral');
    await expect.poll(() => rules.count()).toBe(1);

    await h.goto('/drift');
    await h.page.getByLabel('Team').waitFor();
    const north = await h.page.getByLabel('Team').locator('option', { hasText: 'Health Visiting – Ouseford North' }).getAttribute('value');
    await h.page.getByLabel('Team').selectOption(north!);
    await h.page.getByRole('button', { name: 'Show drift list' }).click();
    await h.page.waitForURL((url) => url.searchParams.get('teamId') === north);
    await h.page.locator('table.nhsuk-table').waitFor();
    expect(await h.page.locator('table.nhsuk-table tbody tr', { hasText: ELLIE }).count()).toBe(1);
    await h.checkA11y('drift list for a team');
  });

  test('invites services to a CP conference and follows the loop: reports expected, received; the GP report draft', async () => {
    await h.goto(`${elliePath}/loops`);
    await h.page.getByRole('link', { name: 'Invite services to a child protection conference' }).click();
    await h.page.waitForURL((url) => url.pathname === `${elliePath}/cp-conferences/new`);
    await h.settled();
    await h.page.getByRole('button', { name: 'Invite and start the clocks' }).click();
    await h.page.locator('.nhsuk-error-summary').waitFor();
    expect(await summaryHrefs(h.page)).toEqual(['#kind', '#conferenceAt', '#conferenceAtTime']);
    await h.checkA11y('CP conference with errors');
    await h.page.getByLabel('Review child protection conference').check();
    const inTwoWeeks = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date(Date.now() + 14 * 86_400_000));
    const [year, month, day] = inTwoWeeks.split('-') as [string, string, string];
    await byId(h.page, 'conferenceAt').fill(String(Number(day)));
    await byId(h.page, 'conferenceAt-month').fill(String(Number(month)));
    await byId(h.page, 'conferenceAt-year').fill(year);
    await h.page.getByLabel('Time').fill('10:00');
    await h.page.getByLabel('Health visiting').check();
    await h.page.getByRole('button', { name: 'Invite and start the clocks' }).click();
    await h.page.waitForURL((url) => url.pathname === `${elliePath}/loops`);
    const loop = h.page.getByTestId('loop-cp_conference');
    await loop.waitFor();
    expect(await loop.locator('tbody tr').count()).toBe(3);
    expect(await loop.locator('tbody tr', { hasText: 'GP report to conference' }).textContent()).toContain('Not yet');
    await h.checkA11y('closed loops: conference invited');
    await loop.getByRole('button', { name: /^Mark received.*GP report to conference, Thistle Lane Surgery$/ }).click();
    await expect.poll(async () => loop.locator('tbody tr', { hasText: 'GP report to conference' }).textContent()).toContain('Beatrix Woldeross');
    await loop.getByRole('link', { name: 'Open the GP conference report (pre-filled)' }).click();
    await h.page.waitForURL(/\/cp-conferences\/[0-9a-f-]{36}\/gp-report$/);
    await h.settled();
    expect(await h.page.locator('h1').textContent()).toContain('GP report to child protection conference');
    expect(await h.page.locator('main').textContent()).toContain('Thistle Lane Surgery');
    expect(await h.page.locator('table', { hasText: 'Emergency department attendance' }).count()).toBe(1);
    await h.checkA11y('GP conference report draft');
  });
});

describe('MASH health practitioner', () => {
  test('confirms a verbal referral in writing, then records the decision; the loop closes its steps', async () => {
    await h.signIn('mash-health-practitioner');
    const tobiasId = await childIdByName(h.page, TOBIAS);
    const base = `/children/${tobiasId}`;
    await h.goto(`${base}/mash-referral`);
    const card = h.page.getByTestId('mash-referral').first();
    await card.waitFor();
    expect(await card.textContent()).toContain('Verbal referral');
    expect(await card.textContent()).toContain('Overdue');
    await h.checkA11y('MASH referral: verbal referral overdue');

    await card.getByRole('link', { name: /^Confirm this referral in writing/ }).click();
    await h.page.waitForURL((url) => url.searchParams.has('confirm'));
    await h.page.locator('h2', { hasText: 'Confirm a verbal referral in writing' }).waitFor();
    await expect.poll(() => h.page.getByLabel('Referrer’s name').inputValue()).toBe('Pip Fallowfield');
    expect(await h.page.getByLabel('Was the referral made verbally or in writing?').count()).toBe(0);
    await h.checkA11y('MASH referral: written confirmation form');
    await h.page.getByRole('button', { name: 'Save written confirmation' }).click();
    await h.page.locator('.nhsuk-notification-banner--success', { hasText: 'Written confirmation recorded' }).waitFor();
    await h.checkA11y('MASH referral: written confirmation saved');

    await h.goto(`${base}/mash-referral`);
    const verbal = h.page.locator('[data-testid="mash-referral"]', { hasText: 'Verbal referral' });
    await verbal.waitFor();
    expect(await verbal.textContent()).toMatch(/Written confirmation of the verbal referralreceived/);
    expect(await verbal.getByRole('link', { name: /^Confirm this referral in writing/ }).count()).toBe(0);
    await verbal.getByRole('link', { name: /^Record the MASH decision/ }).click();
    await h.page.waitForURL((url) => url.searchParams.has('decide'));
    await h.page.locator('h2', { hasText: 'Record the MASH decision' }).waitFor();
    await h.page.getByLabel('Summary').fill('MASH decision: early help offered to the family');
    await h.page.getByRole('button', { name: 'Save decision' }).click();
    await h.page.locator('.nhsuk-error-summary').waitFor();
    expect(await summaryHrefs(h.page)).toEqual(['#details.decision']);
    await h.checkA11y('MASH decision with an error');
    await h.page.getByLabel('Early help').check();
    await h.page.getByRole('button', { name: 'Save decision' }).click();
    await h.page.locator('.nhsuk-notification-banner--success', { hasText: 'MASH decision recorded' }).waitFor();

    await h.goto(`${base}/loops`);
    const loop = h.page.getByTestId('loop-mash_referral').first();
    await loop.waitFor();
    expect(await loop.locator('tbody tr', { hasText: 'MASH threshold decision' }).textContent()).toContain('Saffron Gormfield');
    // Written confirmation came after its 48 hours: received, and marked late.
    expect(await loop.locator('tbody tr', { hasText: 'Written confirmation of the verbal referral' }).textContent()).toContain('Late');
    await h.checkA11y('closed loops: MASH referral');
    // The outcome goes back to the referrer (a school): only that organisation may acknowledge it.
    await loop.getByRole('button', { name: /^Acknowledge.*Outcome returned to the referrer/ }).click();
    await h.page.locator('.nhsuk-error-summary', { hasText: 'Only the organisation this was sent to can acknowledge it' }).waitFor();
    expect(await h.page.title()).toBe('Error: Closed loops – CLASP – NHS');
    await h.checkA11y('closed loops: acknowledgement refused');
  });
});

describe('recording any event, and paging a long chronology', () => {
  test('a type picker, then the type’s own fields; 55 more entries page with "load more"', async () => {
    await h.signIn('designated-nurse');
    const wilfId = await childIdByName(h.page, 'Wilf Puddlewood');
    const base = `/children/${wilfId}`;
    await h.goto(`${base}/events/new`);
    await h.page.getByRole('button', { name: 'Continue' }).click();
    await h.page.locator('.nhsuk-error-summary').waitFor();
    expect(await summaryHrefs(h.page)).toEqual(['#type']);
    await h.checkA11y('record an event: no type chosen');
    await h.page.getByLabel('Health contact or home visit').check();
    await h.page.getByRole('button', { name: 'Continue' }).click();
    await h.page.waitForURL((url) => url.searchParams.get('type') === 'health_contact');
    await h.settled();
    expect(await h.page.locator('h1').textContent()).toContain('Health contact or home visit');
    await h.page.getByLabel('Summary').fill('Seen at clinic with his mother after the missed physiotherapy appointments');
    await h.page.getByLabel('Clinic', { exact: true }).check();
    await h.page.locator('[id="details.childSeen"]').check();
    await h.page.locator('[id="occurredAtTime"]').fill('25:99');
    await h.page.getByRole('button', { name: 'Save event' }).click();
    await h.page.locator('.nhsuk-error-summary').waitFor();
    expect(await summaryHrefs(h.page)).toEqual(['#occurredAtTime']);
    await h.checkA11y('record an event: a time that is not real');
    await h.page.locator('[id="occurredAtTime"]').fill('09:15');
    await h.page.getByRole('button', { name: 'Save event' }).click();
    await h.page.locator('.nhsuk-notification-banner--success', { hasText: 'Health contact or home visit recorded' }).waitFor();
    await h.checkA11y('record an event: saved');

    // 55 more contacts through the API (with the session's CSRF token), then the chronology pages by 50.
    const created = await h.page.evaluate(async (childId) => {
      const session = (await (await fetch('/api/v1/auth/session', { credentials: 'same-origin' })).json()) as { csrfToken: string };
      let ok = 0;
      for (let i = 0; i < 55; i += 1) {
        const occurredAt = new Date(Date.now() - (i + 30) * 86_400_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
        const response = await fetch(`/api/v1/children/${childId}/events`, {
          method: 'POST',
          credentials: 'same-origin',
          headers: { 'content-type': 'application/json', 'x-csrf-token': session.csrfToken },
          body: JSON.stringify({ type: 'health_contact', occurredAt, summary: `Clinic contact ${i + 1}`, details: { kind: 'clinic', childSeen: true } }),
        });
        if (response.status === 201) ok += 1;
      }
      return ok;
    }, wilfId);
    expect(created).toBe(55);
    await h.goto(`${base}/chronology`);
    const status = h.page.locator('p[role="status"]');
    await status.waitFor();
    const total = Number(/of (\d+) entries/.exec((await status.textContent()) ?? '')?.[1]);
    expect(total).toBeGreaterThanOrEqual(58);
    expect(await status.textContent()).toBe(`Showing 50 of ${total} entries.`);
    expect(await h.page.locator('table.nhsuk-table tbody tr').count()).toBe(50);
    await h.page.getByRole('button', { name: 'Load more entries' }).click();
    await expect.poll(() => h.page.locator('table.nhsuk-table tbody tr').count()).toBe(total);
    expect(await status.textContent()).toBe(`Showing ${total} of ${total} entries.`);
    expect(await h.page.getByRole('button', { name: 'Load more entries' }).count()).toBe(0);
    // Every entry once (keyset paging: no repeats across the page boundary).
    const contacts = (await h.page.locator('table.nhsuk-table tbody tr td:nth-child(2)').allTextContents()).filter((text) => /Clinic contact \d+/.test(text));
    expect(contacts.length).toBe(55);
    expect(new Set(contacts).size).toBe(55);
    await h.checkA11y('chronology after load more');
  });
});

describe('a confidential event on a worklist', () => {
  test('the health visitor’s worklist shows a sexual-health attendance only as "Restricted — ask …"', async () => {
    await h.signIn('designated-nurse');
    const ellieId = elliePath.split('/').pop()!;
    const status = await h.page.evaluate(async (childId) => {
      const session = (await (await fetch('/api/v1/auth/session', { credentials: 'same-origin' })).json()) as { csrfToken: string };
      const response = await fetch(`/api/v1/children/${childId}/events`, {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'content-type': 'application/json', 'x-csrf-token': session.csrfToken },
        body: JSON.stringify({
          type: 'ed_attendance',
          occurredAt: new Date(Date.now() - 3_600_000).toISOString().replace(/\.\d{3}Z$/, 'Z'),
          summary: 'Confidential attendance summary that must not reach the health visitor',
          confidentiality: 'sexual_health',
          details: { presentingComplaint: 'Abdominal pain', accompaniedBy: 'mother', accompanyingAdultHasParentalResponsibility: 'yes', injury: false, discharge: 'home', safeguardingConcern: false },
        }),
      });
      return response.status;
    }, ellieId);
    expect(status).toBe(201);

    await h.signIn('health-visitor');
    await h.goto('/worklists');
    const restricted = h.page.locator('li.clasp-worklist__item', { hasText: 'Restricted — ask the young person’s sexual health service' }).first();
    await restricted.waitFor();
    expect(await restricted.textContent()).toContain(ELLIE);
    expect(await h.page.locator('main').textContent()).not.toContain('Confidential attendance summary');
    // Nothing on the card says what kind of event it was.
    expect((await restricted.textContent())?.toLowerCase()).not.toContain('emergency department');
    await h.checkA11y('team worklist with a restricted item');
  });
});
