-- CreateTable
CREATE TABLE "NodeBootstrapLink" (
    "id" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "usedAt" TIMESTAMP(3),

    CONSTRAINT "NodeBootstrapLink_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "NodeBootstrapLink_tokenHash_key" ON "NodeBootstrapLink"("tokenHash");

-- CreateIndex
CREATE INDEX "NodeBootstrapLink_expiresAt_idx" ON "NodeBootstrapLink"("expiresAt");
