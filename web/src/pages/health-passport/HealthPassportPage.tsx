import type { ChildSummary } from '../../../../src/contracts/children.js';
import { endpoints } from '../../api/endpoints.js';
import type { LacHealth } from '../../api/lac-schemas.js';
import { useChild } from '../../api/useChild.js';
import { useLoad } from '../../api/useLoad.js';
import { LoadFailed, Loading, PageHeading, usePageTitle } from '../../app/page.js';
import { BackLink, Button } from '../../components/index.js';
import { formatDate, todayIso } from '../../lib/format.js';
import { PASSPORT_FROM_AGE } from '../lac-shared/policy.js';
import { ChildNotFound } from '../not-found/NotFoundPage.js';
import { content } from './page.content.js';

function latest<T extends { on: string }>(items: readonly T[]): T | undefined {
  return [...items].sort((a, b) => a.on.localeCompare(b.on)).at(-1);
}

export function HealthPassportPage({ childId }: { childId: string }) {
  const child = useChild(childId);
  const health = useLoad(() => endpoints.lacHealth(childId), [childId]);
  const name = child.status === 'ok' ? `${child.child.givenName} ${child.child.familyName}` : null;
  const failed = child.status === 'error' || health.status === 'error' || health.status === 'forbidden';
  const notFound = child.status === 'not-found' || health.status === 'not-found';
  usePageTitle(failed || notFound ? null : name ? content.title(name) : content.loadingTitle);
  if (notFound) return <ChildNotFound />;
  if (failed) return <LoadFailed />;
  if (child.status !== 'ok' || health.status !== 'ok') return <Loading />;
  return <Passport child={child.child} health={health.data} />;
}

