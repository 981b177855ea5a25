import { redirect } from 'next/navigation';

// Tokens are the only settings so far.
export default function SettingsPage() {
  redirect('/settings/tokens');
}
