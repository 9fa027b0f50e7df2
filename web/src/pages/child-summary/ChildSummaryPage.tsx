import type { ChildSummary } from '../../../../src/contracts/children.js';
import { childName, useChild } from '../../api/useChild.js';
import { LoadFailed, Loading, PageHeading, usePageTitle } from '../../app/page.js';
import { Link } from '../../app/router.js';
import { can, useUser } from '../../app/session.js';
import { BackLink, ButtonLink, FlagsBanner, InsetText, SummaryList, Table, Tag, Timeline, flagColour, type TimelineItem } from '../../components/index.js';
import { componentContent } from '../../app/app.content.js';
import {
  CP_CATEGORY_LABELS,
  DISCLOSURE_LABELS,
  IDENTIFIER_KIND_LABELS,
  NAME_KIND_LABELS,
  NHS_NUMBER_STATUS_LABELS,
  RELATIONSHIP_KIND_LABELS,
  SEX_LABELS,
  STATUS_KIND_LABELS,
  labelFor,
} from '../../content/labels.content.js';
import { formatDate, formatDateTime, formatNhsNumber, isCurrent, todayIso } from '../../lib/format.js';
import { ChildNotFound } from '../not-found/NotFoundPage.js';
import { PASSPORT_FROM_AGE } from '../lac-shared/policy.js';
import { ChildSafeguardingLinks } from '../safeguarding-shared/ChildSafeguardingLinks.js';
import { BreakGlassBanner, BreakGlassOffer } from '../break-glass/BreakGlassParts.js';
import { ConsentLink } from '../consent/ConsentLink.js'; // #5 consent
import { AccessReviewLink } from '../access-review/AccessReviewLink.js';
import { content } from './page.content.js';

type Episode = ChildSummary['episodes'][number];

const yesNo = (value: boolean) => (value ? componentContent.yes : componentContent.no);
const orNotRecorded = (value: string | null | undefined, fallback: string) => (value ? value : fallback);

export function ChildSummaryPage({ childId }: { childId: string }) {
  const state = useChild(childId);
  const title = state.status === 'ok' ? content.title(childName(state.child)) : content.loadingTitle;
  usePageTitle(state.status === 'ok' || state.status === 'loading' ? title : null);
  if (state.status === 'loading') return <Loading />;
  if (state.status === 'not-found') return <ChildNotFound offer={<BreakGlassOffer childId={childId} />} />;
  if (state.status === 'error') return <LoadFailed />;
  return <ChildSummaryView child={state.child} />;
}

function episodeDetails(episode: Episode): string[] {
  const details: string[] = [];
  if (episode.cpCategory) details.push(content.status.category(labelFor(CP_CATEGORY_LABELS, episode.cpCategory)));
  if (episode.legalStatus) details.push(content.status.legalStatus(episode.legalStatusLabel ?? episode.legalStatus));
  if (episode.placementType) details.push(content.status.placement(episode.placementTypeLabel ?? episode.placementType));
  if (episode.placementInArea === false) details.push(content.status.outOfArea);
  if (episode.placementInArea === true) details.push(content.status.inArea);
  if (episode.extendedTo25) details.push(content.status.extendedTo25);
  return details;
}

/** Current episodes first (latest start first), then ended ones (latest end first). */
export function orderEpisodes(episodes: readonly Episode[], today: string): Episode[] {
  return [...episodes].sort((a, b) => {
    const aCurrent = isCurrent(a.endedOn, today);
    const bCurrent = isCurrent(b.endedOn, today);
    if (aCurrent !== bCurrent) return aCurrent ? -1 : 1;
    if (!aCurrent && a.endedOn !== b.endedOn) return (b.endedOn ?? '').localeCompare(a.endedOn ?? '');
    return b.startedOn.localeCompare(a.startedOn);
  });
}

