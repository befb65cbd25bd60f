/**
 * Expected failures, thrown by services and turned into HTTP answers in one place (ApiErrorFilter),
 * so portals, integrators and Kamailio always get the same error shape.
 */
export abstract class DomainError extends Error {
  abstract readonly status: number;
}

/** The object does not exist *for this caller*: also what another tenant's object looks like. */
export class NotFoundError extends DomainError {
  readonly status = 404;
  constructor(entity: string) {
    super(`${entity} not found`);
  }
}

/** Input that passed the schema but is wrong in context (an unknown cursor, an id of the wrong kind). */
export class BadRequestError extends DomainError {
  readonly status = 400;
  constructor(
    message: string,
    readonly field: string,
  ) {
    super(message);
  }
}

export class ConflictError extends DomainError {
  readonly status = 409;
  constructor(
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

/** A request that is well-formed but breaks a rule (e.g. a refund larger than the balance). */
export class UnprocessableError extends DomainError {
  readonly status = 422;
  constructor(
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

export class UnauthorizedError extends DomainError {
  readonly status = 401;
}

export class ForbiddenError extends DomainError {
  readonly status = 403;
}

export class TooManyRequestsError extends DomainError {
  readonly status = 429;
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message);
  }
}

/** A body or file over a size limit. */
export class PayloadTooLargeError extends DomainError {
  readonly status = 413;
  constructor(
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}
