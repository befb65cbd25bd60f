/** Which vendor's buy card a price belongs to (see `vendors.ts`); `atlantic` is in USD, the others EUR. */
export type BuyColumn = 'alpine' | 'baltic' | 'celtic' | 'danube' | 'atlantic';

/** Which sell card: the owner's `Wholesale EUR`, or the reseller's `Retail EUR`. */
export type SellColumn = 'wholesale' | 'retail';

export type PriceColumn = BuyColumn | SellColumn;

export interface DemoDestination {
  /** E.164 digits without `+`; the longest matching prefix wins. */
  prefix: string;
  destination: string;
  /** Price per minute of each vendor carrying the destination; a missing vendor does not carry it. */
  buy: Partial<Record<BuyColumn, string>>;
  /**
   * Price per minute of the sell cards. Every buy price is below the wholesale price, which is below
   * the retail price, and the cheapest EUR vendor leaves the LCR plan's 10 % margin.
   */
  sell: Record<SellColumn, string>;
}

/** The deck every demo rate card is cut from: one row per destination, one column per card. */
export const DEMO_DESTINATIONS: DemoDestination[] = [
  {
    prefix: '1',
    destination: 'United States / Canada',
    buy: { alpine: '0.0048', baltic: '0.0052', celtic: '0.0060', atlantic: '0.0035' },
    sell: { wholesale: '0.0120', retail: '0.0200' },
  },
  {
    prefix: '1242',
    destination: 'Bahamas',
    buy: { alpine: '0.1450', celtic: '0.1380', atlantic: '0.1200' },
    sell: { wholesale: '0.1800', retail: '0.2490' },
  },
  {
    prefix: '20',
    destination: 'Egypt',
    buy: { alpine: '0.0950', baltic: '0.0900', danube: '0.0870', atlantic: '0.0990' },
    sell: { wholesale: '0.1300', retail: '0.1990' },
  },
  {
    prefix: '234',
    destination: 'Nigeria',
    buy: { alpine: '0.0980', baltic: '0.1020', celtic: '0.0950', danube: '0.0910', atlantic: '0.1050' },
    sell: { wholesale: '0.1350', retail: '0.1990' },
  },
  {
    prefix: '2348',
    destination: 'Nigeria - Mobile',
    buy: { alpine: '0.1050', baltic: '0.1100', celtic: '0.1020', danube: '0.0990', atlantic: '0.1120' },
    sell: { wholesale: '0.1450', retail: '0.2190' },
  },
  {
    prefix: '31',
    destination: 'Netherlands',
    buy: { alpine: '0.0058', baltic: '0.0062', celtic: '0.0065', danube: '0.0070', atlantic: '0.0060' },
    sell: { wholesale: '0.0130', retail: '0.0220' },
  },
  {
    prefix: '316',
    destination: 'Netherlands - Mobile',
    buy: { alpine: '0.0520', baltic: '0.0550', celtic: '0.0540', atlantic: '0.0560' },
    sell: { wholesale: '0.0750', retail: '0.1190' },
  },
  {
    prefix: '32',
    destination: 'Belgium',
    buy: { alpine: '0.0078', baltic: '0.0082', danube: '0.0085' },
    sell: { wholesale: '0.0150', retail: '0.0250' },
  },
  {
    prefix: '324',
    destination: 'Belgium - Mobile',
    buy: { alpine: '0.0590', baltic: '0.0610', danube: '0.0640' },
    sell: { wholesale: '0.0850', retail: '0.1390' },
  },
  {
    prefix: '33',
    destination: 'France',
    buy: { alpine: '0.0049', baltic: '0.0047', celtic: '0.0052', danube: '0.0055', atlantic: '0.0050' },
    sell: { wholesale: '0.0110', retail: '0.0190' },
  },
  {
    prefix: '331',
    destination: 'France - Paris',
    buy: { alpine: '0.0043', baltic: '0.0045', celtic: '0.0048', danube: '0.0050' },
    sell: { wholesale: '0.0100', retail: '0.0170' },
  },
  {
    prefix: '336',
    destination: 'France - Mobile',
    buy: { alpine: '0.0240', baltic: '0.0235', celtic: '0.0250', danube: '0.0260', atlantic: '0.0270' },
    sell: { wholesale: '0.0400', retail: '0.0690' },
  },
  {
    prefix: '337',
    destination: 'France - Mobile',
    buy: { alpine: '0.0240', baltic: '0.0235', celtic: '0.0250', danube: '0.0260', atlantic: '0.0270' },
    sell: { wholesale: '0.0400', retail: '0.0690' },
  },
  {
    prefix: '34',
    destination: 'Spain',
    buy: { alpine: '0.0053', baltic: '0.0056', celtic: '0.0058', danube: '0.0060', atlantic: '0.0055' },
    sell: { wholesale: '0.0120', retail: '0.0210' },
  },
  {
    prefix: '346',
    destination: 'Spain - Mobile',
    buy: { alpine: '0.0290', baltic: '0.0300', celtic: '0.0310', danube: '0.0320', atlantic: '0.0300' },
    sell: { wholesale: '0.0450', retail: '0.0790' },
  },
  {
    prefix: '39',
    destination: 'Italy',
    buy: { alpine: '0.0063', baltic: '0.0066', celtic: '0.0060', danube: '0.0070', atlantic: '0.0065' },
    sell: { wholesale: '0.0130', retail: '0.0230' },
  },
  {
    prefix: '393',
    destination: 'Italy - Mobile',
    buy: { alpine: '0.0340', baltic: '0.0350', celtic: '0.0330', danube: '0.0360', atlantic: '0.0350' },
    sell: { wholesale: '0.0500', retail: '0.0890' },
  },
  {
    prefix: '41',
    destination: 'Switzerland',
    buy: { alpine: '0.0110', baltic: '0.0125', celtic: '0.0130' },
    sell: { wholesale: '0.0220', retail: '0.0390' },
  },
  {
    prefix: '417',
    destination: 'Switzerland - Mobile',
    buy: { alpine: '0.1050', baltic: '0.1120', celtic: '0.1100' },
    sell: { wholesale: '0.1500', retail: '0.2290' },
  },
  {
    prefix: '43',
    destination: 'Austria',
    buy: { alpine: '0.0075', baltic: '0.0080', celtic: '0.0085', danube: '0.0072' },
    sell: { wholesale: '0.0150', retail: '0.0260' },
  },
  {
    prefix: '436',
    destination: 'Austria - Mobile',
    buy: { alpine: '0.0430', baltic: '0.0450', celtic: '0.0460', danube: '0.0420' },
    sell: { wholesale: '0.0650', retail: '0.1090' },
  },
  {
    prefix: '44',
    destination: 'United Kingdom',
    buy: { alpine: '0.0038', baltic: '0.0040', celtic: '0.0036', danube: '0.0045', atlantic: '0.0042' },
    sell: { wholesale: '0.0100', retail: '0.0180' },
  },
  {
    prefix: '447',
    destination: 'United Kingdom - Mobile',
    buy: { alpine: '0.0145', baltic: '0.0150', celtic: '0.0140', danube: '0.0160', atlantic: '0.0155' },
    // Wholesale rises to 0.0290 next month: see DEMO_SCHEDULED_CHANGES in rate-cards.ts.
    sell: { wholesale: '0.0250', retail: '0.0490' },
  },
  {
    prefix: '48',
    destination: 'Poland',
    buy: { alpine: '0.0068', baltic: '0.0070', celtic: '0.0072', danube: '0.0065', atlantic: '0.0070' },
    sell: { wholesale: '0.0140', retail: '0.0240' },
  },
  {
    prefix: '485',
    destination: 'Poland - Mobile',
    buy: { alpine: '0.0115', baltic: '0.0120', celtic: '0.0125', danube: '0.0110' },
    sell: { wholesale: '0.0200', retail: '0.0350' },
  },
  {
    prefix: '49',
    destination: 'Germany',
    buy: { alpine: '0.0042', baltic: '0.0046', celtic: '0.0050', danube: '0.0055', atlantic: '0.0048' },
    sell: { wholesale: '0.0100', retail: '0.0190' },
  },
  {
    prefix: '4915',
    destination: 'Germany - Mobile',
    buy: { alpine: '0.0580', baltic: '0.0600', celtic: '0.0620', danube: '0.0640', atlantic: '0.0650' },
    sell: { wholesale: '0.0800', retail: '0.1290' },
  },
  {
    prefix: '4916',
    destination: 'Germany - Mobile',
    buy: { alpine: '0.0580', baltic: '0.0600', celtic: '0.0620', danube: '0.0640', atlantic: '0.0650' },
    sell: { wholesale: '0.0800', retail: '0.1290' },
  },
  {
    prefix: '4917',
    destination: 'Germany - Mobile',
    buy: { alpine: '0.0580', baltic: '0.0600', celtic: '0.0620', danube: '0.0640', atlantic: '0.0650' },
    sell: { wholesale: '0.0800', retail: '0.1290' },
  },
  {
    // Priced, but blocked by both routing plans: premium-rate numbers are a toll-fraud target.
    prefix: '4990',
    destination: 'Germany - Premium services',
    buy: { alpine: '1.2000', celtic: '1.2500' },
    sell: { wholesale: '2.4900', retail: '2.9900' },
  },
  {
    prefix: '61',
    destination: 'Australia',
    buy: { alpine: '0.0095', baltic: '0.0100', celtic: '0.0105', atlantic: '0.0090' },
    sell: { wholesale: '0.0200', retail: '0.0350' },
  },
  {
    prefix: '614',
    destination: 'Australia - Mobile',
    buy: { alpine: '0.0280', baltic: '0.0300', celtic: '0.0290', atlantic: '0.0270' },
    sell: { wholesale: '0.0450', retail: '0.0790' },
  },
  {
    prefix: '81',
    destination: 'Japan',
    buy: { alpine: '0.0230', celtic: '0.0240', danube: '0.0250', atlantic: '0.0220' },
    sell: { wholesale: '0.0400', retail: '0.0690' },
  },
  {
    prefix: '86',
    destination: 'China',
    buy: { alpine: '0.0075', baltic: '0.0080', celtic: '0.0078', danube: '0.0085', atlantic: '0.0070' },
    sell: { wholesale: '0.0150', retail: '0.0290' },
  },
  {
    prefix: '90',
    destination: 'Turkey',
    buy: { alpine: '0.0190', baltic: '0.0200', danube: '0.0180' },
    sell: { wholesale: '0.0350', retail: '0.0590' },
  },
  {
    prefix: '905',
    destination: 'Turkey - Mobile',
    buy: { alpine: '0.0680', baltic: '0.0700', danube: '0.0650' },
    sell: { wholesale: '0.1000', retail: '0.1590' },
  },
  {
    prefix: '91',
    destination: 'India',
    buy: { alpine: '0.0170', baltic: '0.0180', celtic: '0.0175', danube: '0.0165', atlantic: '0.0160' },
    sell: { wholesale: '0.0290', retail: '0.0490' },
  },
  {
    prefix: '971',
    destination: 'United Arab Emirates',
    buy: { alpine: '0.1250', celtic: '0.1300', danube: '0.1200', atlantic: '0.1280' },
    sell: { wholesale: '0.1800', retail: '0.2690' },
  },
];

/** The price per minute of a destination on one card's column; undefined = not on that card. */
export function priceOf(row: DemoDestination, column: PriceColumn): string | undefined {
  return column === 'wholesale' || column === 'retail' ? row.sell[column] : row.buy[column];
}
