import { compareIsoDates, isIsoDate, type IsoDate } from '../calendar/iso-date.js';

/**
 * Versioned form definitions as DATA, their show/hide conditions, and answer validation. The same code
 * runs in the browser and on the server.
 * Source: shared/style.md "Primero … Forms, roles and workflow stages are configuration (versioned
 * data), not code" and "Form conditions and answer validation run through the same domain/forms code in
 * the browser and on the server"; issue #4 "Assessments. The IHA/RHA as versioned forms (data, not code)".
 */

export const FIELD_TYPES = ['text', 'textarea', 'radios', 'checkboxes', 'date', 'yesNo'] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

export type FieldOption = { readonly value: string; readonly label: string };

/**
 * A show/hide condition, as data.
 * - `equals`: the (visible) answer to `field` is `value` (for checkboxes: exactly that one value);
 * - `includes`: the (visible) checkbox answer to `field` includes `value`;
 * - `ageAtLeast` / `ageBelow`: the child's age in completed years (from the context);
 * - `all` / `any`: combinations.
 */
export type Condition =
  | { readonly equals: { readonly field: string; readonly value: string } }
  | { readonly includes: { readonly field: string; readonly value: string } }
  | { readonly ageAtLeast: number }
  | { readonly ageBelow: number }
  | { readonly all: readonly Condition[] }
  | { readonly any: readonly Condition[] };

type FieldBase = {
  readonly id: string;
  readonly label: string;
  readonly hint?: string;
  readonly required: boolean;
  /** Shown only when this holds; a hidden field is never required and its answer is ignored. */
  readonly showWhen?: Condition;
  /** Error when a required field is empty (NHS.UK style: "Enter …", "Select …"). */
  readonly requiredMessage?: string;
};

export type TextField = FieldBase & { readonly type: 'text' | 'textarea'; readonly maxLength?: number };
export type ChoiceField = FieldBase & { readonly type: 'radios' | 'checkboxes'; readonly options: readonly FieldOption[] };
export type DateField = FieldBase & { readonly type: 'date'; readonly notInFuture?: boolean };
export type YesNoField = FieldBase & { readonly type: 'yesNo' };
export type FormField = TextField | ChoiceField | DateField | YesNoField;

export type FormSection = {
  readonly id: string;
  readonly title: string;
  readonly showWhen?: Condition;
  readonly fields: readonly FormField[];
};

export type FormDefinition = {
  readonly id: string;
  readonly version: number;
  readonly title: string;
  /** Where the form's content comes from; shown to auditors. */
  readonly source: string;
  readonly effectiveFrom: IsoDate;
  readonly sections: readonly FormSection[];
};

/** yesNo answers are stored as these strings. */
export const YES_NO_OPTIONS: readonly FieldOption[] = [
  { value: 'yes', label: 'Yes' },
  { value: 'no', label: 'No' },
];

export type AnswerValue = string | readonly string[] | null | undefined;
export type Answers = Readonly<Record<string, AnswerValue>>;

export type FormContext = {
  /** Child's age in completed years on the assessment date; null when unknown. */
  readonly ageYears: number | null;
  /** For `notInFuture` date checks; without it those checks are skipped. */
  readonly today?: IsoDate;
};

function isEmpty(value: AnswerValue): boolean {
  if (value === undefined || value === null) return true;
  if (typeof value === 'string') return value.trim() === '';
  return value.length === 0;
}

/** All fields of a form with the section they sit in, in order. */
export function formFields(form: FormDefinition): { field: FormField; section: FormSection }[] {
  return form.sections.flatMap((section) => section.fields.map((field) => ({ field, section })));
}

/**
 * Evaluates a condition. `answers` should be the VISIBLE answers (see `visibleFieldIds`), so a
 * condition on a hidden field is false. An age condition with an unknown age is TRUE — when we do not
 * know the age we show the question (for example the sexual health and CSE questions) rather than risk
 * hiding it.
 */
