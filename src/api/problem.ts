// RFC 9457 problem details for every error the API returns.
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, InputError, type InputIssue } from '../core/errors.ts';
import type { Text } from '../core/i18n.ts';
import { issueReason } from '../core/issue-messages.ts';

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  request_id?: string;
  /** Each reason is rendered in the reader's language (see issue-messages.ts). */
  errors?: { field?: string; row?: number; value?: unknown; reason: Text | string }[];
}

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/** PostgreSQL error codes that mean "your input is wrong", not "the server broke". */
const PG_INPUT_ERRORS: Record<string, [number, string]> = {
  '23503': [400, 'refers to a row that does not exist'],
  '23505': [409, 'conflicts with an existing row (must be unique)'],
  '23514': [400, 'violates a rule of the data model'],
  '23502': [400, 'a required value is missing'],
  '22P02': [400, 'has a value of the wrong type'],
  '22003': [400, 'has a number out of range'],
  '22007': [400, 'has an invalid date'],
  '22008': [400, 'has a date out of range'],
  '22001': [400, 'has a value that is too long'],
};

function issuesOf(issues: InputIssue[]): Problem['errors'] {
  return issues.map((i) => ({ field: i.column, row: i.row, value: i.value, reason: issueReason(i) }));
}

export function toProblem(error: unknown, request: FastifyRequest): Problem {
  const base = { instance: request.url, request_id: String(request.id) };
  if (error instanceof InputError) {
    return { type: error.type, title: TITLES[400], status: 400, detail: error.message, errors: issuesOf(error.issues), ...base };
  }
  if (error instanceof AppError) {
    return { type: error.type, title: TITLES[error.status] ?? 'Error', status: error.status, detail: error.message, ...base };
  }
  const e = error as FastifyError & { code?: string; constraint?: string; detail?: string; validation?: { instancePath: string; message?: string; params?: Record<string, unknown> }[]; validationContext?: string };
  if (e.validation) {
    return {
      type: 'https://salesbloom.dev/problems/invalid-input',
      title: TITLES[400],
      status: 400,
      detail: `invalid ${e.validationContext ?? 'request'}`,
      errors: e.validation.map((v) => ({
        field: (v.params?.additionalProperty as string | undefined) ?? (v.instancePath.replace(/^\//, '').replace(/\//g, '.') || undefined),
        reason: v.params?.additionalProperty ? 'is not a known field' : (v.message ?? 'is invalid'),
      })),
      ...base,
    };
  }
  if (e.code && PG_INPUT_ERRORS[e.code]) {
    const [status, reason] = PG_INPUT_ERRORS[e.code];
    return { type: 'https://salesbloom.dev/problems/invalid-input', title: TITLES[status], status, detail: `the request ${reason}${e.detail ? `: ${e.detail}` : ''}`, ...base };
  }
  const status = typeof e.statusCode === 'number' && e.statusCode >= 400 && e.statusCode < 500 ? e.statusCode : 500;
  const detail = status === 500 ? 'an unexpected error occurred; the request id is in the server log' : e.message;
  return { type: 'about:blank', title: TITLES[status] ?? 'Error', status, detail, ...base };
}

export function sendProblem(reply: FastifyReply, problem: Problem): FastifyReply {
  return reply.code(problem.status).type('application/problem+json').send(problem);
}
