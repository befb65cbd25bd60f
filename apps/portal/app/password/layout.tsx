import type { ReactNode } from 'react';
import { areaOf } from '../../lib/areas';
import { currentBrand, requireSession } from '../../lib/session';
import { AppShell } from '../ui/shell/app-shell';

export default async function PasswordLayout({ children }: { children: ReactNode }) {
  const session = await requireSession();
  return (
    <AppShell area={areaOf(session.user)} brand={await currentBrand()} user={session.user}>
      {children}
    </AppShell>
  );
}
