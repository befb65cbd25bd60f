import { Module } from '@nestjs/common';
import { API_ENVIRONMENT, type ApiEnvironment } from '../api-environment';
import { CompletePortingRequestService } from './complete-porting-request.service';
import { DocumentStorage } from './document-storage';
import { PortingController } from './porting.controller';
import {
  PORTING_DOCUMENTS,
  PortingDocumentsService,
  type PortingDocumentSettings,
} from './porting-documents.service';
import { PortingDids } from './porting-dids';
import { PortingHistoryService } from './porting-history';
import { PortingRequestInScopeGuard } from './porting-in-scope.guard';
import { PortingRequestsService } from './porting-requests.service';
import { PortingTransitions } from './porting-transitions';
import { PortingWorkflowService } from './porting-workflow.service';

/** Number porting: port-in and port-out requests, their workflow, history and documents. */
@Module({
  controllers: [PortingController],
  providers: [
    PortingRequestsService,
    PortingWorkflowService,
    CompletePortingRequestService,
    PortingHistoryService,
    PortingDocumentsService,
    PortingTransitions,
    PortingDids,
    PortingRequestInScopeGuard,
    {
      provide: PORTING_DOCUMENTS,
      inject: [API_ENVIRONMENT],
      useFactory: (env: ApiEnvironment): PortingDocumentSettings => ({
        storage: new DocumentStorage(env.PORTING_DOCUMENTS_DIR),
        maxBytes: env.PORTING_DOCUMENT_MAX_BYTES,
      }),
    },
  ],
})
export class PortingModule {}
