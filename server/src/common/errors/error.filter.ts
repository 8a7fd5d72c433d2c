import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { ErrorBody, ErrorCode } from '@huiyuan/shared-types';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from './app-error';
import { ERROR_STATUS } from './error-status';

const HTTP_CODE: Record<number, ErrorCode> = {
  400: ErrorCode.MALFORMED_REQUEST,
  401: ErrorCode.UNAUTHENTICATED,
  403: ErrorCode.FORBIDDEN,
  404: ErrorCode.ROUTE_NOT_FOUND,
  413: ErrorCode.MALFORMED_REQUEST,
  415: ErrorCode.MALFORMED_REQUEST,
  429: ErrorCode.RATE_LIMITED,
};

export interface ErrorResponse {
  status: number;
  body: ErrorBody;
}

/** Maps anything thrown to the envelope; shared by the Nest filter and Fastify's own error handler. */
export function toErrorResponse(error: unknown, requestId: string | undefined, logger: Logger): ErrorResponse {
  if (error instanceof AppError) {
    return {
      status: ERROR_STATUS[error.code],
      body: { error: { code: error.code, message: error.clientMessage, details: error.details, requestId } },
    };
  }
  const status =
    error instanceof HttpException
      ? error.getStatus()
      : typeof (error as { statusCode?: unknown })?.statusCode === 'number'
        ? (error as { statusCode: number }).statusCode
        : 500;
  if (status >= 500) {
    logger.error({ err: error, requestId }, 'unhandled error');
    return {
      status: 500,
      body: { error: { code: ErrorCode.INTERNAL, message: 'Internal error; quote the request id to support', requestId } },
    };
  }
  const message = error instanceof Error ? error.message : 'Request failed';
  return { status, body: { error: { code: HTTP_CODE[status] ?? ErrorCode.MALFORMED_REQUEST, message, requestId } } };
}

@Catch()
export class ErrorEnvelopeFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const { status, body } = toErrorResponse(error, request.id, this.logger);
    if (error instanceof HttpException && status === 404 && body.error.code === ErrorCode.ROUTE_NOT_FOUND) {
      body.error.message = `No route ${request.method} ${request.url.split('?')[0]}`;
    }
    void reply.status(status).type('application/json; charset=utf-8').send(body);
  }
}
