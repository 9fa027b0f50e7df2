import { useState } from 'react';
import { actionWorklistBody, WORKLIST_OUTCOMES, type WorklistItem } from '../../../../src/contracts/events.js';
import { isInputError } from '../../api/client.js';
import { safeguardingEndpoints as endpoints } from '../../api/safeguarding-endpoints.js';
import { useLoad } from '../../api/useLoad.js';
import { LoadFailed, Loading, PageHeading, usePageTitle } from '../../app/page.js';
import { Link, navigate, useSearchParams } from '../../app/router.js';
import { Button, ErrorSummary, NotificationBanner, Radios, Select, SummaryList, Tag, TextInput } from '../../components/index.js';
import { formatDateTime, formatNhsNumber } from '../../lib/format.js';
import { buildErrors, errorsFromApi, hasErrors, textValue, useForm, type Form } from '../../lib/forms.js';
import { formatAge, hoursBetween } from '../safeguarding-shared/ageing.js';
import { ACTION_LABELS, OUTCOME_LABELS, restrictedShort } from '../safeguarding-shared/safeguarding.content.js';
import '../safeguarding-shared/safeguarding.css';
import { content } from './page.content.js';

const VIEWS = ['open', 'acknowledged', 'escalated', 'actioned'] as const;
type View = (typeof VIEWS)[number];
const isView = (value: string | null): value is View => (VIEWS as readonly string[]).includes(value ?? '');

/** What an item may be called on screen: a restricted item's event type is not the reader's to see. */
const itemLabel = (item: WorklistItem): string => (item.restricted ? content.item.restrictedLabel : item.eventLabel);

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function worklistHref(teamId: string | undefined, view: View): string {
  const search = new URLSearchParams();
  if (teamId) search.set('teamId', teamId);
  if (view !== 'open') search.set('state', view);
  const query = search.toString();
  return `/worklists${query ? `?${query}` : ''}`;
}

/**
 * A team's worklist (#3): the events routed to the team, with counts, ageing and escalation; acknowledge,
 * then record the outcome. Restricted events show only whom to ask (the server sends no content).
 */
