import type { CdrFileProblem, SwitchCdr } from '@tollgate/cdr';
import type { DataSource } from 'typeorm';
import { escapeLike } from '../tenancy/like-pattern';
import type { TenantScope } from '../tenancy/tenant-scope';

/** What the file calls the identifying columns, for its problems (acc: src_user, src_ip). */
export type IdentityFields = Record<'line' | 'sourceIp' | 'accountCode', string>;

/** Whose call a row is: the billing account and what identified it. */
export interface IdentifiedCall {
  accountId: string;
  lineId: string | null;
  trunkServiceId: string | null;
}

/**
 * Finds the billing account of each call of a chunk inside the importer's subtree, as authorize does:
 * the line (user@domain) first, else the SIP trunk whose source ranges hold the source IP, else the
 * account code. A line, trunk or account of another tenant is not found, exactly like one that does not
 * exist: such a row is a bad row, never a CDR of someone else's account. One query per kind per chunk.
 */
export class CdrImportIdentities {
  constructor(
    private readonly dataSource: DataSource,
    private readonly scope: TenantScope,
    private readonly fields: IdentityFields,
  ) {}

  async identify(calls: readonly SwitchCdr[]): Promise<Array<IdentifiedCall | CdrFileProblem>> {
    const [lines, trunks, accounts] = await Promise.all([
      this.lines(calls),
      this.trunks(calls),
      this.accountCodes(calls),
    ]);
    return calls.map((call): IdentifiedCall | CdrFileProblem => {
      const { identity } = call;
      const line = identity.line && lines.get(lineKey(identity.line));
      if (line) return { accountId: line.accountId, lineId: line.id, trunkServiceId: null };
      const trunk = identity.sourceIp !== null ? trunks.get(identity.sourceIp) : undefined;
      if (trunk) return { accountId: trunk.accountId, lineId: null, trunkServiceId: trunk.id };
      const found = identity.accountCode !== null ? accounts.get(identity.accountCode) : undefined;
      if (found?.length === 1) return { accountId: found[0]!, lineId: null, trunkServiceId: null };
      return unidentified(call, found?.length ?? 0, this.fields);
    });
  }

  private async lines(calls: readonly SwitchCdr[]) {
    const wanted = calls.flatMap((call) => (call.identity.line ? [call.identity.line] : []));
    if (wanted.length === 0) return new Map<string, { id: string; accountId: string }>();
    const rows = (await this.dataSource.query(
      `SELECT line.id, line.account_id AS "accountId", line.username, lower(domain.name) AS domain
         FROM lines line
         JOIN domains domain ON domain.id = line.domain_id
         JOIN accounts account ON account.id = line.account_id AND account.deleted_at IS NULL
         JOIN tenants tenant ON tenant.id = account.tenant_id
        WHERE line.deleted_at IS NULL AND domain.deleted_at IS NULL AND tenant.path LIKE $3
          AND (line.username, lower(domain.name)) IN (SELECT * FROM unnest($1::text[], $2::text[]))`,
      [wanted.map((line) => line.username), wanted.map((line) => line.domain), this.scopePath],
    )) as Array<{ id: string; accountId: string; username: string; domain: string }>;
    return new Map(rows.map((row) => [lineKey(row), row]));
  }

  private async trunks(calls: readonly SwitchCdr[]) {
    const wanted = [...new Set(calls.flatMap((call) => call.identity.sourceIp ?? []))];
    if (wanted.length === 0) return new Map<string, { id: string; accountId: string }>();
    // Source ranges of live trunks never overlap (services refuse it), so one trunk at most per address.
    const rows = (await this.dataSource.query(
      `SELECT DISTINCT ON (wanted.ip) wanted.ip AS "sourceIp", trunk.id, trunk.account_id AS "accountId"
         FROM unnest($1::text[]) AS wanted(ip)
         JOIN services trunk ON trunk.kind = 'sip_trunk' AND trunk.status <> 'terminated'
          AND EXISTS (SELECT 1 FROM unnest(trunk.allowed_source_ips) AS range(cidr) WHERE range.cidr >>= wanted.ip::inet)
         JOIN accounts account ON account.id = trunk.account_id AND account.deleted_at IS NULL
         JOIN tenants tenant ON tenant.id = account.tenant_id
        WHERE tenant.path LIKE $2
        ORDER BY wanted.ip, trunk.created_at`,
      [wanted, this.scopePath],
    )) as Array<{ sourceIp: string; id: string; accountId: string }>;
    return new Map(rows.map((row) => [row.sourceIp, row]));
  }

  /** Account codes are unique per tenant, not across a reseller's tree: a code may name several. */
  private async accountCodes(calls: readonly SwitchCdr[]) {
    const wanted = [...new Set(calls.flatMap((call) => call.identity.accountCode ?? []))];
    const accounts = new Map<string, string[]>();
    if (wanted.length === 0) return accounts;
    const rows = (await this.dataSource.query(
      `SELECT account.id, account.code
         FROM accounts account JOIN tenants tenant ON tenant.id = account.tenant_id
        WHERE account.deleted_at IS NULL AND tenant.path LIKE $2 AND account.code = ANY($1::text[])`,
      [wanted, this.scopePath],
    )) as Array<{ id: string; code: string }>;
    for (const row of rows) accounts.set(row.code, [...(accounts.get(row.code) ?? []), row.id]);
    return accounts;
  }

  private get scopePath(): string {
    return `${escapeLike(this.scope.tenantPath)}%`;
  }
}

function lineKey(line: { username: string; domain: string }): string {
  return `${line.username}@${line.domain}`;
}

function unidentified(call: SwitchCdr, codeMatches: number, fields: IdentityFields): CdrFileProblem {
  const { identity } = call;
  const problem = (field: string, reason: string, value: string | null): CdrFileProblem => ({
    line: call.line,
    field,
    reason,
    value,
  });
  if (codeMatches > 1)
    return problem(
      fields.accountCode,
      `names ${codeMatches} accounts of your resellers: use a line or IP`,
      identity.accountCode,
    );
  if (identity.accountCode !== null)
    return problem(fields.accountCode, 'no such account', identity.accountCode);
  if (identity.sourceIp !== null)
    return problem(
      fields.sourceIp,
      identity.line ? 'no such line, and no SIP trunk has this source IP' : 'no SIP trunk has this source IP',
      identity.sourceIp,
    );
  return problem(fields.line, 'no such line', identity.line ? lineKey(identity.line) : null);
}
