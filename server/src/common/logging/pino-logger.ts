import { LoggerService } from '@nestjs/common';
import pino, { Logger } from 'pino';

/** Phone numbers in query strings (lookup?phone=) are personal data: logs keep the first 3 and last 4 digits. */
export function maskUrl(url: string): string {
  return url.replace(/((?:^|[?&])(?:phone|mobile)=)([^&#]*)/gi, (_, key: string, value: string) => key + maskDigits(decodeSafely(value))).replace(/(?<!\d)(1\d{10})(?!\d)/g, (phone: string) => maskDigits(phone));
}

function maskDigits(value: string): string {
  return value.length > 7 ? `${value.slice(0, 3)}****${value.slice(-4)}` : '****';
}

function decodeSafely(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

export function createPino(level: string): Logger {
  return pino({
    level,
    base: { service: 'huiyuan' },
    timestamp: pino.stdTimeFunctions.isoTime,
    serializers: {
      req: (req: { method?: string; url?: string; ip?: string; id?: string }) => ({ id: req.id, method: req.method, url: maskUrl(req.url ?? ''), remoteAddress: req.ip }),
    },
  });
}

/** Nest's own log lines go to the same JSON stream as the request logs. */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly pino: Logger) {}

  private write(level: 'info' | 'warn' | 'error' | 'debug' | 'trace', message: unknown, params: unknown[]): void {
    const context = typeof params[params.length - 1] === 'string' ? (params.pop() as string) : undefined;
    if (message && typeof message === 'object') this.pino[level]({ context, ...(message as object) }, String(params[0] ?? ''));
    else this.pino[level]({ context }, String(message));
  }

  log(message: unknown, ...params: unknown[]) {
    this.write('info', message, params);
  }
  error(message: unknown, ...params: unknown[]) {
    this.write('error', message, params);
  }
  warn(message: unknown, ...params: unknown[]) {
    this.write('warn', message, params);
  }
  debug(message: unknown, ...params: unknown[]) {
    this.write('debug', message, params);
  }
  verbose(message: unknown, ...params: unknown[]) {
    this.write('trace', message, params);
  }
}