export function TeamWorklistPage() {
  const params = useSearchParams();
  const rawTeam = params.get('teamId');
  const teamId = rawTeam && UUID.test(rawTeam) ? rawTeam : undefined;
  const rawView = params.get('state');
  const view: View = isView(rawView) ? rawView : 'open';

  const teams = useLoad(() => endpoints.worklistTeams(), []);
  const list = useLoad(() => endpoints.teamWorklist({ teamId, state: view }), [teamId, view]);
  const form = useForm({});
  const [chosenTeam, setChosenTeam] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  usePageTitle(list.status === 'error' ? null : content.title, hasErrors(form.errors));

  if (list.status === 'error' || teams.status === 'error') return <LoadFailed />;

  const teamOptions =
    teams.status === 'ok'
      ? [...teams.data.teams]
          .sort((a, b) => Number(b.mine) - Number(a.mine) || a.name.localeCompare(b.name))
          .map((team) => ({ value: team.id, label: team.mine ? content.team.mine(team.name) : `${team.name} – ${team.organisation}` }))
      : [];
  const currentTeamId = list.status === 'ok' ? list.data.team.id : (teamId ?? '');
  const selectedTeam = chosenTeam ?? currentTeamId;

  const acknowledge = async (item: WorklistItem) => {
    form.clearErrors();
    setDone(null);
    try {
      await endpoints.acknowledgeWorklistItem(item.childId, item.id);
      setDone(content.acknowledge.done(itemLabel(item), item.childName));
      list.reload();
    } catch (error) {
      form.setErrors(isInputError(error) ? errorsFromApi(error, []) : buildErrors({}, [], [content.errors.failed]));
    }
  };

  const recordOutcome = async (item: WorklistItem) => {
    const outcomeId = `outcome-${item.id}`;
    const noteId = `note-${item.id}`;
    const order = [outcomeId, noteId];
    setDone(null);
    const parsed = actionWorklistBody.safeParse({ outcome: textValue(form.values, outcomeId), note: textValue(form.values, noteId) });
    if (!parsed.success) {
      const messages: Record<string, string> = {};
      for (const issue of parsed.error.issues) messages[issue.path[0] === 'note' ? noteId : outcomeId] ??= issue.message;
      form.setErrors(buildErrors(messages, order));
      return;
    }
    form.setSubmitting(true);
    try {
      await endpoints.actionWorklistItem(item.childId, item.id, parsed.data);
      form.clearErrors();
      setDone(content.outcomeForm.done(item.childName));
      list.reload();
    } catch (error) {
      if (isInputError(error)) {
        const fieldErrors = { [outcomeId]: error.fieldErrors.outcome, [noteId]: error.fieldErrors.note };
        const errors = buildErrors(fieldErrors, order, error.formErrors);
        form.setErrors(errors.items.length ? errors : buildErrors({}, order, [error.message]));
      } else form.setErrors(buildErrors({}, order, [content.errors.failed]));
    } finally {
      form.setSubmitting(false);
    }
  };

  return (
    <>
      <ErrorSummary items={form.errors.items} focusKey={form.attempt} />
      {done ? <NotificationBanner success title="Success" heading={done} /> : null}
      <PageHeading caption={content.caption}>{content.heading}</PageHeading>
      <p className="nhsuk-body">{content.intro}</p>
      <p className="nhsuk-body">
        <Link href="/routing-rules">How events are routed</Link> · <Link href={`/drift${teamId ? `?teamId=${teamId}` : ''}`}>Drifting cases for this team</Link>
      </p>

      {teamOptions.length > 1 ? (
        <form
          className="clasp-filter"
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            navigate(worklistHref(selectedTeam || undefined, view));
          }}
        >
          <Select id="teamId" label={content.team.label} options={teamOptions} value={selectedTeam} onChange={setChosenTeam} />
          <Button variant="secondary">{content.team.submit}</Button>
        </form>
      ) : null}

      {list.status === 'loading' || list.status === 'not-found' || list.status === 'forbidden' ? (
        list.status === 'loading' ? (
          <Loading />
        ) : (
          <LoadFailed />
        )
      ) : (
        <>
          <h2 className="nhsuk-heading-m">{list.data.team.name}</h2>
          <ul className="clasp-counts" aria-label={content.counts.label}>
            {(['open', 'urgent', 'escalated', 'olderThan24h'] as const).map((key) => (
              <li className={`clasp-counts__item clasp-counts__item--${key}`} key={key}>
                <span className="clasp-counts__number">{list.data.counts[key]}</span> {content.counts[key]}
              </li>
            ))}
          </ul>
          <nav className="clasp-tabs" aria-label={content.tabs.label}>
            <ul className="clasp-tabs__list">
              {VIEWS.map((key) => {
                const count = key === 'actioned' ? null : list.data.counts[key];
                const text = (
                  <>
                    {content.tabs[key]}
                    {count === null ? '' : content.tabs.count(count)}
                  </>
                );
                return (
                  <li className={`clasp-tabs__item${key === view ? ' clasp-tabs__item--current' : ''}`} key={key}>
                    {key === view ? (
                      <Link className="clasp-tabs__link" href={worklistHref(teamId, key)} aria-current="page">
                        {text}
                      </Link>
                    ) : (
                      <Link className="clasp-tabs__link" href={worklistHref(teamId, key)}>
                        {text}
                      </Link>
                    )}
                  </li>
                );
              })}
            </ul>
          </nav>
          {list.data.items.length === 0 ? (
            <p className="nhsuk-body">{content.none[view]}</p>
          ) : (
            <ul className="nhsuk-list clasp-worklist" aria-label={content.listLabel(content.tabs[view], list.data.team.name)}>
              {list.data.items.map((item) => (
                <WorklistCard key={item.id} item={item} form={form} onAcknowledge={acknowledge} onOutcome={recordOutcome} />
              ))}
            </ul>
          )}
        </>
      )}
    </>
  );
}

