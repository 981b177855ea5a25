-- Container metrics sampled by the worker: raw samples (1 h) and per-minute / per-hour roll-ups.
CREATE TABLE "MetricSample" (
    "vdcId" TEXT NOT NULL,
    "appliance" TEXT NOT NULL,
    "replica" INTEGER NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "cpu" DOUBLE PRECISION NOT NULL,
    "memoryUsed" DOUBLE PRECISION NOT NULL,
    "memoryLimit" DOUBLE PRECISION NOT NULL,
    "netRx" DOUBLE PRECISION NOT NULL,
    "netTx" DOUBLE PRECISION NOT NULL,
    "blockRead" DOUBLE PRECISION NOT NULL,
    "blockWrite" DOUBLE PRECISION NOT NULL,
    CONSTRAINT "MetricSample_pkey" PRIMARY KEY ("vdcId", "appliance", "replica", "at")
);

CREATE INDEX "MetricSample_at_idx" ON "MetricSample"("at");

CREATE TABLE "MetricRollup" (
    "resolution" INTEGER NOT NULL,
    "vdcId" TEXT NOT NULL,
    "appliance" TEXT NOT NULL,
    "replica" INTEGER NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "samples" INTEGER NOT NULL,
    "cpuAvg" DOUBLE PRECISION NOT NULL,
    "cpuMax" DOUBLE PRECISION NOT NULL,
    "memoryAvg" DOUBLE PRECISION NOT NULL,
    "memoryMax" DOUBLE PRECISION NOT NULL,
    "memoryLimit" DOUBLE PRECISION NOT NULL,
    "netRxAvg" DOUBLE PRECISION NOT NULL,
    "netRxMax" DOUBLE PRECISION NOT NULL,
    "netTxAvg" DOUBLE PRECISION NOT NULL,
    "netTxMax" DOUBLE PRECISION NOT NULL,
    "blockReadAvg" DOUBLE PRECISION NOT NULL,
    "blockReadMax" DOUBLE PRECISION NOT NULL,
    "blockWriteAvg" DOUBLE PRECISION NOT NULL,
    "blockWriteMax" DOUBLE PRECISION NOT NULL,
    CONSTRAINT "MetricRollup_pkey" PRIMARY KEY ("resolution", "vdcId", "appliance", "replica", "at")
);

CREATE INDEX "MetricRollup_resolution_at_idx" ON "MetricRollup"("resolution", "at");
