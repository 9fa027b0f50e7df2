import { useState, type FormEvent } from 'react';
import type { z } from 'zod';
import type { shareDecisionResponse } from '../../../../src/contracts/consent.js';
import { ApiError, isInputError } from '../../api/client.js';
import { safeguardingEndpoints } from '../../api/safeguarding-endpoints.js';
import { childName, useChild } from '../../api/useChild.js';
import { useLoad } from '../../api/useLoad.js';
import { LoadFailed, Loading, PageHeading, usePageTitle } from '../../app/page.js';
import { can, useUser } from '../../app/session.js';
import { BackLink, Button, Checkbox, Checkboxes, ErrorSummary, NotificationBanner, Select, TextInput, WarningCallout } from '../../components/index.js';
import { formatDateTime } from '../../lib/format.js';
import { buildErrors, errorsFromApi, hasErrors, useForm } from '../../lib/forms.js';
import { ChildNotFound, ForbiddenPage } from '../not-found/NotFoundPage.js';
import { consentApi } from './consent-api.js';
import { content } from './page.content.js';

const FIELDS = ['eventIds', 'recipientTeamId', 'override', 'override.reason'] as const;
type Decision = z.output<typeof shareDecisionResponse>;

/**
 * Share entries with a service (#5). Sharing asks the server for the consent decision first and shows it;
 * when consent does not allow the share, only a role holding the safeguarding override (`share: override`)
 * is offered it, with a reason. The server decides again at the moment of sharing.
 */
export function SharePage({ childId }: { childId: string }) {
  const user = useUser();
  const child = useChild(childId);
  const entries = useLoad(() => safeguardingEndpoints.chronology(childId, { limit: 50 }), [childId]);
  const recipients = useLoad(() => consentApi.recipients(), []);
  const form = useForm({});
  const [eventIds, setEventIds] = useState<string[]>([]);
  const [decision, setDecision] = useState<Decision | null>(null);
  const [shared, setShared] = useState<string | null>(null);
  const name = child.status === 'ok' ? childName(child.child) : '';
  usePageTitle(child.status === 'ok' || child.status === 'loading' ? `${content.share.title}${name ? ` – ${name}` : ''}` : null, hasErrors(form.errors));
  if (child.status === 'loading' || entries.status === 'loading' || recipients.status === 'loading') return <Loading />;
  if (child.status === 'not-found' || entries.status === 'not-found' || recipients.status === 'not-found') return <ChildNotFound />;
  if (entries.status === 'forbidden' || recipients.status === 'forbidden') return <ForbiddenPage />;
  if (child.status === 'error' || entries.status === 'error' || recipients.status === 'error') return <LoadFailed />;
  const readable = entries.data.entries.filter((e) => e.restricted === null);
  const mayOverride = can(user, 'share', 'override');
  const overriding = mayOverride && form.values.override === 'true';

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setShared(null);
    const recipientTeamId = form.values.recipientTeamId ?? '';
    const missing: Record<string, string> = {};
    if (eventIds.length === 0) missing.eventIds = content.share.eventIds.required;
    if (!recipientTeamId) missing.recipientTeamId = content.share.recipientTeamId.required;
    if (overriding && !(form.values['override.reason'] ?? '').trim()) missing['override.reason'] = content.share.override.reason.required;
    if (Object.keys(missing).length > 0) return form.setErrors(buildErrors(missing, FIELDS));
    form.setSubmitting(true);
    try {
      if (!overriding) {
        const now = await consentApi.decision(childId, { eventIds, recipientTeamId });
        setDecision(now);
        if (!now.allowed) {
          form.clearErrors();
          return;
        }
      }
      const { share } = await consentApi.share(childId, { eventIds, recipientTeamId, purpose: 'share_with_service', ...(overriding ? { override: { reason: form.values['override.reason'] ?? '' } } : {}) });
      form.clearErrors();
      setDecision(null);
      setEventIds([]);
      form.setValues({});
      setShared(content.share.shared(share.recipient.teamName, share.basis === 'consent' ? 'with consent' : 'safeguarding override'));
    } catch (error) {
      if (error instanceof ApiError && error.code === 'consent.required') {
        setDecision(await consentApi.decision(childId, { eventIds, recipientTeamId }));
        form.clearErrors();
      } else form.setErrors(isInputError(error) ? errorsFromApi(error, FIELDS) : buildErrors({}, FIELDS, [content.share.failed]));
    } finally {
      form.setSubmitting(false);
    }
  };

  return (
    <>
      <BackLink href={`/children/${encodeURIComponent(childId)}/consents`} text={content.share.back} />
      {shared ? <NotificationBanner success title={content.success} heading={shared} /> : null}
      <ErrorSummary items={form.errors.items} focusKey={form.attempt} />
      <PageHeading caption={name}>{content.share.heading}</PageHeading>
      <p className="nhsuk-body">{content.share.intro}</p>
      <form noValidate onSubmit={(event) => void onSubmit(event)}>
        {readable.length === 0 ? (
          <p className="nhsuk-body">{content.share.eventIds.none}</p>
        ) : (
          <Checkboxes
            id="eventIds"
            legend={content.share.eventIds.legend}
            hint={content.share.eventIds.hint}
            items={readable.map((e) => ({ value: e.id, label: `${formatDateTime(e.occurredAt)} — ${e.typeLabel ?? ''}: ${e.summary ?? ''}` }))}
            values={eventIds}
            onChange={(values) => {
              setEventIds(values);
              setDecision(null);
            }}
            error={form.errors.fields.eventIds}
            small
          />
        )}
        <Select
          id="recipientTeamId"
          label={content.share.recipientTeamId.label}
          emptyOption={content.share.recipientTeamId.empty}
          options={recipients.data.teams.map((t) => ({ value: t.id, label: `${t.name} — ${t.kindLabel}, ${t.organisationName}` }))}
          value={form.values.recipientTeamId ?? ''}
          onChange={(v) => {
            form.setValue('recipientTeamId', v);
            setDecision(null);
          }}
          error={form.errors.fields.recipientTeamId}
        />
        {decision && !decision.allowed ? (
          <WarningCallout heading={content.share.refused[decision.reason ?? 'none'] ?? content.share.refused.none}>
            <p>{content.share.missing(decision.missing.map((m) => m.label).join(', '))}</p>
            {mayOverride ? (
              <>
                <p>{content.share.override.body}</p>
                <Checkbox id="override" label={content.share.override.confirm} checked={form.values.override === 'true'} onChange={(checked) => form.setValue('override', checked ? 'true' : '')} />
                {overriding ? <TextInput id="override.reason" multiline rows={3} label={content.share.override.reason.label} value={form.values['override.reason'] ?? ''} onChange={(v) => form.setValue('override.reason', v)} error={form.errors.fields['override.reason']} /> : null}
              </>
            ) : (
              <p>{content.share.noOverride}</p>
            )}
          </WarningCallout>
        ) : null}
        {decision?.allowed ? <p className="nhsuk-body">{content.share.allowed}</p> : null}
        <Button disabled={form.submitting}>{content.share.submit}</Button>
      </form>
    </>
  );
}
