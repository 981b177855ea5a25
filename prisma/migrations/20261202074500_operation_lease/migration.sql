-- Exactly-once operations: each run of an operation takes a new fence in its claim and holds a
-- lease it renews; every write of a run checks the fence (see packages/control/src/operations).
ALTER TABLE "Operation" ADD COLUMN "fence" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "Operation" ADD COLUMN "leaseOwner" TEXT;
ALTER TABLE "Operation" ADD COLUMN "leaseExpiresAt" TIMESTAMPTZ(3);
