import type { FastifyInstance } from 'fastify';
import { jsonNestsTooDeep } from '../errors/common.errors';

/** No request of this API nests deeper than a handful of levels; validation recurses, so depth is capped first. */
export const MAX_JSON_DEPTH = 16;

/** One pass over the text, strings skipped: a body of 100,000 '[' is refused before JSON.parse builds it. */
export function jsonNestingExceeds(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > max) return true;
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return false;
}

/**
 * JSON bodies only (other content types answer 415), parsed by Fastify's own parser (which refuses
 * __proto__ and constructor keys) once the nesting is known to be shallow.
 */
export function useBoundedJsonBodies(fastify: FastifyInstance): void {
  const parse = fastify.getDefaultJsonParser('error', 'error');
  fastify.removeAllContentTypeParsers();
  fastify.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    if (jsonNestingExceeds(body as string, MAX_JSON_DEPTH)) {
      done(jsonNestsTooDeep(MAX_JSON_DEPTH), undefined);
      return;
    }
    void parse(request, body as string, done);
  });
}
