import { ErrorCode } from '@huiyuan/shared-types';

/** The one error type services throw; the global filter turns it into the envelope. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }

  /** What the client is told; an error about a system behind us says less than its log line. */
  get clientMessage(): string {
    return this.message;
  }
}