function WorklistCard({ item, form, onAcknowledge, onOutcome }: { item: WorklistItem; form: Form; onAcknowledge: (item: WorklistItem) => Promise<void>; onOutcome: (item: WorklistItem) => Promise<void> }) {
  const now = new Date();
  const childHref = `/children/${encodeURIComponent(item.childId)}`;
  const overdueHours = item.state === 'open' && item.escalateAt ? hoursBetween(item.escalateAt, now) : -1;
  const outcomeId = `outcome-${item.id}`;
  const noteId = `note-${item.id}`;
  const eventText = item.restricted ? restrictedShort(item.restricted.whomToAsk) : `${item.eventLabel}${item.eventSummary ? `: ${item.eventSummary}` : ''}`;
  return (
    <li className="nhsuk-card clasp-worklist__item">
      <div className="nhsuk-card__content">
        <h3 className="nhsuk-card__heading nhsuk-heading-s">
          <Link href={childHref}>{item.childName}</Link>
          {item.nhsNumber ? <span className="nhsuk-body-s clasp-worklist__nhs"> {content.item.nhsNumber(formatNhsNumber(item.nhsNumber))}</span> : null}{' '}
          {item.priority === 'urgent' ? <Tag colour="red">{content.item.urgent}</Tag> : null} {item.escalated ? <Tag colour="orange">{content.item.escalated}</Tag> : null}
        </h3>
        <SummaryList
          noBorder
          rows={[
            { key: content.item.event, value: item.restricted ? <Tag colour="grey">{eventText}</Tag> : eventText },
            { key: content.item.occurred, value: formatDateTime(item.occurredAt) },
            // A restricted item's routing reason names its event type (the server still sends it): not shown.
            item.restricted ? null : { key: content.item.why, value: item.reason },
            { key: content.item.action, value: ACTION_LABELS[item.action] ?? item.action },
            item.state === 'open'
              ? {
                  key: content.item.age,
                  value: (
                    <>
                      {formatAge(item.ageHours)}
                      {overdueHours > 0 ? (
                        <>
                          {' '}
                          <Tag colour="red">{content.item.overdueBy(formatAge(overdueHours))}</Tag>
                        </>
                      ) : item.escalateAt ? (
                        <>
                          <br />
                          <span className="nhsuk-body-s">{content.item.acknowledgeBy(formatDateTime(item.escalateAt))}</span>
                        </>
                      ) : null}
                    </>
                  ),
                }
              : null,
            item.acknowledgedAt ? { key: content.item.acknowledged, value: content.item.acknowledgedValue(formatDateTime(item.acknowledgedAt), item.acknowledgedBy) } : null,
            item.state === 'actioned' && item.outcome
              ? { key: content.item.outcome, value: content.item.outcomeValue(OUTCOME_LABELS[item.outcome] ?? item.outcome, formatDateTime(item.actionedAt), item.actionedBy) }
              : null,
          ]}
        />
        <p className="nhsuk-body-s">
          <Link href={`${childHref}/chronology`}>
            {content.item.chronology}
            <span className="nhsuk-u-visually-hidden"> {content.item.forChild(item.childName)}</span>
          </Link>
        </p>
        {item.state === 'open' ? (
          <Button variant="secondary" type="button" disabled={form.submitting} onClick={() => void onAcknowledge(item)} className="nhsuk-u-margin-bottom-0">
            {content.acknowledge.button}
            <span className="nhsuk-u-visually-hidden"> {content.acknowledge.hidden(itemLabel(item), item.childName)}</span>
          </Button>
        ) : null}
        {item.state === 'acknowledged' ? (
          <form
            noValidate
            onSubmit={(event) => {
              event.preventDefault();
              void onOutcome(item);
            }}
          >
            <Radios
              id={outcomeId}
              legend={
                <>
                  {content.outcomeForm.legend}
                  <span className="nhsuk-u-visually-hidden"> ({item.childName})</span>
                </>
              }
              small
              value={form.values[outcomeId] ?? ''}
              onChange={(v) => form.setValue(outcomeId, v)}
              error={form.errors.fields[outcomeId]}
              items={WORKLIST_OUTCOMES.map((outcome) => ({ value: outcome, label: OUTCOME_LABELS[outcome] ?? outcome }))}
            />
            <TextInput id={noteId} label={content.outcomeForm.note} hint={content.outcomeForm.noteHint} value={form.values[noteId] ?? ''} onChange={(v) => form.setValue(noteId, v)} error={form.errors.fields[noteId]} multiline rows={3} />
            <Button disabled={form.submitting} className="nhsuk-u-margin-bottom-0">
              {content.outcomeForm.submit}
              <span className="nhsuk-u-visually-hidden"> {content.item.forChild(item.childName)}</span>
            </Button>
          </form>
        ) : null}
      </div>
    </li>
  );
}
