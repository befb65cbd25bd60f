import { redirect } from 'next/navigation';
import { landingPath } from '../lib/session';

/** The root sends each user to its own area (or to the login page). */
export default async function Home(): Promise<never> {
  redirect(await landingPath());
}
