import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { map, Observable } from 'rxjs';

/** A use-case result that may be the answer to a repeat of an earlier request (answered 200, not 201). */
export class Outcome<T> {
  constructor(
    readonly value: T,
    readonly isRepeat: boolean,
  ) {}

  static first<T>(value: T): Outcome<T> {
    return new Outcome(value, false);
  }

  static repeat<T>(value: T): Outcome<T> {
    return new Outcome(value, true);
  }
}

/** Nest sets the route's status before the handler runs and not after, so this one wins. */
export function answerAsRepeat(context: ExecutionContext): void {
  void context.switchToHttp().getResponse<FastifyReply>().status(200);
}

@Injectable()
export class OutcomeInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(
      map((result: unknown) => {
        if (!(result instanceof Outcome)) return result;
        if (result.isRepeat) answerAsRepeat(context);
        return result.value;
      }),
    );
  }
}
