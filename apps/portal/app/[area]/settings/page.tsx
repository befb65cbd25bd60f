import type { Metadata } from 'next';
import { api, mustRead, requireArea } from '../../../lib/session';
import { PageHeader } from '../../ui/page-header';
import { SettingsForm } from './settings-form';

export const metadata: Metadata = { title: 'Settings' };

export default async function SettingsPage({
  params,
  searchParams,
}: {
  params: Promise<{ area: string }>;
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const { area } = await requireArea((await params).area);
  const saved = Boolean((await searchParams).saved);
  const settings = await mustRead((await api()).GET('/settings'));
  return (
    <>
      <PageHeader
        title="Settings"
        description={
          area === 'reseller'
            ? 'Your brand, as your customers see it in their portal, and the defaults of new accounts.'
            : 'The brand of the operator console and of your customers’ portal, and the defaults of new accounts.'
        }
      />
      <SettingsForm
        area={area}
        saved={saved}
        initial={{
          brandName: settings.brandName ?? '',
          logoUrl: settings.logoUrl ?? '',
          primaryColor: settings.primaryColor ?? '',
          accentColor: settings.accentColor ?? '',
          supportEmail: settings.supportEmail ?? '',
          defaultCurrency: settings.defaultCurrency,
          defaultTimezone: settings.defaultTimezone,
          taxRate: settings.taxRate,
        }}
      />
    </>
  );
}
