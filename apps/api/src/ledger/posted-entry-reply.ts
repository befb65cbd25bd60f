import { applyDecorators } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { LedgerEntryDto } from './dto/ledger-entry.dto';
import type { PostedEntry } from './post-ledger-entry.service';

/** The two answers of a posting route, for the OpenAPI document. */
export const PostedEntryResponses = () =>
  applyDecorators(
    ApiCreatedResponse({ type: LedgerEntryDto, description: 'posted' }),
    ApiOkResponse({
      type: LedgerEntryDto,
      description: 'a replay of the same idempotencyKey: nothing changed',
    }),
  );

/**
 * 201 for a new entry, 200 for a replay. Sent by hand: Nest sets a route's one status code after the
 * handler returns, so a returned value cannot choose between the two.
 */
export function sendPostedEntry(reply: FastifyReply, posted: PostedEntry): void {
  void reply.status(posted.replayed ? 200 : 201).send(LedgerEntryDto.schema.encode(posted.entry));
}
