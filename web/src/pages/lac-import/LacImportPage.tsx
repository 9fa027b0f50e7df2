import { useState } from 'react';
import { ApiError } from '../../api/client.js';
import { endpoints } from '../../api/endpoints.js';
import type { HealthActivityImportSummary, Ssda903ImportSummary } from '../../api/lac-schemas.js';
import { PageHeading, usePageTitle } from '../../app/page.js';
import { Button, ErrorSummary, FileInput, NotificationBanner, Table } from '../../components/index.js';
import { buildErrors, hasErrors, useForm, type FormErrors } from '../../lib/forms.js';
import { LacNav } from '../lac-shared/LacNav.js';
import { lacContent } from '../lac-shared/lac.content.js';
import { content } from './page.content.js';

const SSDA903_FILES = ['header.csv', 'episodes.csv', 'reviews.csv', 'missing.csv', 'oc2.csv'] as const;
const REQUIRED = ['header.csv', 'episodes.csv'] as const;
const FIELDS = ['ssda903Files', 'healthActivityFile'] as const;

/** The server refused the files: its message against the field, then every error line as it sent them. */
function importErrors(error: unknown, fieldId: (typeof FIELDS)[number]): FormErrors {
  if (error instanceof ApiError && error.status === 413) return buildErrors({ [fieldId]: content.tooLarge }, FIELDS);
  if (error instanceof ApiError && [400, 403, 409, 422].includes(error.status)) {
    const lines = [...error.formErrors, ...Object.entries(error.fieldErrors).flatMap(([key, messages]) => messages.map((m) => `${key}: ${m}`))];
    return { fields: { [fieldId]: error.message }, items: [{ fieldId, text: error.message }, ...lines.map((text) => ({ text }))] };
  }
  return buildErrors({}, FIELDS, [content.errors.failed]);
}

async function readAll(files: readonly File[]): Promise<{ ok: true; texts: Record<string, string> } | { ok: false; name: string }> {
  const texts: Record<string, string> = {};
  for (const file of files) {
    try {
      texts[file.name.toLowerCase()] = await file.text();
    } catch {
      return { ok: false, name: file.name };
    }
  }
  return { ok: true, texts };
}

export function LacImportPage() {
  const form = useForm({});
  const [ssdaFiles, setSsdaFiles] = useState<File[]>([]);
  const [activityFile, setActivityFile] = useState<File | null>(null);
  const [ssdaResult, setSsdaResult] = useState<Ssda903ImportSummary | null>(null);
  const [activityResult, setActivityResult] = useState<HealthActivityImportSummary | null>(null);
  usePageTitle(content.title, hasErrors(form.errors));

  const onSsda903 = async () => {
    setSsdaResult(null);
    setActivityResult(null);
    const names = ssdaFiles.map((f) => f.name.toLowerCase());
    const problems: string[] = [];
    if (names.length === 0) problems.push(content.ssda903.none);
    for (const name of names) {
      if (!(SSDA903_FILES as readonly string[]).includes(name)) problems.push(content.ssda903.unknown(name));
      else if (names.indexOf(name) !== names.lastIndexOf(name) && !problems.includes(content.ssda903.duplicate(name))) problems.push(content.ssda903.duplicate(name));
    }
    if (names.length > 0) for (const name of REQUIRED) if (!names.includes(name)) problems.push(content.ssda903.missing(name));
    if (problems.length > 0) {
      form.setErrors({ fields: { ssda903Files: problems[0]! }, items: problems.map((text) => ({ fieldId: 'ssda903Files', text })) });
      return;
    }
    form.setSubmitting(true);
    try {
      const read = await readAll(ssdaFiles);
      if (!read.ok) {
        form.setErrors(buildErrors({ ssda903Files: content.errors.unreadable(read.name) }, FIELDS));
        return;
      }
      const summary = await endpoints.importSsda903(read.texts);
      form.clearErrors();
      setSsdaResult(summary);
    } catch (error) {
      form.setErrors(importErrors(error, 'ssda903Files'));
    } finally {
      form.setSubmitting(false);
    }
  };

  const onActivity = async () => {
    setSsdaResult(null);
    setActivityResult(null);
    if (!activityFile) {
      form.setErrors(buildErrors({ healthActivityFile: content.activity.none }, FIELDS));
      return;
    }
    form.setSubmitting(true);
    try {
      const read = await readAll([activityFile]);
      if (!read.ok) {
        form.setErrors(buildErrors({ healthActivityFile: content.errors.unreadable(read.name) }, FIELDS));
        return;
      }
      const summary = await endpoints.importHealthActivity({ fileName: activityFile.name, text: Object.values(read.texts)[0] ?? '' });
      form.clearErrors();
      setActivityResult(summary);
    } catch (error) {
      form.setErrors(importErrors(error, 'healthActivityFile'));
    } finally {
      form.setSubmitting(false);
    }
  };

  const s = content.ssda903;
  return (
    <>
      <ErrorSummary items={form.errors.items} focusKey={form.attempt} />
      <PageHeading caption={lacContent.caption}>{content.heading}</PageHeading>
      <LacNav />
      <p className="nhsuk-body">{content.intro}</p>

      {ssdaResult ? (
        <NotificationBanner success title={content.success} heading={s.done}>
          <Table
            caption={s.summaryCaption}
            captionSize="s"
            firstCellIsHeader
            head={[s.columns.what, s.columns.created, s.columns.updated, s.columns.unchanged, s.columns.deleted]}
            columnClasses={[undefined, 'numeric', 'numeric', 'numeric', 'numeric']}
            rows={(['children', 'episodes', 'reviews', 'missing'] as const).map((key) => {
              const counts = ssdaResult[key];
              return { key, cells: [s.rows[key], String(counts.created), String(counts.updated), String(counts.unchanged), 'deleted' in counts ? String(counts.deleted) : '–'] };
            })}
          />
          <p className="nhsuk-body">{s.oc2(ssdaResult.oc2.rows, ssdaResult.oc2.stored)}</p>
          {ssdaResult.children.created > 0 ? <p className="nhsuk-body">{s.newChildren}</p> : null}
        </NotificationBanner>
      ) : null}
      {activityResult ? (
        <NotificationBanner success title={content.success} heading={content.activity.done}>
          <p className="nhsuk-body">{content.activity.summary(activityResult.rows, activityResult.created, activityResult.unchanged, activityResult.children)}</p>
        </NotificationBanner>
      ) : null}

      <section className="clasp-section" aria-labelledby="ssda903-heading">
        <h2 className="nhsuk-heading-m" id="ssda903-heading">
          {s.heading}
        </h2>
        <p className="nhsuk-body">{s.intro}</p>
        <form
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            void onSsda903();
          }}
        >
          <FileInput id="ssda903Files" label={s.label} hint={s.hint} multiple accept=".csv,text/csv" onChange={setSsdaFiles} error={form.errors.fields.ssda903Files} />
          <Button disabled={form.submitting}>{s.submit}</Button>
        </form>
      </section>

      <section className="clasp-section" aria-labelledby="activity-heading">
        <h2 className="nhsuk-heading-m" id="activity-heading">
          {content.activity.heading}
        </h2>
        <p className="nhsuk-body">{content.activity.intro}</p>
        <form
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            void onActivity();
          }}
        >
          <FileInput
            id="healthActivityFile"
            label={content.activity.label}
            hint={content.activity.hint}
            accept=".csv,text/csv"
            onChange={(files) => setActivityFile(files[0] ?? null)}
            error={form.errors.fields.healthActivityFile}
          />
          <Button disabled={form.submitting}>{content.activity.submit}</Button>
        </form>
      </section>
    </>
  );
}
