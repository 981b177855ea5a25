-- CreateTable
CREATE TABLE "RegistryCa" (
    "id" TEXT NOT NULL DEFAULT 'registry',
    "caCert" TEXT NOT NULL,
    "serverCert" TEXT NOT NULL,
    "clientCert" TEXT NOT NULL,
    "hosts" TEXT[],
    "keysSealed" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "RegistryCa_pkey" PRIMARY KEY ("id")
);
