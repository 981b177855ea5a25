-- Assemblies saved by users: versions (immutable definitions) and who they are shared with.
CREATE TYPE "AssemblyVisibility" AS ENUM ('private', 'shared', 'published');

CREATE TABLE "Assembly" (
    "id" TEXT NOT NULL,
    "ownerId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "icon" TEXT NOT NULL DEFAULT 'boxes',
    "visibility" "AssemblyVisibility" NOT NULL DEFAULT 'private',
    "latestVersion" INTEGER NOT NULL DEFAULT 0,
    "deletedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    CONSTRAINT "Assembly_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "AssemblyVersion" (
    "assemblyId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "definition" JSONB NOT NULL,
    "note" TEXT NOT NULL DEFAULT '',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "AssemblyVersion_pkey" PRIMARY KEY ("assemblyId", "version")
);

CREATE TABLE "AssemblyShare" (
    "assemblyId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    CONSTRAINT "AssemblyShare_pkey" PRIMARY KEY ("assemblyId", "userId")
);

CREATE INDEX "AssemblyShare_userId_idx" ON "AssemblyShare"("userId");

ALTER TABLE "Assembly" ADD CONSTRAINT "Assembly_ownerId_fkey" FOREIGN KEY ("ownerId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "AssemblyVersion" ADD CONSTRAINT "AssemblyVersion_assemblyId_fkey" FOREIGN KEY ("assemblyId") REFERENCES "Assembly"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "AssemblyShare" ADD CONSTRAINT "AssemblyShare_assemblyId_fkey" FOREIGN KEY ("assemblyId") REFERENCES "Assembly"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "AssemblyShare" ADD CONSTRAINT "AssemblyShare_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
