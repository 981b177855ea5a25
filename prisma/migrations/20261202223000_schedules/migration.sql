-- Schedules: per VDC, a cron timetable (UTC) for snapshots (keeping the last N) and for stop and
-- start. A snapshot remembers the schedule that took it, so pruning never touches a manual one.
CREATE TYPE "ScheduleKind" AS ENUM ('snapshot', 'stop', 'start');

ALTER TABLE "Snapshot" ADD COLUMN "scheduleId" TEXT;

CREATE TABLE "Schedule" (
    "id" TEXT NOT NULL,
    "vdcId" TEXT NOT NULL,
    "kind" "ScheduleKind" NOT NULL,
    "cron" TEXT NOT NULL,
    "keep" INTEGER,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "nextRunAt" TIMESTAMP(3),
    "lastRunAt" TIMESTAMP(3),
    "lastResult" TEXT,
    "lastOperationId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Schedule_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "Schedule_enabled_nextRunAt_idx" ON "Schedule"("enabled", "nextRunAt");
CREATE INDEX "Schedule_vdcId_idx" ON "Schedule"("vdcId");

ALTER TABLE "Schedule" ADD CONSTRAINT "Schedule_vdcId_fkey" FOREIGN KEY ("vdcId") REFERENCES "Vdc"("id") ON DELETE CASCADE ON UPDATE CASCADE;
