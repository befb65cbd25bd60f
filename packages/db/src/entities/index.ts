import { Account } from './account.entity';
import { ApiKey } from './api-key.entity';
import { AuditLogEntry } from './audit-log-entry.entity';
import { Balance } from './balance.entity';
import { BannedIp } from './banned-ip.entity';
import { CdrImportProblem } from './cdr-import-problem.entity';
import { CdrImport } from './cdr-import.entity';
import { Cdr } from './cdr.entity';
import { DidEvent } from './did-event.entity';
import { Did } from './did.entity';
import { Domain } from './domain.entity';
import { Holiday } from './holiday.entity';
import { InvoiceLine } from './invoice-line.entity';
import { InvoiceSequence } from './invoice-sequence.entity';
import { Invoice } from './invoice.entity';
import { KamailioSubscriber } from './kamailio-subscriber.view';
import { KamailioTableVersion } from './kamailio-table-version.view';
import { KamailioTrunkAddress } from './kamailio-trunk-address.view';
import { LedgerEntry } from './ledger-entry.entity';
import { Line } from './line.entity';
import { PortingDocument } from './porting-document.entity';
import { PortingEvent } from './porting-event.entity';
import { PortingRequest } from './porting-request.entity';
import { CdrRerating } from './cdr-rerating.entity';
import { RateCard } from './rate-card.entity';
import { RateDeckImportProblem } from './rate-deck-import-problem.entity';
import { RateDeckImport } from './rate-deck-import.entity';
import { RatePeriod } from './rate-period.entity';
import { Rate } from './rate.entity';
import { RoutingPlanPrefix } from './routing-plan-prefix.entity';
import { RoutingPlanVendor } from './routing-plan-vendor.entity';
import { RoutingPlan } from './routing-plan.entity';
import { ServicePlan } from './service-plan.entity';
import { ServiceTemplate } from './service-template.entity';
import { Service } from './service.entity';
import { TenantSettings } from './tenant-settings.entity';
import { Tenant } from './tenant.entity';
import { UserSession } from './user-session.entity';
import { User } from './user.entity';
import { VendorTrunk } from './vendor-trunk.entity';
import { Vendor } from './vendor.entity';
import { WebhookDelivery } from './webhook-delivery.entity';
import { WebhookEndpoint } from './webhook-endpoint.entity';

export { Account, AccountStatus, BillingType } from './account.entity';
export { ApiKey } from './api-key.entity';
export { AuditLogEntry } from './audit-log-entry.entity';
export { Balance } from './balance.entity';
export { BannedIp } from './banned-ip.entity';
export { Cdr, CdrRatingStatus, type CdrLevel } from './cdr.entity';
export { CdrImportProblem } from './cdr-import-problem.entity';
export { CdrImport, CdrImportFormat, CdrImportStatus } from './cdr-import.entity';
export { DidEvent } from './did-event.entity';
export { Did, DidRouteKind, DidStatus } from './did.entity';
export { Domain } from './domain.entity';
export { PortingDocument } from './porting-document.entity';
export { PortingEvent } from './porting-event.entity';
export { PortingDirection, PortingRequest, PortingStatus } from './porting-request.entity';
export { Holiday } from './holiday.entity';
export { InvoiceLine, InvoiceLineKind } from './invoice-line.entity';
export { InvoiceSequence } from './invoice-sequence.entity';
export { Invoice } from './invoice.entity';
export { KamailioSubscriber } from './kamailio-subscriber.view';
export { KamailioTableVersion } from './kamailio-table-version.view';
export { KamailioTrunkAddress } from './kamailio-trunk-address.view';
export { LedgerEntry, LedgerEntryKind } from './ledger-entry.entity';
export { Line, LineStatus } from './line.entity';
export {
  CdrRerating,
  type CdrReratingCursor,
  type CdrReratingError,
  CdrReratingMode,
  type CdrReratingRequester,
  CdrReratingStatus,
} from './cdr-rerating.entity';
export { RateCard, RateCardKind } from './rate-card.entity';
export { RateDeckImportProblem } from './rate-deck-import-problem.entity';
export {
  RateDeckFormat,
  RateDeckImport,
  RateDeckImportMode,
  type RateDeckImportOutcome,
  type RateDeckImportRequester,
  RateDeckImportStatus,
} from './rate-deck-import.entity';
export { PeriodHolidays, RatePeriod } from './rate-period.entity';
export { Rate, RATES_KEY, RoundingMode } from './rate.entity';
export { RoutingPlanPrefix } from './routing-plan-prefix.entity';
export { RoutingPlanVendor } from './routing-plan-vendor.entity';
export { RoutingPlan, RoutingStrategy } from './routing-plan.entity';
export { RecurringPeriod, ServicePlan } from './service-plan.entity';
export { ServiceKind, ServiceTemplate } from './service-template.entity';
export { Service, ServiceStatus } from './service.entity';
export { TenantSettings } from './tenant-settings.entity';
export { Tenant, TenantKind } from './tenant.entity';
export { UserSession } from './user-session.entity';
export { User, UserRole } from './user.entity';
export { SipTransport, VendorTrunk } from './vendor-trunk.entity';
export { Vendor } from './vendor.entity';
export { WebhookDelivery, WebhookDeliveryStatus } from './webhook-delivery.entity';
export { WebhookEndpoint, WebhookEventType } from './webhook-endpoint.entity';

export const entities = [
  Tenant,
  TenantSettings,
  User,
  UserSession,
  ApiKey,
  Domain,
  Account,
  Line,
  ServiceTemplate,
  Service,
  ServicePlan,
  Vendor,
  VendorTrunk,
  RateCard,
  RatePeriod,
  Rate,
  Holiday,
  RoutingPlan,
  RoutingPlanPrefix,
  RoutingPlanVendor,
  Balance,
  LedgerEntry,
  BannedIp,
  AuditLogEntry,
  Did,
  DidEvent,
  RateDeckImport,
  RateDeckImportProblem,
  PortingRequest,
  PortingEvent,
  PortingDocument,
  KamailioSubscriber,
  KamailioTrunkAddress,
  KamailioTableVersion,
  WebhookEndpoint,
  WebhookDelivery,
  Cdr,
  CdrRerating,
  CdrImport,
  CdrImportProblem,
  Invoice,
  InvoiceLine,
  InvoiceSequence,
];
