// The Sharing panel's rules, apart from React: what an e-mail added to the list must be, whether
// the draft differs from what is saved, the body PUT /assemblies/:id/sharing gets, and the
// sentence that says who may use the assembly.
import type { AssemblyVisibility } from './types';

export interface SharingState {
  visibility: AssemblyVisibility;
  /** E-mails; only meaningful while `shared`. */
  users: string[];
}

const EMAIL = /^[^\s@]+@[^\s@]+$/;

/** Why `input` cannot join `users`, or null with the address as the server compares it. */
export function checkNewUser(input: string, users: string[]): { email: string; problem: null } | { email: null; problem: string } {
  const email = input.trim().toLowerCase();
  if (!EMAIL.test(email)) return { email: null, problem: `“${input.trim()}” is not an e-mail address.` };
  if (users.includes(email)) return { email: null, problem: `${email} is already on the list.` };
  return { email, problem: null };
}

/** The request body: a user list only for `shared` (the API refuses one otherwise). */
export function sharingBody(draft: SharingState): { visibility: AssemblyVisibility; users?: string[] } {
  return draft.visibility === 'shared' ? { visibility: 'shared', users: draft.users } : { visibility: draft.visibility };
}

export function isDirty(draft: SharingState, saved: SharingState): boolean {
  if (draft.visibility !== saved.visibility) return true;
  if (draft.visibility !== 'shared') return false;
  return [...draft.users].sort().join('\n') !== [...saved.users].sort().join('\n');
}

export function describeSharing({ visibility, users }: SharingState): string {
  if (visibility === 'private') return 'Private: only you can use it.';
  if (visibility === 'published') return 'Published to everyone on this Colo.';
  return users.length === 0 ? 'Shared with nobody yet.' : `Shared with ${users.join(', ')}.`;
}
