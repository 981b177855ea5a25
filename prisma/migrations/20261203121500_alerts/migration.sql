-- Alerts: rules per VDC, the alerts they open (one per cause while open: openKey is unique),
-- their deliveries to webhooks and e-mail with every attempt, and the SMTP settings. Plain id
-- columns, no foreign keys: the rows outlive nothing they must not, and touch no other model.
CREATE TABLE "AlertRule" (
    "id" TEXT NOT NULL,
    "vdcId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "appliance" TEXT,
    "thresholdSeconds" INTEGER,
    "thresholdPercent" INTEGER,
    "channels" JSONB NOT NULL DEFAULT '[]',
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "AlertRule_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "AlertRule_vdcId_idx" ON "AlertRule"("vdcId");

CREATE TABLE "Alert" (
    "id" TEXT NOT NULL,
    "vdcId" TEXT NOT NULL,
    "vdcName" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "ruleKey" TEXT NOT NULL,
    "appliance" TEXT,
    "subject" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "message" TEXT NOT NULL,
    "openKey" TEXT,
    "firstSeen" TIMESTAMP(3) NOT NULL,
    "openedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "firedAt" TIMESTAMP(3),
    "resolvedAt" TIMESTAMP(3),
    "acknowledgedAt" TIMESTAMP(3),
    "acknowledgedById" TEXT,

    CONSTRAINT "Alert_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "Alert_openKey_key" ON "Alert"("openKey");
CREATE INDEX "Alert_vdcId_state_idx" ON "Alert"("vdcId", "state");
CREATE INDEX "Alert_state_firstSeen_idx" ON "Alert"("state", "firstSeen");

CREATE TABLE "AlertDelivery" (
    "id" TEXT NOT NULL,
    "alertId" TEXT NOT NULL,
    "event" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "target" TEXT NOT NULL,
    "format" TEXT,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lockedUntil" TIMESTAMP(3),
    "lastError" TEXT,
    "sentAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AlertDelivery_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "AlertDelivery_alertId_event_channel_target_key" ON "AlertDelivery"("alertId", "event", "channel", "target");
CREATE INDEX "AlertDelivery_status_nextAttemptAt_idx" ON "AlertDelivery"("status", "nextAttemptAt");

CREATE TABLE "AlertDeliveryAttempt" (
    "id" BIGSERIAL NOT NULL,
    "deliveryId" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "ok" BOOLEAN NOT NULL,
    "detail" TEXT,

    CONSTRAINT "AlertDeliveryAttempt_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "AlertDeliveryAttempt_deliveryId_idx" ON "AlertDeliveryAttempt"("deliveryId");

CREATE TABLE "SmtpSettings" (
    "id" TEXT NOT NULL DEFAULT 'smtp',
    "host" TEXT NOT NULL,
    "port" INTEGER NOT NULL,
    "security" TEXT NOT NULL,
    "user" TEXT,
    "passwordSealed" TEXT,
    "from" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SmtpSettings_pkey" PRIMARY KEY ("id")
);
