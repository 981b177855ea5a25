import { redirect } from 'next/navigation';

// The overview is home; the proxy and the app layout send signed-out visitors to sign in first.
export default function Home() {
  redirect('/overview');
}
