import type { ReactNode } from 'react';
import { ErrorMessage, Hint, cx, describedBy } from './fieldParts.js';

export interface FileInputProps {
  id: string;
  label: ReactNode;
  onChange: (files: File[]) => void;
  hint?: ReactNode;
  error?: string;
  multiple?: boolean;
  accept?: string;
  labelSize?: 's' | 'm' | 'l';
}

/** NHS.UK file upload (the native input: no drop zone script). Files are read in the browser. */
export function FileInput({ id, label, onChange, hint, error, multiple, accept, labelSize }: FileInputProps) {
  return (
    <div className={cx('nhsuk-form-group', error && 'nhsuk-form-group--error')}>
      <label className={cx('nhsuk-label', labelSize && `nhsuk-label--${labelSize}`)} htmlFor={id}>
        {label}
      </label>
      <Hint id={id}>{hint}</Hint>
      <ErrorMessage id={id} error={error} />
      <input
        className={cx('nhsuk-file-upload__input', error && 'nhsuk-file-upload__input--error')}
        id={id}
        name={id}
        type="file"
        multiple={multiple}
        accept={accept}
        aria-describedby={describedBy(id, hint, error)}
        onChange={(event) => onChange(Array.from(event.target.files ?? []))}
      />
    </div>
  );
}