export function evaluateCondition({ condition, answers, context }: { condition: Condition; answers: Answers; context: FormContext }): boolean {
  if ('equals' in condition) {
    const value = answers[condition.equals.field];
    if (Array.isArray(value)) return value.length === 1 && value[0] === condition.equals.value;
    return value === condition.equals.value;
  }
  if ('includes' in condition) {
    const value = answers[condition.includes.field];
    return Array.isArray(value) ? value.includes(condition.includes.value) : value === condition.includes.value;
  }
  if ('ageAtLeast' in condition) return context.ageYears === null || context.ageYears >= condition.ageAtLeast;
  if ('ageBelow' in condition) return context.ageYears === null || context.ageYears < condition.ageBelow;
  if ('all' in condition) return condition.all.every((c) => evaluateCondition({ condition: c, answers, context }));
  return condition.any.some((c) => evaluateCondition({ condition: c, answers, context }));
}

function referencedFields(condition: Condition): string[] {
  if ('equals' in condition) return [condition.equals.field];
  if ('includes' in condition) return [condition.includes.field];
  if ('all' in condition) return condition.all.flatMap(referencedFields);
  if ('any' in condition) return condition.any.flatMap(referencedFields);
  return [];
}

/**
 * The ids of the fields shown for these answers. A field is shown when its section's and its own
 * conditions hold, evaluated over the answers of fields that are themselves shown (so hiding a question
 * also hides the questions that depend on it). Throws on a condition cycle (a broken definition).
 */
export function visibleFieldIds({ form, answers, context }: { form: FormDefinition; answers: Answers; context: FormContext }): Set<string> {
  const entries = new Map(formFields(form).map((entry) => [entry.field.id, entry]));
  const memo = new Map<string, boolean>();
  const visiting = new Set<string>();

  const visibleAnswersFor = (condition: Condition): Answers => {
    const view: Record<string, AnswerValue> = {};
    for (const id of referencedFields(condition)) view[id] = isVisible(id) ? answers[id] : undefined;
    return view;
  };

  function isVisible(id: string): boolean {
    const known = memo.get(id);
    if (known !== undefined) return known;
    const entry = entries.get(id);
    if (entry === undefined) return false;
    if (visiting.has(id)) throw new Error(`Form ${form.id} v${form.version}: condition cycle at field ${id}`);
    visiting.add(id);
    const conditions = [entry.section.showWhen, entry.field.showWhen].filter((c): c is Condition => c !== undefined);
    const visible = conditions.every((condition) => evaluateCondition({ condition, answers: visibleAnswersFor(condition), context }));
    visiting.delete(id);
    memo.set(id, visible);
    return visible;
  }

  return new Set([...entries.keys()].filter(isVisible));
}

/** The answers to shown fields only — what the server should store. */
export function pruneHiddenAnswers({ form, answers, context }: { form: FormDefinition; answers: Answers; context: FormContext }): Record<string, AnswerValue> {
  const visible = visibleFieldIds({ form, answers, context });
  return Object.fromEntries(Object.entries(answers).filter(([id]) => visible.has(id)));
}

function defaultRequiredMessage(field: FormField): string {
  switch (field.type) {
    case 'radios':
    case 'yesNo':
      return 'Select an answer';
    case 'checkboxes':
      return 'Select at least one option';
    case 'date':
      return 'Enter a date';
    default:
      return 'Enter an answer';
  }
}

function optionsOf(field: ChoiceField | YesNoField): readonly FieldOption[] {
  return field.type === 'yesNo' ? YES_NO_OPTIONS : field.options;
}

