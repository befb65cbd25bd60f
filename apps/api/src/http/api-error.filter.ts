import {
  type ArgumentsHost,
  Catch,
  type ExceptionFilter,
  HttpException,
  HttpStatus,
  Logger,
} from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { ZodValidationException } from 'nestjs-zod';
import { QueryFailedError } from 'typeorm';
import type { z } from 'zod';
import type { ApiError } from './api-error';
import { ConflictError, DomainError, TooManyRequestsError } from './domain-errors';
import { uniqueViolationField } from './unique-violations';

/** Turns every failure into the ApiError shape; unexpected ones are logged and answered 500 without details. */
@Catch()
export class ApiErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('ApiErrorFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const body = toApiError(exception, this.logger);
    if (exception instanceof TooManyRequestsError)
      reply.header('retry-after', String(exception.retryAfterSeconds));
    void reply.status(body.statusCode).send(body);
  }
}

/**
 * The ApiError answer for any failure; unexpected ones are logged and answered 500 without details.
 * Also used by routes served outside Nest's pipeline (the rating API), so their errors look the same.
 */
export function toApiError(exception: unknown, logger: Pick<Logger, 'error'>): ApiError {
  if (exception instanceof ZodValidationException)
    return validationError(exception.getZodError() as z.ZodError);
  if (exception instanceof DomainError) return domainError(exception);
  if (exception instanceof QueryFailedError) {
    const conflict = fromDatabaseConflict(exception);
    if (conflict) return domainError(conflict);
  }
  if (exception instanceof HttpException) return httpError(exception);
  logger.error(exception);
  return {
    statusCode: 500,
    error: 'Internal Server Error',
    message: 'unexpected error; it has been logged',
  };
}

export function validationError(error: z.ZodError): ApiError {
  const errors = error.issues.map((issue) => ({
    field: issue.path.map(String).join('.') || '(body)',
    reason: issue.message,
  }));
  return { statusCode: 400, error: 'Bad Request', message: 'the request has invalid fields', errors };
}

function domainError(error: DomainError): ApiError {
  const field = (error as { field?: string }).field;
  return {
    statusCode: error.status,
    error: reasonPhrase(error.status),
    message: error.message,
    ...(field ? { errors: [{ field, reason: error.message }] } : {}),
  };
}

function httpError(exception: HttpException): ApiError {
  const status = exception.getStatus();
  const response = exception.getResponse();
  const message =
    typeof response === 'string'
      ? response
      : String((response as { message?: unknown }).message ?? exception.message);
  return { statusCode: status, error: reasonPhrase(status), message };
}

function fromDatabaseConflict(error: QueryFailedError): ConflictError | undefined {
  const { code, constraint } = error.driverError as { code?: string; constraint?: string };
  if (code === '23505' && constraint) {
    const field = uniqueViolationField(constraint);
    return new ConflictError(`${field ?? 'a value'} is already in use`, field);
  }
  // A referenced row deleted, or a referencing row added, by a concurrent request: a conflict, not a fault.
  if (code === '23503')
    return new ConflictError('a related object changed at the same time; retry the request');
  return undefined;
}

function reasonPhrase(status: number): string {
  const name = HttpStatus[status];
  return name
    ? name
        .toLowerCase()
        .split('_')
        .map((w) => w[0]!.toUpperCase() + w.slice(1))
        .join(' ')
    : 'Error';
}
