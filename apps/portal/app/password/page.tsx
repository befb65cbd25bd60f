import type { Metadata } from 'next';
import { PageHeader } from '../ui/page-header';
import { PasswordForm } from './password-form';

export const metadata: Metadata = { title: 'Change password' };

export default function PasswordPage() {
  return (
    <>
      <PageHeader title="Change password" description="Your other sessions end when the password changes." />
      <PasswordForm />
    </>
  );
}
