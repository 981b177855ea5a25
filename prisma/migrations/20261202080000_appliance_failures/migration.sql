-- The flap guard's record: every failure the worker saw for an appliance's containers (a crash,
-- an out-of-memory kill, a failing health check), and the appliances it stopped for failing
-- too often. Kept in step with prisma/schema.prisma (ApplianceFailure, ApplianceFlag).

-- CreateEnum
CREATE TYPE "FailureKind" AS ENUM ('exited', 'oom', 'unhealthy');

-- CreateTable
CREATE TABLE "ApplianceFailure" (
    "id" BIGSERIAL NOT NULL,
    "vdcId" TEXT NOT NULL,
    "appliance" TEXT NOT NULL,
    "container" TEXT NOT NULL,
    "kind" "FailureKind" NOT NULL,
    "exitCode" INTEGER,
    "detail" TEXT,
    "eventKey" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ApplianceFailure_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ApplianceFlag" (
    "vdcId" TEXT NOT NULL,
    "appliance" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "operationId" TEXT,
    "flaggedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "clearedAt" TIMESTAMP(3),

    CONSTRAINT "ApplianceFlag_pkey" PRIMARY KEY ("vdcId","appliance")
);

-- CreateIndex
CREATE UNIQUE INDEX "ApplianceFailure_eventKey_key" ON "ApplianceFailure"("eventKey");

-- CreateIndex
CREATE INDEX "ApplianceFailure_vdcId_appliance_at_idx" ON "ApplianceFailure"("vdcId", "appliance", "at");

-- AddForeignKey
ALTER TABLE "ApplianceFailure" ADD CONSTRAINT "ApplianceFailure_vdcId_fkey" FOREIGN KEY ("vdcId") REFERENCES "Vdc"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApplianceFlag" ADD CONSTRAINT "ApplianceFlag_vdcId_fkey" FOREIGN KEY ("vdcId") REFERENCES "Vdc"("id") ON DELETE CASCADE ON UPDATE CASCADE;
