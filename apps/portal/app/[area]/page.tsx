import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { periodOf } from '../../lib/dashboard-periods';
import { toSearchParams } from '../../lib/pagination';
import { api, mustRead, requireArea } from '../../lib/session';
import { PageHeader } from '../ui/page-header';
import { FigurePanel } from './_dashboard/figure-panel';
import { SeriesCharts } from './_dashboard/series-charts';
import { StatusLights } from './_dashboard/status-lights';
import { readSystemStatus } from './_dashboard/system-status';

export const metadata: Metadata = { title: 'Dashboard' };

/**
 * The staff's home: the panel figures of the caller's subtree, its traffic and money over time, and
 * (for the operator) the platform's health, refreshed in place.
 */
export default async function DashboardPage({
  params,
  searchParams,
}: {
  params: Promise<{ area: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { area } = await requireArea((await params).area);
  const period = periodOf(toSearchParams(await searchParams).get('period'));
  const client = await api();
  const [figures, health] = await Promise.all([
    mustRead(client.GET('/dashboard')),
    // The platform's health is the operator's: the API answers it to the owner tenant only.
    area === 'owner' ? readSystemStatus(client) : null,
  ]);
  if (health?.httpStatus === 401) redirect('/session-expired');
  return (
    <>
      <PageHeader
        title="Dashboard"
        description={
          area === 'owner'
            ? 'The whole platform at a glance.'
            : 'Your customers and your resellers at a glance.'
        }
      />
      {health ? <StatusLights initial={health.status} /> : null}
      <FigurePanel figures={figures} area={area} />
      <SeriesCharts client={client} period={period} area={area} />
    </>
  );
}