function Passport({ child, health }: { child: ChildSummary; health: LacHealth }) {
  const back = `/children/${encodeURIComponent(child.id)}/lac-health`;
  const offered = (child.ageYears ?? 0) >= PASSPORT_FROM_AGE && (health.lookedAfter || health.careLeaver !== null);
  if (!offered) {
    return (
      <>
        <BackLink href={back} text={content.back} />
        <PageHeading caption={`${child.givenName} ${child.familyName}`}>{content.notYet.heading}</PageHeading>
        <p className="nhsuk-body">{content.notYet.body}</p>
      </>
    );
  }
  const h = content.health;
  const immunisation = latest(health.activities.filter((a) => a.activity === 'immunisation_status'));
  const dental = latest(health.activities.filter((a) => a.activity === 'dental_check'));
  const assessments = [...health.activities.filter((a) => a.activity === 'health_assessment').map((a) => a.on), ...health.assessments.flatMap((a) => (a.completedOn ? [a.completedOn] : []))].sort();
  const lastAssessment = assessments.at(-1);
  const sdq = health.sdqTrend.filter((s) => s.totalDifficulties !== null).at(-1);
  const open = health.planActions.filter((a) => a.status === 'open' || a.status === 'unmet');

  return (
    <div className="clasp-passport">
      <BackLink href={back} text={content.back} />
      <div className="clasp-passport__banner">
        <PageHeading caption={content.caption}>{content.heading(child.givenName)}</PageHeading>
        <p className="nhsuk-body">
          {child.givenName} {child.familyName}
          {child.dateOfBirth ? ` · ${content.born(formatDate(child.dateOfBirth))}` : ''}
        </p>
        <p className="nhsuk-body-s">{content.made(formatDate(todayIso()))}</p>
      </div>

      <div className="clasp-passport__owned">
        <h2 className="nhsuk-heading-m">{content.owned.heading}</h2>
        <p className="nhsuk-body">{content.owned.body(child.givenName)}</p>
      </div>

      <div className="clasp-no-print">
        <Button type="button" variant="secondary" onClick={() => window.print()}>
          {content.print}
        </Button>
      </div>

      <section className="clasp-passport__section" aria-labelledby="passport-gp">
        <h2 className="nhsuk-heading-m" id="passport-gp">
          {content.gp.heading}
        </h2>
        <p className="nhsuk-body">{child.registeredPractice ? content.gp.registered(child.registeredPractice.name) : content.gp.none}</p>
        <p className="nhsuk-body">{content.gp.tip}</p>
      </section>

      <section className="clasp-passport__section clasp-passport__section--green" aria-labelledby="passport-health">
        <h2 className="nhsuk-heading-m" id="passport-health">
          {h.heading}
        </h2>
        <dl className="nhsuk-summary-list nhsuk-summary-list--no-border">
          <div className="nhsuk-summary-list__row">
            <dt className="nhsuk-summary-list__key">{h.immunisations}</dt>
            <dd className="nhsuk-summary-list__value">
              {immunisation
                ? immunisation.result === 'up_to_date'
                  ? h.immunisationsUpToDate(formatDate(immunisation.on))
                  : h.immunisationsNotUpToDate(formatDate(immunisation.on))
                : h.immunisationsUnknown}
            </dd>
          </div>
          <div className="nhsuk-summary-list__row">
            <dt className="nhsuk-summary-list__key">{h.dental}</dt>
            <dd className="nhsuk-summary-list__value">{dental ? h.dentalOn(formatDate(dental.on)) : h.dentalNone}</dd>
          </div>
          <div className="nhsuk-summary-list__row">
            <dt className="nhsuk-summary-list__key">{h.assessment}</dt>
            <dd className="nhsuk-summary-list__value">{lastAssessment ? h.assessmentOn(formatDate(lastAssessment)) : h.assessmentNone}</dd>
          </div>
          <div className="nhsuk-summary-list__row">
            <dt className="nhsuk-summary-list__key">{h.sdq}</dt>
            <dd className="nhsuk-summary-list__value">{sdq && sdq.totalDifficulties !== null ? h.sdqOn(sdq.totalDifficulties, formatDate(sdq.completedOn), h.bands[sdq.band ?? ''] ?? '') : h.sdqNone}</dd>
          </div>
        </dl>
      </section>

      <section className="clasp-passport__section clasp-passport__section--purple" aria-labelledby="passport-plan">
        <h2 className="nhsuk-heading-m" id="passport-plan">
          {content.plan.heading}
        </h2>
        {open.length === 0 ? (
          <p className="nhsuk-body">{content.plan.none}</p>
        ) : (
          <>
            <p className="nhsuk-body">{content.plan.intro}</p>
            <ul className="nhsuk-list nhsuk-list--bullet">
              {open.map((a) => (
                <li key={a.id}>
                  <strong>{a.action}</strong>
                  <br />
                  {content.plan.item(a.ownerName, a.ownerRole, a.dueOn ? formatDate(a.dueOn) : content.plan.noDate)}
                </li>
              ))}
            </ul>
          </>
        )}
      </section>

      {health.careLeaver ? (
        <section className="clasp-passport__section clasp-passport__section--aqua" aria-labelledby="passport-leaving">
          <h2 className="nhsuk-heading-m" id="passport-leaving">
            {content.careLeaver.heading}
          </h2>
          <p className="nhsuk-body">{content.careLeaver.offer(formatDate(health.careLeaver.offerEndsOn))}</p>
          {health.careLeaver.nextReviewDue ? <p className="nhsuk-body">{content.careLeaver.review(formatDate(health.careLeaver.nextReviewDue))}</p> : null}
        </section>
      ) : null}

      <section className="clasp-passport__section clasp-passport__section--yellow" aria-labelledby="passport-help">
        <h2 className="nhsuk-heading-m" id="passport-help">
          {content.help.heading}
        </h2>
        <ul className="nhsuk-list nhsuk-list--bullet">
          {content.help.items.map((item) => (
            <li key={item}>{item}</li>
          ))}
        </ul>
      </section>
    </div>
  );
}
