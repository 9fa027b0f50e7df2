import { useEffect, useRef, useState } from 'react';
import { healthPlanBody } from '../../../../src/contracts/lac.js';
import { SMART_LETTERS, SMART_LETTER_NAMES, checkSmartPlan, type SmartLetter } from '../../../../src/domain/lac/health-plan.js';
import { ApiError, isInputError } from '../../api/client.js';
import { endpoints } from '../../api/endpoints.js';
import type { DraftPlan, PlanAction } from '../../api/lac-schemas.js';
import { useLoad } from '../../api/useLoad.js';
import { ChildFormFrame } from '../../app/ChildFormFrame.js';
import { Loading } from '../../app/page.js';
import { navigate, useSearchParams } from '../../app/router.js';
import { Button, ButtonGroup, ButtonLink, DateInput, NotificationBanner, Radios, Tag, TextInput } from '../../components/index.js';
import { PLAN_HISTORY_EVENT_LABELS, labelFor } from '../../content/labels.content.js';
import { formatDate, todayIso } from '../../lib/format.js';
import { buildErrors, datePartsOf, hasErrors, parseDateParts, useForm, type ErrorItem, type Form, type FormErrors, type FormValues } from '../../lib/forms.js';
import { content } from './page.content.js';

const TEXT_FIELDS = ['need', 'action', 'ownerName', 'ownerRole', 'measurableOutcome'] as const;
type TextField = (typeof TEXT_FIELDS)[number];

