import type { Metadata } from 'next';
import { requireArea } from '../../../../lib/session';
import { PageHeader } from '../../../ui/page-header';
import { createAdministrator } from '../actions';
import { AdministratorForm } from '../administrator-form';

export const metadata: Metadata = { title: 'New login' };

export default async function NewAdministratorPage({ params }: { params: Promise<{ area: string }> }) {
  const { area } = await requireArea((await params).area);
  return (
    <>
      <PageHeader
        title="New login"
        description="A colleague who works in this console, with the role you give them."
      />
      <AdministratorForm
        action={createAdministrator.bind(null, area)}
        creating
        cancelHref={`/${area}/administrators`}
        initial={{ displayName: '', email: '', role: 'admin' }}
      />
    </>
  );
}
