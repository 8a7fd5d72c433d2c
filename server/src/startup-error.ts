/** One line a person can act on, instead of a stack trace. */
export function describeStartupError(error: unknown): string {
  const e = error as { code?: string; message?: string; hostname?: string; address?: string; port?: number };
  switch (e?.code) {
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `cannot resolve database host '${e.hostname ?? '?'}' (check DATABASE_URL)`;
    case 'ECONNREFUSED':
      return `connection refused at ${e.address ?? '?'}:${e.port ?? '?'} (is the database/Redis running? check DATABASE_URL / REDIS_URL)`;
    case 'ER_ACCESS_DENIED_ERROR':
      return `the database refused the user in DATABASE_URL: ${e.message}`;
    case 'ER_BAD_DB_ERROR':
      return `${e.message} (create it, or fix the name in DATABASE_URL)`;
    case 'EADDRINUSE':
      return `port ${e.port ?? ''} is already in use (set PORT to another port)`;
    default:
      return e?.message ?? String(error);
  }
}
