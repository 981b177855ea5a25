-- Snapshots (a VDC's revision plus a copy of every instance volume) and the operations that make,
-- clone, restore and delete them. An operation may now say what it produced (`result`).
ALTER TYPE "OperationKind" ADD VALUE 'snapshot';
ALTER TYPE "OperationKind" ADD VALUE 'clone';
ALTER TYPE "OperationKind" ADD VALUE 'restore';
ALTER TYPE "OperationKind" ADD VALUE 'snapshot_delete';

CREATE TYPE "SnapshotStatus" AS ENUM ('creating', 'ready');

ALTER TABLE "Operation" ADD COLUMN "result" JSONB;
ALTER TABLE "Vdc" ADD COLUMN "latestSnapshot" INTEGER NOT NULL DEFAULT 0;

CREATE TABLE "Snapshot" (
    "id" TEXT NOT NULL,
    "vdcId" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "note" TEXT,
    "revisionId" TEXT NOT NULL,
    "status" "SnapshotStatus" NOT NULL DEFAULT 'creating',
    "method" TEXT,
    "sizeBytes" BIGINT NOT NULL DEFAULT 0,
    "pauseMs" INTEGER,
    "durationMs" INTEGER,
    "volumes" JSONB NOT NULL DEFAULT '[]',
    "operationId" TEXT NOT NULL,
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "Snapshot_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "Snapshot_vdcId_number_key" ON "Snapshot"("vdcId", "number");
CREATE UNIQUE INDEX "Snapshot_operationId_key" ON "Snapshot"("operationId");

ALTER TABLE "Snapshot" ADD CONSTRAINT "Snapshot_vdcId_fkey" FOREIGN KEY ("vdcId") REFERENCES "Vdc"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "Snapshot" ADD CONSTRAINT "Snapshot_revisionId_fkey" FOREIGN KEY ("revisionId") REFERENCES "Revision"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "Snapshot" ADD CONSTRAINT "Snapshot_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
