import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  Patch,
  Post,
  Query,
  Req,
  StreamableFile,
  UseGuards,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { createZodDto, ZodResponse } from 'nestjs-zod';
import { type Actor, CurrentActor } from '../audit/actor';
import { idParameter } from '../http/field-schemas';
import { CompletePortingRequestService } from './complete-porting-request.service';
import {
  PortingDocumentDto,
  PortingDocumentListDto,
  PortingDocumentParamsDto,
} from './dto/porting-document.dto';
import { ListPortingEventsQueryDto, PortingEventPageDto } from './dto/porting-event.dto';
import {
  AcceptPortingRequestDto,
  CompletePortingRequestDto,
  CreatePortingRequestDto,
  ListPortingRequestsQueryDto,
  PortingNoteDto,
  PortingRequestDto,
  PortingRequestPageDto,
  PortingStepDto,
  RejectPortingRequestDto,
  UpdatePortingRequestDto,
} from './dto/porting-request.dto';
import { PortingDocumentsService } from './porting-documents.service';
import { PortingHistoryService } from './porting-history';
import { PortingRequestInScopeGuard } from './porting-in-scope.guard';
import { PortingRequestsService } from './porting-requests.service';
import { PortingWorkflowService } from './porting-workflow.service';

class PortingRequestIdDto extends createZodDto(idParameter) {}

@ApiTags('porting')
@ApiBearerAuth()
@Controller('porting-requests')
@UseGuards(PortingRequestInScopeGuard)
export class PortingController {
  constructor(
    private readonly requests: PortingRequestsService,
    private readonly workflow: PortingWorkflowService,
    private readonly completions: CompletePortingRequestService,
    private readonly history: PortingHistoryService,
    private readonly documents: PortingDocumentsService,
  ) {}

  @Post()
  @ApiOperation({
    summary:
      'Start a port-in or port-out request for an account, as a draft (end users: for their own account)',
  })
  @ZodResponse({ status: 201, type: PortingRequestDto })
  create(@CurrentActor() actor: Actor, @Body() body: CreatePortingRequestDto) {
    return this.requests.create(actor, body);
  }

  @Get()
  @ApiOperation({ summary: "The porting requests of the caller's subtree (an end user: of its account)" })
  @ZodResponse({ type: PortingRequestPageDto })
  list(@CurrentActor() actor: Actor, @Query() query: ListPortingRequestsQueryDto) {
    return this.requests.list(actor, query);
  }

