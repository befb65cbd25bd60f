import Decimal from 'decimal.js';
import { SipTransport, Vendor, VendorTrunk } from '../entities';
import type { DemoContext } from './context';

interface DemoTrunk {
  name: string;
  host: string;
  port: number;
  transport: SipTransport;
  /** Digits removed from the E.164 number, then `addPrefix` put in front (e.g. a tech prefix). */
  stripDigits?: number;
  addPrefix?: string;
  maxChannels: number;
  timeoutSeconds?: number;
}

interface DemoVendor {
  name: string;
  currency: string;
  /** Its buy card in rate-cards.ts. */
  buyRateCard: string;
  priority: number;
  weight: number;
  qualityScore: string;
  blockedPrefixes?: string[];
  notes: string;
  trunks: DemoTrunk[];
}

/** The dashboard's 5 vendors, each with its own buy card and 1-2 gateways. */
export const DEMO_VENDORS: DemoVendor[] = [
  {
    name: 'Alpine Voice Exchange',
    currency: 'EUR',
    buyRateCard: 'Alpine Voice buy EUR',
    priority: 1,
    weight: 40,
    qualityScore: '92.50',
    notes: 'Premium A-Z with CLI. NOC: noc@alpinevoice.example.net',
    trunks: [
      {
        name: 'Zurich primary',
        host: 'sbc1.zrh.alpinevoice.example.net',
        port: 5060,
        transport: SipTransport.Udp,
        maxChannels: 300,
      },
      {
        name: 'Frankfurt backup',
        host: 'sbc2.fra.alpinevoice.example.net',
        port: 5061,
        transport: SipTransport.Tls,
        maxChannels: 300,
      },
    ],
  },
  {
    name: 'Baltic Transit',
    currency: 'EUR',
    buyRateCard: 'Baltic Transit buy EUR',
    priority: 2,
    weight: 25,
    qualityScore: '85.00',
    notes: 'Expects the tech prefix 4711# in front of the number.',
    trunks: [
      {
        name: 'Riga',
        host: 'sip.rix.baltictransit.example.net',
        port: 5060,
        transport: SipTransport.Udp,
        addPrefix: '4711#',
        maxChannels: 120,
      },
    ],
  },
  {
    name: 'Celtic Carrier Services',
    currency: 'EUR',
    buyRateCard: 'Celtic Carrier buy EUR',
    priority: 3,
    weight: 20,
    qualityScore: '95.00',
    notes: 'Best answer-seizure ratio; two gateways in Dublin.',
    trunks: [
      {
        name: 'Dublin A',
        host: 'gw-a.dub.celticcarrier.example.net',
        port: 5060,
        transport: SipTransport.Tcp,
        maxChannels: 200,
        timeoutSeconds: 20,
      },
      {
        name: 'Dublin B',
        host: 'gw-b.dub.celticcarrier.example.net',
        port: 5060,
        transport: SipTransport.Tcp,
        maxChannels: 200,
        timeoutSeconds: 20,
      },
    ],
  },
  {
    name: 'Danube Telecom Wholesale',
    currency: 'EUR',
    buyRateCard: 'Danube Telecom buy EUR',
    priority: 4,
    weight: 15,
    qualityScore: '78.50',
    // International networks (satellite, global numbers): refused by this carrier.
    blockedPrefixes: ['881', '882', '883'],
    notes: 'Wants numbers in 00 international format.',
    trunks: [
      {
        name: 'Vienna',
        host: 'voip.vie.danubetelecom.example.net',
        port: 5080,
        transport: SipTransport.Udp,
        addPrefix: '00',
        maxChannels: 90,
      },
    ],
  },
  {
    name: 'Atlantic Bridge Networks',
    currency: 'USD',
    buyRateCard: 'Atlantic Bridge buy USD',
    priority: 5,
    weight: 10,
    qualityScore: '88.00',
    notes: 'Bills in USD. Routed for North America only (routing plans do not mix currencies).',
    trunks: [
      {
        name: 'New York',
        host: 'ny1.atlanticbridge.example.net',
        port: 5060,
        transport: SipTransport.Udp,
        maxChannels: 150,
      },
      {
        name: 'Miami',
        host: 'mia1.atlanticbridge.example.net',
        port: 5061,
        transport: SipTransport.Tls,
        maxChannels: 100,
      },
    ],
  },
];

export async function insertVendors(context: DemoContext): Promise<void> {
  const tenantId = context.tenants.owner.id;
  for (const { trunks, buyRateCard, qualityScore, blockedPrefixes, ...vendor } of DEMO_VENDORS) {
    const saved = await context.manager.getRepository(Vendor).save(
      context.manager.create(Vendor, {
        ...vendor,
        tenantId,
        buyRateCardId: context.ids.get('rateCard', buyRateCard),
        qualityScore: new Decimal(qualityScore),
        blockedPrefixes: blockedPrefixes ?? [],
      }),
    );
    context.ids.set('vendor', vendor.name, saved.id);
    await context.manager
      .getRepository(VendorTrunk)
      .insert(
        trunks.map((trunk) => ({ stripDigits: 0, addPrefix: '', ...trunk, tenantId, vendorId: saved.id })),
      );
  }
}
