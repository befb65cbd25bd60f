import cookie from '@fastify/cookie';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter as BullBoardAdapter } from '@bull-board/fastify';
import { Logger } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AccessTokens } from '../auth/access-tokens';
import { Permission } from '../auth/principal';
import { SessionRevocation } from '../auth/session-revocation';
import { toApiError } from '../http/api-error.filter';
import { ForbiddenError, UnauthorizedError } from '../http/domain-errors';
import { splitPath } from '../rating-catalog/catalog-snapshot';
import { PlatformQueues } from './platform-queues';

export const QUEUE_BOARD_PATH = '/admin/queues';
/** Holds an owner admin's access token for the board's own page and requests (a browser sends no bearer). */
export const QUEUE_BOARD_COOKIE = 'tollgate_queue_board';

/**
 * bull-board for operators at /admin/queues: every platform queue, its jobs, retries and dead letters.
 * It is served by Fastify outside Nest's pipeline, so it checks our credentials itself, on every request:
 * an access token of an admin user of the owner tenant, as a bearer or in the board's cookie (set by
 * POST /admin/queues/session with the bearer, SameSite=Strict, HttpOnly, for the token's lifetime).
 */
export async function mountQueueBoard(app: NestFastifyApplication): Promise<void> {
  const fastify = app.getHttpAdapter().getInstance() as unknown as FastifyInstance;
  const access = new QueueBoardAccess(app.get(AccessTokens), app.get(SessionRevocation));
  const board = new BullBoardAdapter();
  board.setBasePath(QUEUE_BOARD_PATH);
  createBullBoard({
    queues: app.get(PlatformQueues).queues.map((queue) => new BullMQAdapter(queue)),
    serverAdapter: board,
    options: { uiConfig: { boardTitle: 'Tollgate queues' } },
  });
  await fastify.register(
    async (scope) => {
      await scope.register(cookie);
      scope.addHook('onRequest', (request, reply) => access.check(request, reply));
      scope.post('/session', (request, reply) => access.openSession(request, reply));
      scope.delete('/session', (_request, reply) => access.closeSession(reply));
      await scope.register(board.registerPlugin() as unknown as Parameters<FastifyInstance['register']>[0]);
    },
    { prefix: QUEUE_BOARD_PATH },
  );
}

class QueueBoardAccess {
  private readonly logger = new Logger('QueueBoard');

  constructor(
    private readonly tokens: AccessTokens,
    private readonly revocation: SessionRevocation,
  ) {}

  /** Answers 401 without a valid credential, 403 unless it is an owner admin's; else lets the request on. */
  async check(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    try {
      await this.assertOwnerAdmin(this.credentialOf(request));
    } catch (error) {
      const body = toApiError(error, this.logger);
      await reply.status(body.statusCode).send(body);
    }
  }

  async openSession(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    const token = bearerOf(request)!;
    await reply
      .setCookie(QUEUE_BOARD_COOKIE, token, {
        path: QUEUE_BOARD_PATH,
        httpOnly: true,
        sameSite: 'strict',
        secure: request.protocol === 'https',
        maxAge: this.tokens.lifetimeSeconds,
      })
      .status(204)
      .send();
  }

  async closeSession(reply: FastifyReply): Promise<void> {
    await reply.clearCookie(QUEUE_BOARD_COOKIE, { path: QUEUE_BOARD_PATH }).status(204).send();
  }

  private credentialOf(request: FastifyRequest): string {
    const token = bearerOf(request) ?? request.cookies[QUEUE_BOARD_COOKIE];
    if (!token)
      throw new UnauthorizedError(
        'credentials required: an owner admin\'s access token as "Authorization: Bearer …", or POST /admin/queues/session with it first',
      );
    return token;
  }

  private async assertOwnerAdmin(token: string): Promise<void> {
    const { principal, issuedAtMs } = await this.tokens.verify(token);
    if (await this.revocation.isRevoked(principal.id, issuedAtMs))
      throw new UnauthorizedError('this session was ended; log in again');
    const owner = principal.accountId === null && splitPath(principal.tenantPath).length === 1;
    if (!owner || !principal.permissions.includes(Permission.Admin))
      throw new ForbiddenError("the queue board is for the operator's administrators");
  }
}

function bearerOf(request: FastifyRequest): string | undefined {
  return /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1];
}
