import type { FieldSpec } from './catalog-forms';

/** The catalog's kinds of things with a create/edit form, and each one's fields (API names). */
export type CatalogResource =
  | 'rateCard'
  | 'routingPlan'
  | 'vendor'
  | 'trunk'
  | 'servicePlan'
  | 'serviceTemplate'
  | 'service'
  | 'domain'
  | 'routingRule'
  | 'routingVendor';

const STRATEGIES = [
  { value: 'lcr', label: 'LCR: cheapest first' },
  { value: 'mcr', label: 'MCR: most expensive first' },
  { value: 'priority', label: 'Priority: fixed order' },
  { value: 'weighted', label: 'Weighted: random by weight' },
];

export const STRATEGY_LABELS: Record<string, string> = {
  lcr: 'LCR',
  mcr: 'MCR',
  priority: 'Priority',
  weighted: 'Weighted',
};

const SERVICE_KINDS = [
  { value: 'subscriber_line', label: 'Subscriber line' },
  { value: 'sip_trunk', label: 'SIP trunk' },
  { value: 'hosted_pbx', label: 'Hosted PBX' },
];

export const SERVICE_KIND_LABELS: Record<string, string> = Object.fromEntries(
  SERVICE_KINDS.map((kind) => [kind.value, kind.label]),
);

const owner: FieldSpec = { name: 'tenantId', label: 'Owned by', kind: 'select', createOnly: true };

