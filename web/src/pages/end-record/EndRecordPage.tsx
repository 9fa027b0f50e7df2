import { endEpisodeBody } from '../../../../src/contracts/children.js';
import { endpoints } from '../../api/endpoints.js';
import { childName, useChild } from '../../api/useChild.js';
import { LoadFailed, Loading, PageHeading, usePageTitle } from '../../app/page.js';
import { Link, navigate } from '../../app/router.js';
import { BackLink, Button, ButtonGroup, ButtonLink, DateInput, ErrorSummary, SummaryList } from '../../components/index.js';
import { STATUS_KIND_LABELS, labelFor } from '../../content/labels.content.js';
import { formatDate, formatDateTime } from '../../lib/format.js';
import { collectDates, hasErrors, submitForm, useForm } from '../../lib/forms.js';
import { ChildNotFound } from '../not-found/NotFoundPage.js';
import { content } from './page.content.js';

const FIELDS = ['endedOn'] as const;

/** End a status episode or a manual alert: `PATCH … {endedOn}`. */
export function EndRecordPage({ kind, childId, recordId }: { kind: 'episode' | 'flag'; childId: string; recordId: string }) {
  const state = useChild(childId);
  const form = useForm({});
  const copy = content[kind];
  const childPath = `/children/${encodeURIComponent(childId)}`;
  usePageTitle(state.status === 'ok' || state.status === 'loading' ? copy.title : null, hasErrors(form.errors));

  if (state.status === 'loading') return <Loading />;
  if (state.status === 'not-found') return <ChildNotFound />;
  if (state.status === 'error') return <LoadFailed />;

  const { child } = state;
  const episode = kind === 'episode' ? child.episodes.find((e) => e.id === recordId && e.endedOn === null) : undefined;
  const alert = kind === 'flag' ? child.manualFlags.find((f) => f.id === recordId && f.endedOn === null) : undefined;
  const label = episode ? labelFor(STATUS_KIND_LABELS, episode.kind) : (alert?.label ?? '');

  const onSubmit = async () => {
    const { dates, errors } = collectDates(form.values, { endedOn: content.endedOn });
    const sent = await submitForm({
      form,
      schema: endEpisodeBody,
      candidate: { endedOn: dates.endedOn },
      fieldOrder: FIELDS,
      extraFieldMessages: errors,
      send: async (data) => {
        if (kind === 'episode') await endpoints.endStatusEpisode(childId, recordId, data);
        else await endpoints.endFlag(childId, recordId, data);
      },
      failedMessage: copy.failed,
    });
    if (sent) navigate(childPath);
  };

  return (
    <>
      <BackLink href={childPath} text={content.back} />
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-two-thirds">
          <ErrorSummary items={form.errors.items} focusKey={form.attempt} />
          {!episode && !alert ? (
            <>
              <PageHeading caption={childName(child)}>{copy.title}</PageHeading>
              <p className="nhsuk-body">{content.notFound}</p>
              <p className="nhsuk-body">
                <Link href={childPath}>{content.back}</Link>
              </p>
            </>
          ) : (
            <>
              <PageHeading caption={childName(child)}>{copy.heading(label)}</PageHeading>
              <SummaryList
                rows={
                  episode
                    ? [
                        { key: content.started, value: formatDate(episode.startedOn) },
                        { key: content.source, value: episode.source },
                      ]
                    : alert
                      ? [
                          { key: content.recorded, value: `${formatDateTime(alert.recordedAt)} (${alert.recordedBy})` },
                          { key: content.source, value: alert.source },
                        ]
                      : []
                }
              />
              <form
                noValidate
                onSubmit={(event) => {
                  event.preventDefault();
                  void onSubmit();
                }}
              >
                <DateInput id="endedOn" legend={content.endedOn.legend} hint={content.endedOn.hint} values={form.values} onChange={form.setValue} error={form.errors.fields.endedOn} />
                <ButtonGroup>
                  <Button variant="warning" disabled={form.submitting}>
                    {copy.submit}
                  </Button>
                  <ButtonLink href={childPath} variant="secondary">
                    {content.cancel}
                  </ButtonLink>
                </ButtonGroup>
              </form>
            </>
          )}
        </div>
      </div>
    </>
  );
}
