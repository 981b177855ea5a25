-- The audit log: every change and refused attempt, kept apart from the rows it names (no foreign
-- keys), so it survives the deletion of a VDC, a token or a user.
CREATE TABLE "AuditEvent" (
    "id" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actorId" TEXT,
    "actorEmail" TEXT NOT NULL,
    "via" TEXT NOT NULL,
    "tokenId" TEXT,
    "address" TEXT,
    "action" TEXT NOT NULL,
    "outcome" TEXT NOT NULL,
    "status" INTEGER,
    "vdcId" TEXT,
    "vdcName" TEXT,
    "teamId" TEXT,
    "detail" JSONB,

    CONSTRAINT "AuditEvent_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "AuditEvent_at_idx" ON "AuditEvent"("at");
CREATE INDEX "AuditEvent_actorId_at_idx" ON "AuditEvent"("actorId", "at");
CREATE INDEX "AuditEvent_vdcId_at_idx" ON "AuditEvent"("vdcId", "at");
CREATE INDEX "AuditEvent_teamId_at_idx" ON "AuditEvent"("teamId", "at");
