import type { FastifyInstance } from 'fastify';

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

/**
 * Unwraps an Outcome as the reply is serialised. A Fastify hook rather than a Nest interceptor: it
 * runs after Nest has set the route's status, and costs no observable chain on every request.
 */
export function replyWithOutcomes(fastify: FastifyInstance): void {
  fastify.addHook('preSerialization', async (_request, reply, payload) => {
    if (!(payload instanceof Outcome)) return payload;
    if (payload.isRepeat) void reply.status(200);
    return payload.value as unknown;
  });
}