interface ActionDraft {
  /** Stable across re-renders: the previous action's id for a carried one, else `new-N`. */
  key: string;
  carriedFromActionId?: string;
  history: PlanAction['history'];
  need: string;
  action: string;
  ownerName: string;
  ownerRole: string;
  measurableOutcome: string;
  /** Due date parts, keyed `dueOn-day` / `dueOn-month` / `dueOn-year`. */
  due: FormValues;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const fieldId = (index: number, field: string) => `actions.${index}.${field}`;

function blankDraft(n: number): ActionDraft {
  return { key: `new-${n}`, history: [], need: '', action: '', ownerName: '', ownerRole: '', measurableOutcome: '', due: {} };
}

function draftsFrom(draft: DraftPlan): ActionDraft[] {
  const carried = draft.carriedForward.map((c) => ({
    key: c.carriedFromActionId,
    carriedFromActionId: c.carriedFromActionId,
    history: c.history,
    need: c.need,
    action: c.action,
    ownerName: c.ownerName,
    ownerRole: c.ownerRole,
    measurableOutcome: c.measurableOutcome,
    due: datePartsOf('dueOn', c.dueOn),
  }));
  return carried.length > 0 ? carried : [blankDraft(1)];
}

/** Field → every message (server or browser), and one summary item per message linking to its field. */
function smartErrors(fieldMessages: Record<string, readonly string[]>, order: readonly string[]): FormErrors {
  const fields: Record<string, string> = {};
  const items: ErrorItem[] = [];
  const known = new Set(order);
  const keys = [...order.filter((k) => fieldMessages[k]), ...Object.keys(fieldMessages).filter((k) => !known.has(k))];
  for (const key of keys) {
    const messages = fieldMessages[key] ?? [];
    if (known.has(key)) {
      fields[key] = messages.join(' ');
      for (const text of messages) items.push({ fieldId: key, text });
    } else for (const text of messages) items.push({ text });
  }
  return { fields, items };
}

/** The SMART letters an action failed, read from its field errors ("T — …"). */
function failedLetters(errors: FormErrors, index: number): Set<SmartLetter> {
  const failed = new Set<SmartLetter>();
  for (const item of errors.items) {
    if (!item.fieldId?.startsWith(`actions.${index}.`)) continue;
    const letter = item.text.charAt(0) as SmartLetter;
    if ((SMART_LETTERS as readonly string[]).includes(letter)) failed.add(letter);
  }
  return failed;
}

export function HealthPlanPage({ childId }: { childId: string }) {
  const params = useSearchParams();
  const rawAssessment = params.get('assessmentId') ?? '';
  const assessmentId = UUID.test(rawAssessment) ? rawAssessment : undefined;
  const justCompleted = params.get('completed') === '1';
  const form = useForm({});
  const draft = useLoad(() => endpoints.draftHealthPlan(childId), [childId]);
  const lacPath = `/children/${encodeURIComponent(childId)}/lac-health`;

  return (
    <ChildFormFrame
      childId={childId}
      title={content.title}
      heading={content.heading}
      back={content.back}
      backHref={lacPath}
      form={form}
      wide
      intro={
        <>
          {justCompleted ? (
            <NotificationBanner success title={content.completed.title} heading={content.completed.heading}>
              <p className="nhsuk-body">{content.completed.body}</p>
            </NotificationBanner>
          ) : null}
          <p className="nhsuk-body">{content.intro}</p>
        </>
      }
    >
      {draft.status === 'loading' ? <Loading /> : draft.status === 'ok' ? <PlanForm childId={childId} draft={draft.data} assessmentId={assessmentId} form={form} lacPath={lacPath} /> : <p className="nhsuk-body">{content.errors.failed}</p>}
    </ChildFormFrame>
  );
}

function PlanForm({ childId, draft, assessmentId, form, lacPath }: { childId: string; draft: DraftPlan; assessmentId: string | undefined; form: Form; lacPath: string }) {
  const [drafts, setDrafts] = useState<ActionDraft[]>(() => draftsFrom(draft));
  const [reviewed, setReviewed] = useState<Record<string, 'met' | 'unmet'>>({});
  const added = useRef(drafts.length);
  const { errors } = form;
  const reviewable = draft.previousActions.filter((a) => a.status === 'open' || a.status === 'unmet');
  const shown = drafts.filter((d) => !d.carriedFromActionId || reviewed[d.carriedFromActionId] !== 'met');
  const today = todayIso();

  const update = (key: string, patch: Partial<ActionDraft>) => setDrafts((current) => current.map((d) => (d.key === key ? { ...d, ...patch } : d)));

  // Reviewing changes which actions are shown (and so their numbers): old errors would point at the wrong ones.
  const { clearErrors } = form;
  useEffect(() => {
    clearErrors();
  }, [reviewed, clearErrors]);

  const order = shown.flatMap((_, i) => [...TEXT_FIELDS, 'dueOn'].map((f) => fieldId(i, f)));

  const onSubmit = async () => {
    const dueErrors: Record<string, string[]> = {};
    const actions = shown.map((d, i) => {
      const due = parseDateParts({ [`${fieldId(i, 'dueOn')}-day`]: d.due['dueOn-day'] ?? '', [`${fieldId(i, 'dueOn')}-month`]: d.due['dueOn-month'] ?? '', [`${fieldId(i, 'dueOn')}-year`]: d.due['dueOn-year'] ?? '' }, fieldId(i, 'dueOn'));
      if (due.kind === 'incomplete' || due.kind === 'invalid') dueErrors[fieldId(i, 'dueOn')] = [content.smart.invalidDate(content.smart.actionLabel(d.action))];
      return {
        carriedFromActionId: d.carriedFromActionId,
        need: d.need,
        action: d.action,
        ownerName: d.ownerName,
        ownerRole: d.ownerRole,
        measurableOutcome: d.measurableOutcome,
        dueOn: due.kind === 'date' ? due.value : '',
        invalidDue: due.kind === 'incomplete' || due.kind === 'invalid',
      };
    });
    // The same SMART check as the server, so the letters show before anything is sent.
    const check = checkSmartPlan({ actions: actions.map((a) => ({ ...a, dueOn: a.dueOn || null })), today });
    const messages: Record<string, string[]> = { ...dueErrors };
    check.actions.forEach((result, index) => {
      for (const failure of result.failures) {
        const key = fieldId(index, failure.field);
        // A date typed but not real has its own message; the check only saw "no date".
        if (failure.field === 'dueOn' && actions[index]!.invalidDue) continue;
        (messages[key] ??= []).push(`${failure.letter} — ${failure.message}`);
      }
    });
    if (actions.length === 0) messages.actions = [content.smart.needAction];
    if (Object.keys(messages).length > 0) {
      form.setErrors(smartErrors(messages, order));
      return;
    }
    const parsed = healthPlanBody.safeParse({
      assessmentId,
      actions: actions.map(({ invalidDue: _invalid, ...a }) => a),
      reviewedActions: Object.entries(reviewed).map(([id, status]) => ({ id, status })),
    });
    if (!parsed.success) {
      const schemaMessages: Record<string, string[]> = {};
      for (const issue of parsed.error.issues) (schemaMessages[issue.path.map(String).join('.') || 'form'] ??= []).push(issue.message);
      form.setErrors(smartErrors(schemaMessages, order));
      return;
    }
    form.setSubmitting(true);
    try {
      await endpoints.createHealthPlan(childId, parsed.data);
      navigate(lacPath);
    } catch (error) {
      if (isInputError(error)) form.setErrors(smartErrors(Object.keys(error.fieldErrors).length > 0 ? error.fieldErrors : { form: [error.message] }, order));
      else form.setErrors(buildErrors({}, order, [error instanceof ApiError ? error.message : content.errors.failed]));
    } finally {
      form.setSubmitting(false);
    }
  };

  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void onSubmit();
      }}
    >
      {reviewable.length > 0 ? (
        <section className="clasp-section" aria-labelledby="review-heading">
          <h2 className="nhsuk-heading-m" id="review-heading">
            {content.review.heading}
          </h2>
          <p className="nhsuk-body">{content.review.intro}</p>
          {reviewable.map((a) => (
            <Radios
              key={a.id}
              id={`reviewed.${a.id}`}
              legend={content.review.legend(a.action)}
              hint={content.review.hint(`${a.ownerName} (${a.ownerRole})`, a.dueOn ? formatDate(a.dueOn) : content.review.noDue)}
              inline
              value={reviewed[a.id] ?? ''}
              onChange={(v) => setReviewed((current) => ({ ...current, [a.id]: v as 'met' | 'unmet' }))}
              items={[
                { value: 'met', label: content.review.met },
                { value: 'unmet', label: content.review.unmet },
              ]}
            />
          ))}
        </section>
      ) : null}

      <section className="clasp-section" aria-labelledby="actions-heading">
        <h2 className="nhsuk-heading-m" id="actions-heading">
          {content.actions.heading}
        </h2>
        {shown.length === 0 ? <p className="nhsuk-body">{content.actions.none}</p> : null}
        {shown.map((d, i) => {
          const n = i + 1;
          const failed = failedLetters(errors, i);
          const hasError = failed.size > 0;
          const dueId = fieldId(i, 'dueOn');
          const headingId = `action-${d.key}-heading`;
          return (
            <div className={`clasp-plan-action${d.carriedFromActionId ? ' clasp-plan-action--carried' : ''}${hasError ? ' clasp-plan-action--error' : ''}`} role="group" aria-labelledby={headingId} key={d.key}>
              <h3 className="nhsuk-heading-s" id={headingId}>
                {content.actions.actionHeading(n)} {d.carriedFromActionId ? <Tag colour="purple">{content.actions.carried}</Tag> : null}
              </h3>
              {hasErrors(errors) ? (
                <ul className="clasp-smart" aria-label={content.smart.label(n)}>
                  {SMART_LETTERS.map((letter) => (
                    <li key={letter}>
                      <Tag colour={failed.has(letter) ? 'red' : 'green'}>{content.smart.letter(letter, SMART_LETTER_NAMES[letter], !failed.has(letter))}</Tag>
                    </li>
                  ))}
                </ul>
              ) : null}
              {d.history.length > 0 ? (
                <div className="clasp-history">
                  <h4 className="nhsuk-heading-xs nhsuk-u-margin-bottom-2">{content.actions.history}</h4>
                  <ul className="nhsuk-list nhsuk-list--bullet nhsuk-body-s">
                    {d.history.map((h, hi) => (
                      <li key={hi}>
                        {formatDate(h.on)}: {h.note ?? labelFor(PLAN_HISTORY_EVENT_LABELS, h.event)}
                      </li>
                    ))}
                  </ul>
                </div>
              ) : null}
              {TEXT_FIELDS.map((field: TextField) => (
                <TextInput
                  key={field}
                  id={fieldId(i, field)}
                  label={content.actions[field].label}
                  hint={content.actions[field].hint}
                  multiline={field === 'action' || field === 'measurableOutcome'}
                  rows={2}
                  value={d[field]}
                  onChange={(v) => update(d.key, { [field]: v })}
                  error={errors.fields[fieldId(i, field)]}
                />
              ))}
              <DateInput
                id={dueId}
                legend={content.actions.dueOn.legend}
                hint={content.actions.dueOn.hint}
                values={{ [`${dueId}-day`]: d.due['dueOn-day'] ?? '', [`${dueId}-month`]: d.due['dueOn-month'] ?? '', [`${dueId}-year`]: d.due['dueOn-year'] ?? '' }}
                onChange={(key, v) => update(d.key, { due: { ...d.due, [key.replace(`${dueId}-`, 'dueOn-')]: v } })}
                error={errors.fields[dueId]}
              />
              {!d.carriedFromActionId ? (
                <Button type="button" variant="secondary" small onClick={() => setDrafts((current) => current.filter((x) => x.key !== d.key))}>
                  {content.actions.remove(n)}
                </Button>
              ) : null}
            </div>
          );
        })}
        <Button
          type="button"
          variant="secondary"
          onClick={() => {
            added.current += 1;
            setDrafts((current) => [...current, blankDraft(added.current)]);
          }}
        >
          {content.actions.add}
        </Button>
      </section>

      <ButtonGroup>
        <Button disabled={form.submitting}>{content.submit}</Button>
        <ButtonLink href={lacPath} variant="secondary">
          {content.cancel}
        </ButtonLink>
      </ButtonGroup>
    </form>
  );
}