  @Get(':id')
  @ZodResponse({ type: PortingRequestDto })
  get(@CurrentActor() actor: Actor, @Param() { id }: PortingRequestIdDto) {
    return this.requests.get(actor, id);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Change a draft (409 once submitted)' })
  @ZodResponse({ type: PortingRequestDto })
  update(
    @CurrentActor() actor: Actor,
    @Param() { id }: PortingRequestIdDto,
    @Body() body: UpdatePortingRequestDto,
  ) {
    return this.requests.update(actor, id, body);
  }

  @Post(':id/submit')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'draft → submitted: a port-in needs numbers not in the inventory, a port-out numbers assigned to the account, and no other open request of the same direction naming them',
  })
  @ZodResponse({ type: PortingRequestDto })
  submit(@CurrentActor() actor: Actor, @Param() { id }: PortingRequestIdDto, @Body() body: PortingStepDto) {
    return this.workflow.submit(actor, id, body);
  }

  @Post(':id/accept')
  @HttpCode(200)
  @ApiOperation({ summary: 'submitted → accepted with the scheduled date (staff only)' })
  @ZodResponse({ type: PortingRequestDto })
  accept(
    @CurrentActor() actor: Actor,
    @Param() { id }: PortingRequestIdDto,
    @Body() body: AcceptPortingRequestDto,
  ) {
    return this.workflow.accept(actor, id, body);
  }

  @Post(':id/reject')
  @HttpCode(200)
  @ApiOperation({ summary: 'submitted or accepted → rejected, with the reason (staff only)' })
  @ZodResponse({ type: PortingRequestDto })
  reject(
    @CurrentActor() actor: Actor,
    @Param() { id }: PortingRequestIdDto,
    @Body() body: RejectPortingRequestDto,
  ) {
    return this.workflow.reject(actor, id, body);
  }

  @Post(':id/complete')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'accepted → completed (staff only): a port-in adds its numbers to the DID inventory assigned to the account, a port-out ends its DIDs',
  })
  @ZodResponse({ type: PortingRequestDto })
  complete(
    @CurrentActor() actor: Actor,
    @Param() { id }: PortingRequestIdDto,
    @Body() body: CompletePortingRequestDto,
  ) {
    return this.completions.complete(actor, id, body);
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @ApiOperation({ summary: 'draft, submitted or accepted → cancelled (end users: before acceptance)' })
  @ZodResponse({ type: PortingRequestDto })
  cancel(@CurrentActor() actor: Actor, @Param() { id }: PortingRequestIdDto, @Body() body: PortingStepDto) {
    return this.workflow.cancel(actor, id, body);
  }

  @Post(':id/notes')
  @HttpCode(200)
  @ApiOperation({ summary: "Add a note to the request's history, at any status" })
  @ZodResponse({ type: PortingRequestDto })
  addNote(@CurrentActor() actor: Actor, @Param() { id }: PortingRequestIdDto, @Body() body: PortingNoteDto) {
    return this.requests.addNote(actor, id, body.note);
  }

  @Get(':id/events')
  @ApiOperation({
    summary: "The request's history, oldest first: who moved it from which status to which, with notes",
  })
  @ZodResponse({ type: PortingEventPageDto })
  events(
    @CurrentActor() actor: Actor,
    @Param() { id }: PortingRequestIdDto,
    @Query() query: ListPortingEventsQueryDto,
  ) {
    return this.history.list(actor, id, query);
  }

  @Get(':id/documents')
  @ApiOperation({ summary: "The request's documents with their size, type and uploader, oldest first" })
  @ZodResponse({ type: PortingDocumentListDto })
  listDocuments(@CurrentActor() actor: Actor, @Param() { id }: PortingRequestIdDto) {
    return this.documents.list(actor, id);
  }

  @Post(':id/documents')
  @ApiOperation({
    summary:
      'Upload a document (multipart/form-data, one part "file"): a PDF, PNG or JPEG by its content, whose name and declared type agree with it (400), at most PORTING_DOCUMENT_MAX_BYTES (413); only while the request is open (409)',
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['file'],
      properties: { file: { type: 'string', format: 'binary' } },
    },
  })
  @ZodResponse({ status: 201, type: PortingDocumentDto })
  upload(@CurrentActor() actor: Actor, @Param() { id }: PortingRequestIdDto, @Req() request: FastifyRequest) {
    return this.documents.upload(actor, id, request);
  }

  @Get(':id/documents/:documentId')
  @ApiOperation({ summary: 'Download a document, with the type found in its content' })
  @ApiProduces('application/pdf', 'image/png', 'image/jpeg')
  @ApiOkResponse({ schema: { type: 'string', format: 'binary' } })
  async download(@CurrentActor() actor: Actor, @Param() { id, documentId }: PortingDocumentParamsDto) {
    const { document, content } = await this.documents.open(actor, id, documentId);
    return new StreamableFile(content, {
      type: document.contentType,
      length: document.sizeBytes,
      disposition: `attachment; filename="${asciiName(document.fileName)}"; filename*=UTF-8''${encodeURIComponent(document.fileName)}`,
    });
  }

  @Delete(':id/documents/:documentId')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Delete a document while the request is open (409 after); the history keeps that it was there',
  })
  async deleteDocument(@CurrentActor() actor: Actor, @Param() { id, documentId }: PortingDocumentParamsDto) {
    await this.documents.remove(actor, id, documentId);
  }
}

function asciiName(name: string): string {
  return name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
}
