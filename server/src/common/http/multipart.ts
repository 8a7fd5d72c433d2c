import fastifyMultipart from '@fastify/multipart';
import { IMPORT_MAX_BYTES } from '@huiyuan/shared-types';
import type { FastifyInstance } from 'fastify';

/** The routes that take a file upload; every other route keeps answering multipart bodies with 415. */
const UPLOAD_ROUTES = new Set(['/api/v1/staff/imports']);

/**
 * File uploads through @fastify/multipart: one file part, streamed to the handler, cut off past the
 * size limit (the handler sees `truncated` and answers 413) instead of being buffered whole.
 */
export async function useMultipartUploads(fastify: FastifyInstance): Promise<void> {
  await fastify.register(fastifyMultipart, { limits: { fileSize: IMPORT_MAX_BYTES, files: 1, fields: 4, parts: 5, fieldSize: 1024 }, throwFileSizeLimit: false });
  fastify.addHook('preValidation', async (request) => {
    if (request.isMultipart() && !UPLOAD_ROUTES.has(request.routeOptions.url ?? '')) {
      throw Object.assign(new Error(`Unsupported Media Type: multipart/form-data is accepted only by ${[...UPLOAD_ROUTES].join(', ')}`), { statusCode: 415 });
    }
  });
}
