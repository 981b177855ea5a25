-- Teams own VDCs, entries and quotas. Every existing user gets a personal team (admin), which
-- takes over their VDCs, entries and quota; VDC and entry names become unique per team.
CREATE TYPE "TeamRole" AS ENUM ('viewer', 'operator', 'admin');

CREATE TABLE "Team" (
    "id" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "personal" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    CONSTRAINT "Team_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "Team_slug_key" ON "Team"("slug");

CREATE TABLE "TeamMember" (
    "teamId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "role" "TeamRole" NOT NULL DEFAULT 'viewer',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "TeamMember_pkey" PRIMARY KEY ("teamId", "userId")
);
CREATE INDEX "TeamMember_userId_idx" ON "TeamMember"("userId");
ALTER TABLE "TeamMember" ADD CONSTRAINT "TeamMember_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "TeamMember" ADD CONSTRAINT "TeamMember_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE TABLE "TeamInvite" (
    "id" TEXT NOT NULL,
    "teamId" TEXT NOT NULL,
    "role" "TeamRole" NOT NULL DEFAULT 'viewer',
    "tokenHash" TEXT NOT NULL,
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "acceptedById" TEXT,
    "acceptedAt" TIMESTAMP(3),
    "revokedAt" TIMESTAMP(3),
    CONSTRAINT "TeamInvite_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "TeamInvite_tokenHash_key" ON "TeamInvite"("tokenHash");
CREATE INDEX "TeamInvite_teamId_idx" ON "TeamInvite"("teamId");
ALTER TABLE "TeamInvite" ADD CONSTRAINT "TeamInvite_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE TABLE "TeamQuota" (
    "teamId" TEXT NOT NULL,
    "appliances" INTEGER,
    "containers" INTEGER,
    "cpu" DOUBLE PRECISION,
    "memoryBytes" BIGINT,
    "hostPorts" INTEGER,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    CONSTRAINT "TeamQuota_pkey" PRIMARY KEY ("teamId")
);
ALTER TABLE "TeamQuota" ADD CONSTRAINT "TeamQuota_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- A personal team per user: slug from the email's local part, made a DNS label; a clash takes
-- part of the user id.
CREATE TEMP TABLE "_personal" AS
SELECT u."id" AS "userId", u."name" AS "userName",
       'team_' || substr(md5(u."id" || clock_timestamp()::text), 1, 16) AS "teamId",
       COALESCE(NULLIF(trim(both '-' from left(regexp_replace(lower(split_part(u."email", '@', 1)), '[^a-z0-9-]+', '-', 'g'), 40)), ''), 'user') AS "base",
       row_number() OVER (PARTITION BY COALESCE(NULLIF(trim(both '-' from left(regexp_replace(lower(split_part(u."email", '@', 1)), '[^a-z0-9-]+', '-', 'g'), 40)), ''), 'user') ORDER BY u."createdAt", u."id") AS "rank"
FROM "User" u;

INSERT INTO "Team" ("id", "slug", "name", "personal", "updatedAt")
SELECT "teamId", CASE WHEN "rank" = 1 THEN "base" ELSE "base" || '-' || substr(replace("userId", 'usr_', ''), 1, 6) END, "userName", true, CURRENT_TIMESTAMP
FROM "_personal";

INSERT INTO "TeamMember" ("teamId", "userId", "role") SELECT "teamId", "userId", 'admin' FROM "_personal";

INSERT INTO "TeamQuota" ("teamId", "appliances", "containers", "cpu", "memoryBytes", "hostPorts", "updatedAt")
SELECT p."teamId", q."appliances", q."containers", q."cpu", q."memoryBytes", q."hostPorts", q."updatedAt"
FROM "UserQuota" q JOIN "_personal" p ON p."userId" = q."userId";
DROP TABLE "UserQuota";

ALTER TABLE "Vdc" ADD COLUMN "teamId" TEXT;
UPDATE "Vdc" v SET "teamId" = p."teamId" FROM "_personal" p WHERE p."userId" = v."ownerId";
ALTER TABLE "Vdc" ALTER COLUMN "teamId" SET NOT NULL;
DROP INDEX "Vdc_ownerId_name_key";
CREATE UNIQUE INDEX "Vdc_teamId_name_key" ON "Vdc"("teamId", "name");
CREATE INDEX "Vdc_ownerId_idx" ON "Vdc"("ownerId");
ALTER TABLE "Vdc" ADD CONSTRAINT "Vdc_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

ALTER TABLE "Entry" ADD COLUMN "teamId" TEXT;
UPDATE "Entry" e SET "teamId" = p."teamId" FROM "_personal" p WHERE p."userId" = e."ownerId";
ALTER TABLE "Entry" ALTER COLUMN "teamId" SET NOT NULL;
DROP INDEX "Entry_ownerId_name_key";
CREATE UNIQUE INDEX "Entry_teamId_name_key" ON "Entry"("teamId", "name");
CREATE INDEX "Entry_ownerId_idx" ON "Entry"("ownerId");
ALTER TABLE "Entry" ADD CONSTRAINT "Entry_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

DROP TABLE "_personal";