export const CATALOG_FIELDS: Record<CatalogResource, FieldSpec[]> = {
  rateCard: [
    { name: 'name', label: 'Name', kind: 'text', required: true },
    {
      name: 'kind',
      label: 'Kind',
      kind: 'select',
      options: [
        { value: 'sell', label: 'Sell: what accounts pay' },
        { value: 'buy', label: 'Buy: what a vendor charges' },
      ],
    },
    {
      name: 'currency',
      label: 'Currency',
      kind: 'text',
      hint: 'ISO code in capitals, e.g. EUR',
      required: true,
    },
    {
      name: 'timezone',
      label: 'Time zone',
      kind: 'text',
      hint: 'IANA zone of its dates, e.g. Europe/Berlin',
    },
    { name: 'description', label: 'Description', kind: 'textarea', nullable: true },
    owner,
  ],
  routingPlan: [
    { name: 'name', label: 'Name', kind: 'text', required: true },
    { name: 'strategy', label: 'Strategy', kind: 'select', options: STRATEGIES },
    {
      name: 'marginGuardPercent',
      label: 'Margin guard (% of sell price)',
      kind: 'decimal',
      nullable: true,
      hint: 'Vendors leaving less are left out; empty for none',
    },
    {
      name: 'marginGuardAmount',
      label: 'Margin guard (per minute)',
      kind: 'decimal',
      nullable: true,
      hint: 'Sell minus buy price at least this; empty for none',
    },
    { name: 'maxVendors', label: 'Max vendors per call', kind: 'integer', hint: 'Failover depth, e.g. 3' },
    {
      name: 'allowLoss',
      label: 'Allow loss',
      kind: 'boolean',
      hint: 'Offer vendors that cost more than the sell price',
    },
    owner,
  ],
  vendor: [
    { name: 'name', label: 'Name', kind: 'text', required: true },
    { name: 'currency', label: 'Currency', kind: 'text', hint: 'What it bills in, e.g. EUR', required: true },
    {
      name: 'buyRateCardId',
      label: 'Buy rate card',
      kind: 'select',
      nullable: true,
      hint: 'A buy card in the vendor’s currency',
    },
    { name: 'priority', label: 'Priority', kind: 'integer', hint: 'Priority routing: lower first' },
    { name: 'weight', label: 'Weight', kind: 'integer', hint: 'Weighted routing: share of calls' },
    {
      name: 'qualityScore',
      label: 'Quality score',
      kind: 'decimal',
      nullable: true,
      hint: 'MCR: higher first among equal costs',
    },
    {
      name: 'blockedPrefixes',
      label: 'Blocked destinations',
      kind: 'list',
      hint: 'Prefixes it must never carry, one per line',
    },
    { name: 'notes', label: 'Notes', kind: 'textarea', nullable: true },
    { name: 'enabled', label: 'Enabled', kind: 'boolean', hint: 'Disabled vendors are skipped by routing' },
    owner,
  ],
  trunk: [
    { name: 'name', label: 'Name', kind: 'text', required: true },
    { name: 'host', label: 'Host', kind: 'text', hint: 'Gateway host name or address', required: true },
    { name: 'port', label: 'Port', kind: 'integer' },
    {
      name: 'transport',
      label: 'Transport',
      kind: 'select',
      options: [
        { value: 'udp', label: 'UDP' },
        { value: 'tcp', label: 'TCP' },
        { value: 'tls', label: 'TLS' },
      ],
    },
    { name: 'stripDigits', label: 'Strip digits', kind: 'integer', hint: 'Leading digits removed' },
    { name: 'addPrefix', label: 'Add prefix', kind: 'text', hint: 'Put in front after stripping' },
    {
      name: 'maxChannels',
      label: 'Channel limit',
      kind: 'integer',
      nullable: true,
      hint: 'Empty: unlimited',
    },
    { name: 'timeoutSeconds', label: 'Timeout (s)', kind: 'integer', hint: 'Wait before failing over' },
    { name: 'enabled', label: 'Enabled', kind: 'boolean' },
  ],
  servicePlan: [
    { name: 'name', label: 'Name', kind: 'text', required: true },
    { name: 'sellRateCardId', label: 'Sell rate card', kind: 'select' },
    {
      name: 'routingPlanId',
      label: 'Routing plan',
      kind: 'select',
      nullable: true,
      hint: 'None: the routing of the tenant above',
    },
    { name: 'recurringFee', label: 'Recurring fee', kind: 'decimal', hint: 'e.g. 12.50; empty for none' },
    {
      name: 'recurringPeriod',
      label: 'Charged',
      kind: 'select',
      options: [
        { value: 'monthly', label: 'Monthly' },
        { value: 'weekly', label: 'Weekly' },
        { value: 'daily', label: 'Daily' },
      ],
    },
    { name: 'includedMinutes', label: 'Included minutes', kind: 'integer', hint: 'Per period' },
    {
      name: 'maxChannels',
      label: 'Channel limit',
      kind: 'integer',
      nullable: true,
      hint: 'Empty: unlimited',
    },
    { name: 'currency', label: 'Currency', kind: 'text', hint: 'The rate card’s when empty' },
    { name: 'description', label: 'Description', kind: 'textarea', nullable: true },
    { name: 'active', label: 'Offered', kind: 'boolean', hint: 'Inactive plans keep their accounts' },
    owner,
  ],
  serviceTemplate: [
    { name: 'name', label: 'Name', kind: 'text', required: true },
    { name: 'kind', label: 'Kind', kind: 'select', options: SERVICE_KINDS },
    { name: 'servicePlanId', label: 'Default plan', kind: 'select', nullable: true },
    {
      name: 'maxChannels',
      label: 'Channel limit',
      kind: 'integer',
      nullable: true,
      hint: 'Empty: unlimited',
    },
    { name: 'description', label: 'Description', kind: 'textarea', nullable: true },
    { name: 'active', label: 'Offered', kind: 'boolean', hint: 'Inactive templates keep their services' },
    owner,
  ],
  service: [
    { name: 'accountId', label: 'Account', kind: 'account', createOnly: true },
    {
      name: 'templateId',
      label: 'Template',
      kind: 'select',
      createOnly: true,
      hint: 'Kind and name from it',
    },
    {
      name: 'kind',
      label: 'Kind',
      kind: 'select',
      createOnly: true,
      options: [{ value: '', label: 'The template’s' }, ...SERVICE_KINDS],
    },
    { name: 'name', label: 'Name', kind: 'text', hint: 'The template’s when empty' },
    {
      name: 'status',
      label: 'Status',
      kind: 'select',
      options: [
        { value: 'active', label: 'Active' },
        { value: 'suspended', label: 'Suspended' },
        { value: 'terminated', label: 'Terminated (final)' },
      ],
    },
    {
      name: 'allowedSourceIps',
      label: 'Source addresses',
      kind: 'list',
      hint: 'SIP trunk: addresses or CIDR ranges, one per line',
    },
    { name: 'techPrefix', label: 'Tech prefix', kind: 'text', nullable: true, hint: 'SIP trunk only' },
    {
      name: 'maxChannels',
      label: 'Channel limit',
      kind: 'integer',
      nullable: true,
      hint: 'Empty: unlimited',
    },
  ],
  routingRule: [
    { name: 'prefix', label: 'Prefix', kind: 'text', hint: 'Digits, e.g. 234 for Nigeria', required: true },
    {
      name: 'strategy',
      label: 'Strategy',
      kind: 'select',
      options: [{ value: '', label: 'The plan’s' }, ...STRATEGIES],
    },
    { name: 'blocked', label: 'Blocked', kind: 'boolean', hint: 'Refuse calls to this prefix' },
  ],
  routingVendor: [
    { name: 'vendorId', label: 'Vendor', kind: 'select' },
    {
      name: 'prefix',
      label: 'For prefix',
      kind: 'text',
      hint: 'Empty: every destination; else one of the plan’s prefix rules',
    },
    { name: 'priority', label: 'Priority', kind: 'integer', hint: 'Lower first; empty: the vendor’s own' },
    { name: 'weight', label: 'Weight', kind: 'integer', hint: 'Empty: the vendor’s own' },
  ],
  domain: [
    { name: 'name', label: 'Domain', kind: 'text', hint: 'e.g. sip.example.com', required: true },
    { name: 'description', label: 'Description', kind: 'textarea', nullable: true },
    { name: 'enabled', label: 'Enabled', kind: 'boolean' },
    owner,
  ],
};

/** A resource's fields with the choices only the page knows (rate cards, vendors, owners…). */
export function fieldsWith(
  resource: CatalogResource,
  options: Record<string, Array<{ value: string; label: string }>>,
): FieldSpec[] {
  return CATALOG_FIELDS[resource]
    .filter((field) => field.name !== 'tenantId' || (options.tenantId?.length ?? 0) > 1)
    .map((field) => (options[field.name] ? { ...field, options: options[field.name] } : field));
}
