import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import fastifyStatic from '@fastify/static';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppModule } from './app.module';
import { AppConfig } from './config/app-config';
import { toErrorResponse } from './common/errors/error.filter';
import { createValidationPipe } from './common/errors/validation.pipe';
import { useBoundedJsonBodies } from './common/http/json-body';
import { useMultipartUploads } from './common/http/multipart';
import { replyWithOutcomes } from './common/http/outcome';
import { IdempotentReplies } from './common/idempotency/idempotent-replies';
import { createPino, PinoNestLogger } from './common/logging/pino-logger';
import { Clock, DevClock } from './common/time/clock';

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/;
const SECURITY_HEADERS = { 'x-content-type-options': 'nosniff', 'x-frame-options': 'DENY', 'referrer-policy': 'no-referrer', 'cross-origin-opener-policy': 'same-origin' };

export interface CreateAppOptions {
  /** Default: real time in production, a DevClock (movable through /api/v1/dev/clock) elsewhere. */
  clock?: Clock;
}

/** Builds the whole HTTP application (API, docs, sandbox, H5 app); the caller decides where it listens. */
export async function createApp(config: AppConfig, options: CreateAppOptions = {}): Promise<NestFastifyApplication> {
  const pino = createPino(config.logLevel);
  const adapter = new FastifyAdapter({
    loggerInstance: pino,
    // A caller's x-request-id is kept for tracing only when it is a short plain token; it ends up in the audit log.
    requestIdHeader: false,
    genReqId: (request: IncomingMessage) => {
      const given = request.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    },
    trustProxy: config.http.trustProxy,
    bodyLimit: 1024 * 1024,
    // Long path parameters reach the route and its validation (a 400 or 404 in the envelope), not a bare 414.
    routerOptions: { maxParamLength: 2048 },
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.register(config, options.clock ?? (config.env === 'production' ? new Clock() : new DevClock())), adapter, {
    logger: new PinoNestLogger(pino),
    abortOnError: false,
    bodyParser: false,
  });
  const fastify = app.getHttpAdapter().getInstance();
  useBoundedJsonBodies(fastify);
  await useMultipartUploads(fastify);
  const errorLogger = new Logger('Errors');
  // Errors before Nest sees the request (malformed JSON, wrong content type, a bad Idempotency-Key in
  // its hook). This replaces the handler Nest set, which answers them without the envelope; Fastify
  // warns once (FSTWRN004) that a handler was overridden.
  fastify.setErrorHandler((error: Error & { code?: string }, request, reply) => {
    const { status, body } = toErrorResponse(error, request.id, errorLogger);
    if (error.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || error instanceof SyntaxError) {
      body.error.message = `Malformed JSON body: ${error.message}`;
    }
    void reply.status(status).type('application/json; charset=utf-8').send(body);
  });
  app.get(IdempotentReplies).register(fastify);
  replyWithOutcomes(fastify);
  fastify.addHook('onSend', async (request, reply) => {
    void reply.header('x-request-id', request.id);
    void reply.headers(SECURITY_HEADERS);
    if (request.url.startsWith('/api/v1/')) void reply.header('content-security-policy', "default-src 'none'; frame-ancestors 'none'");
    if (request.protocol === 'https') void reply.header('strict-transport-security', 'max-age=31536000; includeSubDomains');
  });

  app.useGlobalPipes(createValidationPipe());
  app.enableCors({ origin: config.http.corsOrigins, exposedHeaders: ['x-request-id'] });
  app.enableShutdownHooks();

  // The document lists every route and field: off in production unless API_DOCS=true.
  if (config.http.apiDocs) {
    const document = SwaggerModule.createDocument(
      app,
      new DocumentBuilder()
        .setTitle('Huiyuan API')
        .setDescription('Membership, points, check-in, coupons and campaigns for WeChat mini-programs')
        .setVersion('1')
        .addBearerAuth()
        .build(),
    );
    SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs/openapi.json' });
  }

  if (config.adminDir && existsSync(join(config.adminDir, 'index.html'))) {
    // The console's files by name; any other /admin path is one of its history routes and gets index.html.
    const adminIndex = readFileSync(join(config.adminDir, 'index.html'));
    await app.register(fastifyStatic, { root: config.adminDir, prefix: '/admin/', decorateReply: false, wildcard: false, index: false });
    const sendIndex = async (_request: FastifyRequest, reply: FastifyReply) => reply.type('text/html; charset=utf-8').send(adminIndex);
    fastify.get('/admin', sendIndex);
    fastify.get('/admin/', sendIndex);
    fastify.get('/admin/*', sendIndex);
  }
  if (config.h5Dir && existsSync(config.h5Dir)) {
    await app.register(fastifyStatic, { root: config.h5Dir, prefix: '/', decorateReply: false, wildcard: true, index: 'index.html' });
  }
  await app.init();
  return app;
}
