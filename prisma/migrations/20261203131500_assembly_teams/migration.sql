-- Assemblies belong to teams, as VDCs do: each existing one goes to its owner's personal team.
ALTER TABLE "Assembly" ADD COLUMN "teamId" TEXT;
UPDATE "Assembly" a SET "teamId" = (
  SELECT t."id" FROM "Team" t JOIN "TeamMember" m ON m."teamId" = t."id"
  WHERE t."personal" AND m."userId" = a."ownerId" AND m."role" = 'admin'
  ORDER BY t."createdAt" LIMIT 1
);
ALTER TABLE "Assembly" ALTER COLUMN "teamId" SET NOT NULL;
CREATE INDEX "Assembly_teamId_idx" ON "Assembly"("teamId");
ALTER TABLE "Assembly" ADD CONSTRAINT "Assembly_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