function fieldValueErrors({ field, value, context }: { field: FormField; value: AnswerValue; context: FormContext }): string[] {
  switch (field.type) {
    case 'text':
    case 'textarea': {
      if (typeof value !== 'string') return ['Enter text'];
      if (field.maxLength !== undefined && value.length > field.maxLength) return [`Answer must be ${field.maxLength} characters or fewer`];
      return [];
    }
    case 'radios':
    case 'yesNo': {
      if (typeof value !== 'string') return ['Select one option'];
      return optionsOf(field).some((o) => o.value === value) ? [] : ['Select one of the options'];
    }
    case 'checkboxes': {
      if (!Array.isArray(value)) return ['Select options from the list'];
      const allowed = new Set(field.options.map((o) => o.value));
      const errors: string[] = [];
      if (value.some((v) => typeof v !== 'string' || !allowed.has(v))) errors.push('Select only options from the list');
      if (new Set(value).size !== value.length) errors.push('Select each option once');
      return errors;
    }
    case 'date': {
      if (typeof value !== 'string' || !isIsoDate(value)) return ['Date must be a real date'];
      if (field.notInFuture === true && context.today !== undefined && compareIsoDates(value, context.today) > 0) {
        return ['Date must be today or in the past'];
      }
      return [];
    }
  }
}

export type ValidationResult = { readonly valid: boolean; readonly fieldErrors: Readonly<Record<string, readonly string[]>> };

/**
 * Validates answers against a form: every SHOWN required field has an answer; radios, yes/no and
 * checkbox answers are among the options; dates are real calendar dates (and not in the future where
 * the field says so and `context.today` is given); text within `maxLength`. Hidden fields are never
 * required and their answers are not checked. A non-empty answer to a field the form does not have is an error
 * ("This question is not on the form"), so a stale or mistyped key cannot be stored silently.
 * Source: shared/style.md "Form conditions and answer validation run through the same domain/forms
 * code in the browser and on the server"; NHS.UK error message style ("Enter …", "Select …").
 */
export function validateAnswers({ form, answers, context }: { form: FormDefinition; answers: Answers; context: FormContext }): ValidationResult {
  const fieldErrors: Record<string, string[]> = {};
  const visible = visibleFieldIds({ form, answers, context });
  const known = new Set<string>();
  for (const { field } of formFields(form)) {
    known.add(field.id);
    if (!visible.has(field.id)) continue;
    const value = answers[field.id];
    if (isEmpty(value)) {
      if (field.required) fieldErrors[field.id] = [field.requiredMessage ?? defaultRequiredMessage(field)];
      continue;
    }
    const errors = fieldValueErrors({ field, value, context });
    if (errors.length > 0) fieldErrors[field.id] = errors;
  }
  for (const [id, value] of Object.entries(answers)) {
    if (!known.has(id) && !isEmpty(value)) fieldErrors[id] = ['This question is not on the form'];
  }
  return { valid: Object.keys(fieldErrors).length === 0, fieldErrors };
}

/**
 * Problems in a form DEFINITION (not in answers): duplicate field or section ids, choice fields without
 * options or with duplicate option values, conditions that refer to unknown fields or to a later field
 * that cannot be answered first, and condition cycles. Used by the registry test so every shipped
 * version is sound.
 */
export function checkFormDefinition(form: FormDefinition): string[] {
  const problems: string[] = [];
  const seenSections = new Set<string>();
  for (const section of form.sections) {
    if (seenSections.has(section.id)) problems.push(`duplicate section id ${section.id}`);
    seenSections.add(section.id);
  }
  const order = new Map<string, number>();
  formFields(form).forEach(({ field }, index) => {
    if (order.has(field.id)) problems.push(`duplicate field id ${field.id}`);
    order.set(field.id, index);
    if (field.type === 'radios' || field.type === 'checkboxes') {
      if (field.options.length === 0) problems.push(`${field.id} has no options`);
      const values = field.options.map((o) => o.value);
      if (new Set(values).size !== values.length) problems.push(`${field.id} has duplicate option values`);
    }
  });
  formFields(form).forEach(({ field, section }, index) => {
    for (const condition of [section.showWhen, field.showWhen]) {
      if (condition === undefined) continue;
      for (const ref of referencedFields(condition)) {
        const at = order.get(ref);
        if (at === undefined) problems.push(`${field.id} depends on unknown field ${ref}`);
        else if (at >= index) problems.push(`${field.id} depends on ${ref}, which comes later`);
      }
    }
  });
  return problems;
}
