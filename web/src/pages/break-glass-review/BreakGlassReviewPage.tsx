import { useState } from 'react';
import type { ReviewQueueItem } from '../../../../src/contracts/break-glass.js';
import { reviewBody } from '../../../../src/contracts/break-glass.js';
import { breakGlassApi } from '../../api/break-glass.js';
import { useLoad } from '../../api/useLoad.js';
import { LoadFailed, Loading, PageHeading, usePageTitle } from '../../app/page.js';
import { Link, useSearchParams } from '../../app/router.js';
import { Button, ErrorSummary, NotificationBanner, Radios, SummaryList, Tag, TextInput } from '../../components/index.js';
import { formatDateTime } from '../../lib/format.js';
import { submitForm, useForm } from '../../lib/forms.js';
import { ForbiddenPage } from '../not-found/NotFoundPage.js';
import { NOTIFICATIONS_CHANGED } from './NotificationCount.js';
import { content } from './page.content.js';

const statusColour = (status: string) => (status === 'active' ? 'orange' : status === 'awaiting_review' ? 'yellow' : status === 'escalated' ? 'red' : 'green');

/** The break-glass review queue (#5) for designated and named professionals. */
export function BreakGlassReviewPage() {
  const status = useSearchParams().get('status') === 'all' ? 'all' : 'open';
  const queue = useLoad(() => breakGlassApi.reviewQueue(status), [status]);
  const [closed, setClosed] = useState<string | null>(null);
  const [errorItems, setErrorItems] = useState<{ items: { fieldId?: string; text: string }[]; attempt: number }>({ items: [], attempt: 0 });
  usePageTitle(content.title, errorItems.items.length > 0);
  if (queue.status === 'loading') return <Loading />;
  if (queue.status === 'forbidden') return <ForbiddenPage />;
  if (queue.status !== 'ok') return <LoadFailed />;
  const items = queue.data.items;
  return (
    <>
      <ErrorSummary items={errorItems.items} focusKey={errorItems.attempt} />
      {closed ? (
        <NotificationBanner success title="Success" heading={closed} id="review-done-title" />
      ) : null}
      <PageHeading>{content.heading}</PageHeading>
      <p className="nhsuk-body">{content.intro}</p>
      <p className="nhsuk-body">
        {status === 'open' ? <Link href="/break-glass/review?status=all">{content.show.all}</Link> : <Link href="/break-glass/review">{content.show.open}</Link>}
      </p>
      {items.length === 0 ? <p className="nhsuk-body">{content.empty}</p> : null}
      {items.map((item) => (
        <ReviewItem
          key={item.id}
          item={item}
          onErrors={(list) => setErrorItems((current) => ({ items: list, attempt: current.attempt + 1 }))}
          onClosed={(message) => {
            setErrorItems({ items: [], attempt: 0 });
            setClosed(message);
            queue.reload();
            window.dispatchEvent(new Event(NOTIFICATIONS_CHANGED));
          }}
        />
      ))}
    </>
  );
}

function ReviewItem({ item, onClosed, onErrors }: { item: ReviewQueueItem; onClosed: (message: string) => void; onErrors: (items: { fieldId?: string; text: string }[]) => void }) {
  const form = useForm({});
  const outcomeId = `outcome-${item.id}`;
  const noteId = `note-${item.id}`;
  const open = item.review === null;
  const onSubmit = async () => {
    const outcome = form.values[outcomeId] ?? '';
    const note = (form.values[noteId] ?? '').trim();
    const sent = await submitForm({
      form: {
        setSubmitting: form.setSubmitting,
        setErrors: (errors) => {
          // Field ids on this page carry the grant id, so the summary links to the right form.
          const remap = (id: string | undefined) => (id === 'outcome' ? outcomeId : id === 'note' ? noteId : id);
          const fields = Object.fromEntries(Object.entries(errors.fields).map(([k, v]) => [remap(k) ?? k, v]));
          form.setErrors({ fields, items: errors.items.map((i) => ({ ...i, fieldId: remap(i.fieldId) })) });
          onErrors(errors.items.map((i) => ({ ...i, fieldId: remap(i.fieldId) })));
        },
      },
      schema: reviewBody,
      candidate: { outcome, ...(note ? { note } : {}) },
      fieldOrder: ['outcome', 'note'],
      extraFieldMessages: outcome ? {} : { outcome: content.form.outcome.required },
      send: (data) => breakGlassApi.review(item.id, data),
      failedMessage: content.form.failed,
    });
    if (sent) onClosed(content.form.done(item.child.name, outcome === 'justified' ? content.status.justified!.toLowerCase() : content.status.escalated!.toLowerCase()));
  };
  const rows = [
    ...(item.child.nhsNumber ? [{ key: content.item.nhsNumber, value: item.child.nhsNumber }] : []),
    { key: content.item.who, value: content.item.whoValue(item.user.name, item.roleLabel, item.organisation.name) },
    { key: content.item.reason, value: <><p className="nhsuk-body nhsuk-u-margin-bottom-1">{item.reasonLabel}</p><p className="nhsuk-body nhsuk-u-margin-bottom-0">{item.reasonText}</p></> },
    { key: content.item.when, value: content.item.whenValue(formatDateTime(item.grantedAt), formatDateTime(item.expiresAt)) },
    { key: content.item.status, value: <Tag colour={statusColour(item.status)}>{content.status[item.status] ?? item.status}</Tag> },
    {
      key: content.item.accessed,
      value:
        item.accessed.length === 0 ? (
          content.item.accessedNone
        ) : (
          <ul className="nhsuk-list">
            {item.accessed.map((a, i) => (
              <li key={i}>
                {formatDateTime(a.occurredAt)}: {content.actions[a.action] ?? a.action}
              </li>
            ))}
          </ul>
        ),
    },
    ...(item.review ? [{ key: content.item.review, value: content.item.reviewValue(content.status[item.review.outcome] ?? item.review.outcome, item.review.reviewedBy, formatDateTime(item.review.reviewedAt)) + (item.review.note ? `: ${item.review.note}` : '') }] : []),
  ];
  return (
    <section className="nhsuk-card" aria-labelledby={`grant-${item.id}`} data-testid="break-glass-use">
      <div className="nhsuk-card__content">
        <h2 className="nhsuk-card__heading nhsuk-heading-m" id={`grant-${item.id}`}>
          {content.item.heading(item.child.name)}
        </h2>
        <SummaryList rows={rows} />
        {open ? (
          <form
            noValidate
            onSubmit={(event) => {
              event.preventDefault();
              void onSubmit();
            }}
          >
            <Radios
              id={outcomeId}
              legend={content.form.outcome.legend}
              items={[
                { value: 'justified', label: content.form.outcome.justified },
                { value: 'escalated', label: content.form.outcome.escalated },
              ]}
              value={form.values[outcomeId] ?? ''}
              onChange={(v) => form.setValue(outcomeId, v)}
              error={form.errors.fields[outcomeId]}
            />
            <TextInput id={noteId} multiline rows={3} label={content.form.note.label} hint={content.form.note.hint} value={form.values[noteId] ?? ''} onChange={(v) => form.setValue(noteId, v)} error={form.errors.fields[noteId]} />
            <Button disabled={form.submitting}>
              {content.form.submit}
              <span className="nhsuk-u-visually-hidden"> for {item.child.name}</span>
            </Button>
          </form>
        ) : null}
      </div>
    </section>
  );
}

