import type { ReactNode } from 'react';
import { currentBrand, requireArea } from '../../lib/session';
import { AppShell } from '../ui/shell/app-shell';

/** The operator's and the resellers' consoles: the same pages, each scoped by the API to the caller's subtree. */
export default async function StaffLayout({
  children,
  params,
}: {
  children: ReactNode;
  params: Promise<{ area: string }>;
}) {
  const session = await requireArea((await params).area);
  return (
    <AppShell area={session.area} brand={await currentBrand()} user={session.user}>
      {children}
    </AppShell>
  );
}
