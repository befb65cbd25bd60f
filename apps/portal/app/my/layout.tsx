import type { ReactNode } from 'react';
import { currentBrand, requireArea } from '../../lib/session';
import { AppShell } from '../ui/shell/app-shell';

/** An end user's own account, under its provider's brand (a reseller's customers see the reseller's). */
export default async function MyLayout({ children }: { children: ReactNode }) {
  const session = await requireArea('my');
  return (
    <AppShell area="my" brand={await currentBrand()} user={session.user}>
      {children}
    </AppShell>
  );
}
