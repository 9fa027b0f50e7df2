/**
 * One problem found in an import file, located by file, line and column so the person who produced
 * the file can find and fix it. Pure data; shared by the SSDA903 and health-activity imports.
 */
export interface ImportError {
  /** The file name as supplied, e.g. `episodes.csv`. */
  readonly file: string;
  /** 1-based line the record starts on (1 is the header row). */
  readonly line: number;
  /** 1-based column (field) number; for a missing column, the position after the last column. */
  readonly column: number;
  /** The DfE validation rule number where there is one (e.g. `357`), else a short id (e.g. `date_in_future`). */
  readonly rule: string;
  /** Plain-English description of the problem, without the location. */
  readonly message: string;
  /** The LA child id of the record, where known. */
  readonly child?: string;
}

/** `episodes.csv:14:3 (rule 357): the first episode for child 1234 must …` */
export function formatImportError(error: ImportError): string {
  return `${error.file}:${error.line}:${error.column} (rule ${error.rule}): ${error.message}`;
}

/** Orders errors by file (in the given order), then line, then column. */
export function sortImportErrors(errors: readonly ImportError[], fileOrder: readonly string[]): ImportError[] {
  const rank = (file: string) => {
    const index = fileOrder.indexOf(file);
    return index === -1 ? fileOrder.length : index;
  };
  return [...errors].sort((a, b) => rank(a.file) - rank(b.file) || a.line - b.line || a.column - b.column || (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0));
}
