// Errors specific to model calls, mapped like every AppError to exit codes and HTTP problems.
import { AppError, ExitCode, ForbiddenError, UnavailableError } from '../core/errors.ts';

/** The administrator switched remote model calls off (`allowRemote: false`). */
export class RemoteDisabledError extends ForbiddenError {
  constructor(provider: string) {
    super(
      `Remote model calls are disabled (allowRemote: false); refusing to send text to the ${provider} provider. ` +
        'An administrator can enable them in the model settings, or use the offline provider.',
    );
    this.name = 'RemoteDisabledError';
  }
}

/** The model answered, but not with what was asked for (e.g. JSON that fails the schema after a repair attempt). */
export class ModelOutputError extends AppError {
  override readonly status = 502;
  override readonly exitCode = ExitCode.unavailable;
  override readonly type = 'https://salesbloom.dev/problems/bad-model-output';
  constructor(message: string, readonly output: string) {
    super(message);
    this.name = 'ModelOutputError';
  }
}

/** The model server failed or refused the request (after any retries). */
export class ModelServerError extends UnavailableError {
  constructor(
    message: string,
    readonly httpStatus?: number,
  ) {
    super(message);
    this.name = 'ModelServerError';
  }
}
