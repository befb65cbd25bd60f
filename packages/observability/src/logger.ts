import pino, { type Logger, type LoggerOptions } from 'pino';

export type { Logger } from 'pino';

/** pino options shared by every process: JSON lines with the service name, ISO times, secrets redacted. */
export function loggerOptions(service: string, level: string): LoggerOptions {
  return {
    level,
    base: { service },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: {
      paths: [
        'req.headers.authorization',
        'req.headers.cookie',
        'password',
        '*.password',
        'token',
        '*.token',
      ],
      censor: '[redacted]',
    },
  };
}

export function createLogger(service: string, level: string): Logger {
  return pino(loggerOptions(service, level));
}
