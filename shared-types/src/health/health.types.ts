export interface HealthStatus {
  status: 'ok' | 'degraded';
  database: { ok: boolean; driver: 'mysql' | 'sqlite'; error?: string };
  queue: { ok: boolean; mode: 'redis' | 'in-process'; error?: string };
  wechat: { mode: 'sandbox' | 'live'; baseUrl: string };
  version: string;
}
