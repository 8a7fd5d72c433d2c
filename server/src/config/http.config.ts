import { Env, intVar } from './config-error';

/** How the HTTP face meets the internet: who may call it from a browser, whom to believe about addresses, what it shows. */
export interface HttpConfig {
  /** Origins allowed to call the API from a browser; true only when CORS_ORIGINS is '*'. */
  corsOrigins: Array<string | RegExp> | boolean;
  /** Fastify's trustProxy: which peers' X-Forwarded-For names the client (rate limits are per client). */
  trustProxy: string | boolean;
  /** Logins, code exchanges and joins allowed per client address per minute, each. */
  authRatePerMinute: number;
  /** Serve the OpenAPI document and Swagger UI at /api/docs. */
  apiDocs: boolean;
}

export function httpFrom(env: Env, production: boolean): HttpConfig {
  const cors = env.CORS_ORIGINS;
  return {
    // An allow-list: none by default in production; a local H5 dev server in development and tests.
    corsOrigins: cors === '*' ? true : cors ? cors.split(',').map((o) => o.trim()).filter(Boolean) : production ? false : [/^https?:\/\/(localhost|127\.0\.0\.1)(:\d+)?$/],
    // Private and loopback peers are load balancers; a client on the internet cannot spoof its address.
    trustProxy: env.TRUST_PROXY === 'true' ? true : env.TRUST_PROXY === 'false' ? false : env.TRUST_PROXY || 'loopback,linklocal,uniquelocal',
    authRatePerMinute: intVar(env, 'AUTH_RATE_LIMIT_PER_MINUTE', 120, 1, 1_000_000),
    apiDocs: env.API_DOCS ? env.API_DOCS === 'true' : !production,
  };
}
