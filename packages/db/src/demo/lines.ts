import { createHash } from 'node:crypto';
import { Line, LineStatus } from '../entities';
import type { DemoContext } from './context';
import { DEMO_OPERATOR } from './credentials';
import { DEMO_ACCOUNTS } from './accounts';

interface DemoLine {
  /** Account code. */
  account: string;
  /** A domain of the account's tenant. */
  domain: string;
  username: string;
  callerIdName: string;
  /** E.164 digits from the regulators' ranges for fiction (BNetzA for Germany, ARCEP for France). */
  callerIdNumber: string;
  maxChannels: number | null;
  status?: LineStatus;
}

/** The dashboard's 8 lines. Every one registers with DEMO_OPERATOR.sipPassword. */
export const DEMO_LINES: DemoLine[] = [
  {
    account: 'DT-1001',
    domain: 'sip.demo.tollgate.test',
    username: 'kiezcafe-1',
    callerIdName: 'Kiez Cafe Counter',
    callerIdNumber: '493023125010',
    maxChannels: 1,
  },
  {
    account: 'DT-1001',
    domain: 'sip.demo.tollgate.test',
    username: 'kiezcafe-2',
    callerIdName: 'Kiez Cafe Office',
    callerIdNumber: '493023125011',
    maxChannels: 1,
  },
  {
    account: 'DT-1002',
    domain: 'pbx.demo.tollgate.test',
    username: 'nordwind-100',
    callerIdName: 'Nordwind Reception',
    callerIdNumber: '494066969100',
    maxChannels: 2,
  },
  {
    account: 'DT-1002',
    domain: 'pbx.demo.tollgate.test',
    username: 'nordwind-101',
    callerIdName: 'Nordwind Dispatch',
    callerIdNumber: '494066969101',
    maxChannels: 2,
  },
  {
    account: 'DT-1002',
    domain: 'pbx.demo.tollgate.test',
    username: 'nordwind-102',
    callerIdName: 'Nordwind Accounts',
    callerIdNumber: '494066969102',
    maxChannels: null,
  },
  {
    account: 'DT-1002',
    domain: 'pbx.demo.tollgate.test',
    username: 'nordwind-103',
    callerIdName: 'Nordwind Warehouse',
    callerIdNumber: '494066969103',
    maxChannels: null,
    // The warehouse phone is switched off for the winter.
    status: LineStatus.Disabled,
  },
  {
    account: 'DR-2001',
    domain: 'sip.reseller.demo.tollgate.test',
    username: 'lumiere-1',
    callerIdName: 'Atelier Lumiere',
    callerIdNumber: '33199001234',
    maxChannels: 1,
  },
  {
    account: 'DR-2001',
    domain: 'sip.reseller.demo.tollgate.test',
    username: 'lumiere-2',
    callerIdName: 'Atelier Lumiere Mobile',
    callerIdNumber: '33639981234',
    maxChannels: 1,
  },
];

/**
 * Kamailio's auth_db digests (`calculate_ha1 = 0`), the realm being the domain name:
 * ha1 = md5(username:realm:password), ha1b = md5(username@domain:realm:password).
 */
export function sipDigests(
  username: string,
  domain: string,
  password: string,
): { ha1: string; ha1b: string } {
  return {
    ha1: md5(`${username}:${domain}:${password}`),
    ha1b: md5(`${username}@${domain}:${domain}:${password}`),
  };
}

export async function insertLines(context: DemoContext): Promise<void> {
  await context.manager.getRepository(Line).insert(
    DEMO_LINES.map(({ account, domain, status, ...line }) => ({
      ...line,
      ...sipDigests(line.username, domain, DEMO_OPERATOR.sipPassword),
      tenantId: context.tenants[tenantOf(account)].id,
      accountId: context.ids.get('account', account),
      domainId: context.ids.get('domain', domain),
      status: status ?? LineStatus.Active,
    })),
  );
}

function tenantOf(code: string) {
  const account = DEMO_ACCOUNTS.find((candidate) => candidate.code === code);
  if (!account) throw new Error(`demo seed: no account ${code}`);
  return account.tenant;
}

function md5(text: string): string {
  return createHash('md5').update(text, 'utf8').digest('hex');
}
