// Errors that carry their meaning to every surface: the CLI maps them to exit codes,
// the HTTP API to RFC 9457 problem+json responses.

/** One problem in the user's input, pinned to where it is. */
export interface InputIssue {
  file?: string;
  row?: number;
  column?: string;
  value?: unknown;
  /** In English, for logs, the CLI and rejects files. */
  reason: string;
  /** A stable code for the reason (see issue-messages.ts): the API renders it in the reader's language. */
  code?: IssueCode;
  params?: Record<string, string | number>;
}

export type IssueCode =
  | 'not_text' | 'not_uuid' | 'not_integer' | 'not_finite' | 'not_number' | 'not_boolean' | 'not_date' | 'invalid_date' | 'bad_date'
  | 'bad_json' | 'not_json' | 'not_tags' | 'not_one_of' | 'required' | 'field_count' | 'not_utf8' | 'truncated_utf8'
  | 'unbalanced_quotes' | 'bad_jsonl' | 'not_object' | 'attributes_object' | 'no_match' | 'ambiguous' | 'duplicate_column';

export const ExitCode = {
  ok: 0,
  failure: 1,
  usage: 2,
  badInput: 3,
  notFound: 4,
  unavailable: 5,
} as const;

export class AppError extends Error {
  readonly status: number = 500;
  readonly exitCode: number = ExitCode.failure;
  readonly type: string = 'about:blank';
}

/** The user's data or arguments are wrong; nothing was written. */
export class InputError extends AppError {
  override readonly status = 400;
  override readonly exitCode = ExitCode.badInput;
  override readonly type = 'https://salesbloom.dev/problems/invalid-input';
  constructor(message: string, readonly issues: InputIssue[] = []) {
    super(message);
    this.name = 'InputError';
  }
}

export class NotFoundError extends AppError {
  override readonly status = 404;
  override readonly exitCode = ExitCode.notFound;
  override readonly type = 'https://salesbloom.dev/problems/not-found';
  constructor(message = 'Not found') {
    super(message);
    this.name = 'NotFoundError';
  }
}

export class ConflictError extends AppError {
  override readonly status = 409;
  override readonly type = 'https://salesbloom.dev/problems/conflict';
  constructor(message: string) {
    super(message);
    this.name = 'ConflictError';
  }
}

export class AuthError extends AppError {
  override readonly status = 401;
  override readonly type = 'https://salesbloom.dev/problems/unauthenticated';
  constructor(message = 'Authentication required') {
    super(message);
    this.name = 'AuthError';
  }
}

export class ForbiddenError extends AppError {
  override readonly status = 403;
  override readonly type = 'https://salesbloom.dev/problems/forbidden';
  constructor(message = 'Not allowed') {
    super(message);
    this.name = 'ForbiddenError';
  }
}

/** A dependency (database, model server) cannot be reached or is misconfigured. */
export class UnavailableError extends AppError {
  override readonly status = 503;
  override readonly exitCode = ExitCode.unavailable;
  override readonly type = 'https://salesbloom.dev/problems/unavailable';
  constructor(message: string) {
    super(message);
    this.name = 'UnavailableError';
  }
}

/** Formats issues one per line, e.g. `leads.csv row 12, column amount: "abc" is not a number`. */
export function formatIssue(issue: InputIssue): string {
  const where = [
    issue.file,
    issue.row !== undefined ? `row ${issue.row}` : undefined,
    issue.column !== undefined ? `column ${issue.column}` : undefined,
  ].filter(Boolean).join(', ');
  const value = issue.value === undefined ? '' : ` ${JSON.stringify(issue.value)}`;
  return `${where ? where + ':' : ''}${value}${value ? ' —' : ''} ${issue.reason}`.trim();
}
