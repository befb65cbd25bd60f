import { redirect } from 'next/navigation';

export default async function StaffHome({ params }: { params: Promise<{ area: string }> }): Promise<never> {
  redirect(`/${(await params).area}/accounts`);
}
