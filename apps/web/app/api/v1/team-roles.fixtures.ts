// What team-roles.test.ts takes from control and db, in one place.
export { acceptInvite, createApiToken, createInvite, createTeam, createVdc, roleAllows, type TeamRole } from '@colo/control';
export { getPrisma } from '@colo/db';