function ChildSummaryView({ child }: { child: ChildSummary }) {
  const user = useUser();
  const today = todayIso();
  const base = `/children/${encodeURIComponent(child.id)}`;
  const episodes = orderEpisodes(child.episodes, today);
  const mayAddEpisode = can(user, 'status_episode', 'create');
  const mayEndEpisode = can(user, 'status_episode', 'update');
  const mayAddAlert = can(user, 'flag', 'create');
  const mayEndAlert = can(user, 'flag', 'update');
  const mayRecordBirth = child.isUnborn && !child.bornAsChildId && can(user, 'child', 'update');
  // Looked after or a care leaver now: the LAC health page (and, from 16, the health passport).
  const lacOrLeaver = episodes.some((e) => (e.kind === 'looked_after' || e.kind === 'care_leaver') && isCurrent(e.endedOn, today));
  const mayLacHealth = lacOrLeaver && can(user, 'health_assessment', 'read');
  const mayPassport = mayLacHealth && (child.ageYears ?? 0) >= PASSPORT_FROM_AGE;

  const timeline: TimelineItem[] = episodes.map((episode) => {
    const current = isCurrent(episode.endedOn, today);
    const details = episodeDetails(episode);
    return {
      id: episode.id,
      title: labelFor(STATUS_KIND_LABELS, episode.kind),
      current,
      stateText: current ? content.status.current : content.status.ended,
      period: episode.endedOn
        ? content.status.periodClosed(formatDate(episode.startedOn), formatDate(episode.endedOn))
        : content.status.periodOpen(formatDate(episode.startedOn)),
      details: (
        <>
          {details.map((line) => (
            <p key={line}>{line}</p>
          ))}
          <p>{content.status.source(episode.source)}</p>
        </>
      ),
    };
  });

  return (
    <>
      <BackLink href="/" text={content.backToSearch} />
      {child.accessBasis === 'break_glass' ? <BreakGlassBanner childId={child.id} /> : null}

      <div className="clasp-child-banner">
        <div className="clasp-child-banner__identity">
          <PageHeading caption={child.isUnborn ? content.unbornCaption : content.caption}>{childName(child)}</PageHeading>
          <p className="nhsuk-body nhsuk-u-margin-bottom-0">
            {content.nhsNumberLine}: <strong>{child.nhsNumberFormatted ?? (formatNhsNumber(child.nhsNumber) || content.identifiers.noNhsNumber)}</strong>
            {' · '}
            {child.isUnborn ? (
              <>
                {content.dueLine}: <strong>{formatDate(child.expectedDueOn)}</strong>
              </>
            ) : (
              <>
                {content.dateOfBirthLine}: <strong>{formatDate(child.dateOfBirth)}</strong>
                {child.ageYears !== null ? ` (${content.personal.age(child.ageYears)})` : ''}
              </>
            )}
          </p>
        </div>
        <FlagsBanner flags={child.flags} content={content.flags} />
      </div>

      {child.bornAsChildId ? (
        <InsetText>
          <p>
            {content.born.replacedAtBirth} <Link href={`/children/${encodeURIComponent(child.bornAsChildId)}`}>{content.born.viewBornRecord}</Link>
          </p>
        </InsetText>
      ) : null}
      {child.unbornRecordId ? (
        <InsetText>
          <p>
            {content.born.hadUnbornRecord} <Link href={`/children/${encodeURIComponent(child.unbornRecordId)}`}>{content.born.viewUnbornRecord}</Link>
          </p>
        </InsetText>
      ) : null}

      {mayAddEpisode || mayAddAlert || mayRecordBirth || mayLacHealth ? (
        <nav className="clasp-actions" aria-label={content.actions.heading}>
          {mayLacHealth ? <ButtonLink href={`${base}/lac-health`}>{content.actions.lacHealth}</ButtonLink> : null}
          {mayPassport ? (
            <ButtonLink href={`${base}/health-passport`} variant="secondary">
              {content.actions.healthPassport}
            </ButtonLink>
          ) : null}
          {mayAddEpisode ? (
            <ButtonLink href={`${base}/status-episodes/new`} variant="secondary">
              {content.actions.addEpisode}
            </ButtonLink>
          ) : null}
          {mayAddAlert ? (
            <ButtonLink href={`${base}/flags/new`} variant="secondary">
              {content.actions.addAlert}
            </ButtonLink>
          ) : null}
          {mayRecordBirth ? (
            <ButtonLink href={`${base}/birth`} variant="secondary">
              {content.actions.recordBirth}
            </ButtonLink>
          ) : null}
        </nav>
      ) : null}

      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-one-half">
          <section className="clasp-section" aria-labelledby="identifiers-heading">
            <h2 className="nhsuk-heading-m" id="identifiers-heading">
              {content.identifiers.heading}
            </h2>
            <SummaryList
              rows={[
                {
                  key: content.identifiers.nhsNumber,
                  value: (
                    <>
                      {child.nhsNumberFormatted ?? (formatNhsNumber(child.nhsNumber) || content.identifiers.noNhsNumber)}
                      {child.nhsNumber ? (
                        <>
                          <br />
                          <span className="nhsuk-body-s">{labelFor(NHS_NUMBER_STATUS_LABELS, child.nhsNumberStatus)}</span>
                        </>
                      ) : null}
                    </>
                  ),
                },
                { key: content.identifiers.laChildId, value: orNotRecorded(child.laChildId, content.identifiers.none) },
                ...child.identifiers.map((identifier) => ({
                  key: labelFor(IDENTIFIER_KIND_LABELS, identifier.kind),
                  value: identifier.restricted ? restrictedText(identifier.restricted) : identifier.issuer ? `${identifier.value} (${identifier.issuer})` : identifier.value,
                })),
              ]}
            />
          </section>
        </div>
        <div className="nhsuk-grid-column-one-half">
          <section className="clasp-section" aria-labelledby="personal-heading">
            <h2 className="nhsuk-heading-m" id="personal-heading">
              {content.personal.heading}
            </h2>
            <SummaryList
              rows={[
                child.isUnborn
                  ? { key: content.personal.expectedDueOn, value: formatDate(child.expectedDueOn) }
                  : {
                      key: content.personal.dateOfBirth,
                      value: `${formatDate(child.dateOfBirth)}${child.ageYears !== null ? ` (${content.personal.age(child.ageYears)})` : ''}`,
                    },
                { key: content.personal.sex, value: labelFor(SEX_LABELS, child.sex) },
                { key: content.personal.ethnicity, value: child.ethnicity?.label ?? content.personal.notRecorded },
              ]}
            />
          </section>
        </div>
      </div>

      {/* Safeguarding (#3): chronology, record an event, ED attendance, MASH referral, closed loops. */}
      <ChildSafeguardingLinks childId={child.id} user={user} />

      <section className="clasp-section" aria-labelledby="services-heading">
        <h2 className="nhsuk-heading-m" id="services-heading">
          {content.services.heading}
        </h2>
        <SummaryList
          rows={[
            { key: content.services.registeredPractice, value: child.registeredPractice ? `${child.registeredPractice.name} (${child.registeredPractice.code})` : content.services.notRecorded },
            { key: content.services.school, value: child.school ? child.school.name : content.services.notRecorded },
            { key: content.services.responsibleLocalAuthority, value: child.responsibleLocalAuthority?.name ?? content.services.notRecorded },
            { key: content.services.placementArea, value: orNotRecorded(child.placementArea, content.services.notRecorded) },
          ]}
        />
      </section>

      <section className="clasp-section" aria-labelledby="household-heading">
        <h2 className="nhsuk-heading-m" id="household-heading">
          {content.household.heading}
        </h2>
        {child.relationships.length === 0 ? (
          <p className="nhsuk-body">{content.household.none}</p>
        ) : (
          <Table
            caption={content.household.caption}
            captionHidden
            head={[
              content.household.columns.name,
              content.household.columns.relationship,
              content.household.columns.dateOfBirth,
              content.household.columns.parentalResponsibility,
              content.household.columns.livesWith,
              content.household.columns.flags,
            ]}
            rows={child.relationships.map((relationship) => ({
              key: relationship.id,
              cells: [
                relationship.relatedChildId && relationship.relatedChildInScope ? (
                  <Link href={`/children/${encodeURIComponent(relationship.relatedChildId)}`} key="n">
                    {relationship.name}
                  </Link>
                ) : (
                  relationship.name
                ),
                <>
                  {labelFor(RELATIONSHIP_KIND_LABELS, relationship.kind)}
                  {relationship.validTo ? (
                    <>
                      <br />
                      <span className="nhsuk-body-s">{content.household.ended(formatDate(relationship.validTo))}</span>
                    </>
                  ) : null}
                </>,
                formatDate(relationship.dateOfBirth),
                yesNo(relationship.hasParentalResponsibility),
                yesNo(relationship.livesWith),
                relationship.flags.length === 0 ? (
                  content.household.noFlags
                ) : (
                  <ul className="clasp-tag-list" key="f">
                    {relationship.flags.map((flag) => (
                      <li key={flag}>
                        <Tag colour="grey">{flag}</Tag>
                      </li>
                    ))}
                  </ul>
                ),
              ],
            }))}
          />
        )}
      </section>

      <section className="clasp-section" aria-labelledby="status-heading">
        <h2 className="nhsuk-heading-m" id="status-heading">
          {content.status.heading}
        </h2>
        {episodes.length === 0 ? (
          <p className="nhsuk-body">{content.status.none}</p>
        ) : (
          <>
            <Timeline items={timeline} label={content.status.timelineLabel} />
            <Table
              caption={content.status.tableCaption}
              captionSize="s"
              head={[
                content.status.columns.status,
                content.status.columns.started,
                content.status.columns.ended,
                content.status.columns.details,
                content.status.columns.source,
                ...(mayEndEpisode ? [content.status.columns.action] : []),
              ]}
              rows={episodes.map((episode) => {
                const label = labelFor(STATUS_KIND_LABELS, episode.kind);
                const current = isCurrent(episode.endedOn, today);
                return {
                  key: episode.id,
                  cells: [
                    label,
                    formatDate(episode.startedOn),
                    episode.endedOn ? formatDate(episode.endedOn) : content.status.notEnded,
                    episodeDetails(episode).join('. '),
                    episode.source,
                    ...(mayEndEpisode
                      ? [
                          current && !episode.endedOn ? (
                            <Link href={`${base}/status-episodes/${encodeURIComponent(episode.id)}/end`} key="end">
                              {content.status.end}
                              <span className="nhsuk-u-visually-hidden"> {content.status.endFor(label)}</span>
                            </Link>
                          ) : (
                            ''
                          ),
                        ]
                      : []),
                  ],
                };
              })}
            />
          </>
        )}
      </section>

      <section className="clasp-section" aria-labelledby="alerts-heading">
        <h2 className="nhsuk-heading-m" id="alerts-heading">
          {content.alerts.heading}
        </h2>
        {child.manualFlags.length === 0 ? (
          <p className="nhsuk-body">{content.alerts.none}</p>
        ) : (
          child.manualFlags.map((alert) => {
            const current = isCurrent(alert.endedOn, today);
            const overdue = current && alert.reviewOn < today;
            return (
              <div className="nhsuk-card" key={alert.id}>
                <div className="nhsuk-card__content">
                  <h3 className="nhsuk-card__heading nhsuk-heading-s">
                    <Tag colour={flagColour({ code: alert.kind, priority: 3 })}>{alert.label}</Tag>{' '}
                    {!current ? (
                      <Tag colour="grey">{content.alerts.ended(formatDate(alert.endedOn))}</Tag>
                    ) : alert.endedOn ? (
                      <Tag colour="blue">{content.alerts.endsOn(formatDate(alert.endedOn))}</Tag>
                    ) : (
                      <Tag colour="blue">{content.alerts.current}</Tag>
                    )}{' '}
                    {overdue ? <Tag colour="orange">{content.alerts.reviewOverdue}</Tag> : null}
                  </h3>
                  <SummaryList
                    noBorder
                    rows={[
                      alert.note ? { key: content.alerts.note, value: alert.note } : null,
                      { key: content.alerts.source, value: alert.source },
                      { key: content.alerts.recordedBy, value: alert.recordedBy },
                      { key: content.alerts.recordedAt, value: formatDateTime(alert.recordedAt) },
                      { key: content.alerts.reviewOn, value: formatDate(alert.reviewOn) },
                      { key: content.alerts.disclosure, value: labelFor(DISCLOSURE_LABELS, alert.disclosureDecision) },
                      alert.disclosureReason ? { key: content.alerts.disclosureReason, value: alert.disclosureReason } : null,
                    ]}
                  />
                  {mayEndAlert && current && !alert.endedOn ? (
                    <p className="nhsuk-body nhsuk-u-margin-bottom-0">
                      <Link href={`${base}/flags/${encodeURIComponent(alert.id)}/end`}>
                        {content.alerts.end}
                        <span className="nhsuk-u-visually-hidden">: {alert.label}</span>
                      </Link>
                    </p>
                  ) : null}
                </div>
              </div>
            );
          })
        )}
      </section>

      <section className="clasp-section" aria-labelledby="names-heading">
        <h2 className="nhsuk-heading-m" id="names-heading">
          {content.names.heading}
        </h2>
        {child.names.length === 0 ? (
          <p className="nhsuk-body">{content.names.none}</p>
        ) : (
          <Table
            caption={content.names.caption}
            captionHidden
            head={[content.names.columns.name, content.names.columns.kind, content.names.columns.from, content.names.columns.to]}
            rows={child.names.map((name) => ({
              key: name.id,
              cells: [name.restricted ? restrictedText(name.restricted) : `${name.givenName} ${name.familyName}`, labelFor(NAME_KIND_LABELS, name.kind), name.restricted ? '' : formatDate(name.validFrom), name.restricted ? '' : name.validTo ? formatDate(name.validTo) : content.names.current],
            }))}
          />
        )}
      </section>

      <section className="clasp-section" aria-labelledby="addresses-heading">
        <h2 className="nhsuk-heading-m" id="addresses-heading">
          {content.addresses.heading}
        </h2>
        {child.addresses.length === 0 ? (
          <p className="nhsuk-body">{content.addresses.none}</p>
        ) : (
          <Table
            caption={content.addresses.caption}
            captionHidden
            head={[content.addresses.columns.address, content.addresses.columns.postcode, content.addresses.columns.from, content.addresses.columns.to]}
            rows={child.addresses.map((address) => ({
              key: address.id,
              cells: [
                address.restricted ? restrictedText(address.restricted) : [address.line1, address.town].filter(Boolean).join(', '),
                address.restricted ? '' : address.postcode,
                formatDate(address.validFrom),
                address.validTo ? formatDate(address.validTo) : content.addresses.current,
              ],
            }))}
          />
        )}
      </section>

      <p className="nhsuk-body-s">{content.accessBasis(content.accessBasisLabels[child.accessBasis] ?? child.accessBasis)}</p>
      <ConsentLink childId={child.id} user={user} />
      <AccessReviewLink childId={child.id} user={user} accessBasis={child.accessBasis} />
    </>
  );
}

function restrictedText(restricted: { label: string; whomToAsk: string }): string {
  return content.restricted(restricted.label, restricted.whomToAsk);
}
