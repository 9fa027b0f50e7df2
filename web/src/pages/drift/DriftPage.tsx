import { useState } from 'react';
import { safeguardingEndpoints as endpoints } from '../../api/safeguarding-endpoints.js';
import { useLoad } from '../../api/useLoad.js';
import { LoadFailed, Loading, PageHeading, usePageTitle } from '../../app/page.js';
import { Link, navigate, useSearchParams } from '../../app/router.js';
import { Button, Select, SummaryList, Table } from '../../components/index.js';
import { formatDateTime, formatNhsNumber } from '../../lib/format.js';
import '../safeguarding-shared/safeguarding.css';
import { content } from './page.content.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A team's drift list (#3; CQC Bedford 2015 recs 1.7, 2.4: chronologies to spot drift; review 1.5). */
export function DriftPage() {
  const params = useSearchParams();
  const raw = params.get('teamId');
  const teamId = raw && UUID.test(raw) ? raw : undefined;
  const teams = useLoad(() => endpoints.worklistTeams(), []);
  const drift = useLoad(() => endpoints.drift(teamId), [teamId]);
  const rules = useLoad(() => endpoints.driftRules(), []);
  const [choice, setChoice] = useState<string | null>(null);
  usePageTitle(drift.status === 'error' ? null : content.title);
  if (drift.status === 'error' || drift.status === 'forbidden' || drift.status === 'not-found') return <LoadFailed />;
  const teamOptions =
    teams.status === 'ok'
      ? [...teams.data.teams].sort((a, b) => Number(b.mine) - Number(a.mine) || a.name.localeCompare(b.name)).map((t) => ({ value: t.id, label: t.mine ? content.team.mine(t.name) : `${t.name} – ${t.organisation}` }))
      : [];
  const selected = choice ?? (drift.status === 'ok' ? drift.data.team.id : (teamId ?? ''));
  return (
    <>
      <PageHeading caption={content.caption}>{content.heading}</PageHeading>
      <p className="nhsuk-body">{content.intro}</p>
      {teamOptions.length > 1 ? (
        <form
          className="clasp-filter"
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            navigate(selected ? `/drift?teamId=${selected}` : '/drift');
          }}
        >
          <Select id="teamId" label={content.team.label} options={teamOptions} value={selected} onChange={setChoice} />
          <Button variant="secondary">{content.team.submit}</Button>
        </form>
      ) : null}
      {drift.status !== 'ok' ? (
        <Loading />
      ) : (
        <>
          <h2 className="nhsuk-heading-m">{drift.data.team.name}</h2>
          <p className="nhsuk-body-s">{content.asOf(formatDateTime(drift.data.asOf), drift.data.rulesVersion)}</p>
          {drift.data.children.length === 0 ? (
            <p className="nhsuk-body">{content.none}</p>
          ) : (
            <Table
              caption={content.caption2(drift.data.team.name, drift.data.children.length)}
              captionHidden
              head={[content.columns.child, content.columns.findings, content.columns.action]}
              rows={drift.data.children.map((child) => {
                const name = `${child.givenName} ${child.familyName}`;
                const href = `/children/${encodeURIComponent(child.childId)}`;
                return {
                  key: child.childId,
                  cells: [
                    <>
                      <Link href={href}>{name}</Link>
                      <br />
                      <span className="nhsuk-body-s">{child.isUnborn ? content.unborn : formatNhsNumber(child.nhsNumber)}</span>
                    </>,
                    <ul className="nhsuk-list nhsuk-list--bullet nhsuk-body-s nhsuk-u-margin-bottom-0" key="f">
                      {child.findings.map((finding, index) => (
                        <li key={`${finding.ruleId ?? ''}-${finding.worklistItemId ?? index}`}>
                          {finding.description} ({content.since(formatDateTime(finding.since))}
                          {finding.restricted ? `; ${content.restricted(finding.restricted.whomToAsk)}` : ''})
                        </li>
                      ))}
                    </ul>,
                    <Link href={`${href}/chronology`} key="c">
                      {content.chronology}
                      <span className="nhsuk-u-visually-hidden"> {content.forChild(name)}</span>
                    </Link>,
                  ],
                };
              })}
            />
          )}
        </>
      )}
      {rules.status === 'ok' ? (
        <details className="nhsuk-details">
          <summary className="nhsuk-details__summary">
            <span className="nhsuk-details__summary-text">{content.rulesHeading}</span>
          </summary>
          <div className="nhsuk-details__text">
            <SummaryList rows={rules.data.rules.map((rule) => ({ key: rule.description, value: rule.source }))} />
          </div>
        </details>
      ) : null}
    </>
  );
}
