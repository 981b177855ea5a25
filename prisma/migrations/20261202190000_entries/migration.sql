-- Entries: stable published addresses Colo owns, each pointing at one VDC's exposed terminal,
-- and the operations that create, switch and delete them.
ALTER TYPE "OperationKind" ADD VALUE 'entry_switch';
ALTER TYPE "OperationKind" ADD VALUE 'entry_delete';

CREATE TYPE "EntryState" AS ENUM ('creating', 'ready', 'failed');

CREATE TABLE "Entry" (
    "id" TEXT NOT NULL,
    "ownerId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "hostPort" INTEGER NOT NULL,
    "vdcId" TEXT NOT NULL,
    "appliance" TEXT NOT NULL,
    "terminal" TEXT NOT NULL,
    "previousVdcId" TEXT,
    "state" "EntryState" NOT NULL DEFAULT 'creating',
    "switchedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Entry_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "Entry_hostPort_key" ON "Entry"("hostPort");
CREATE UNIQUE INDEX "Entry_ownerId_name_key" ON "Entry"("ownerId", "name");
CREATE INDEX "Entry_vdcId_idx" ON "Entry"("vdcId");

ALTER TABLE "Entry" ADD CONSTRAINT "Entry_ownerId_fkey" FOREIGN KEY ("ownerId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "Entry" ADD CONSTRAINT "Entry_vdcId_fkey" FOREIGN KEY ("vdcId") REFERENCES "Vdc"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
