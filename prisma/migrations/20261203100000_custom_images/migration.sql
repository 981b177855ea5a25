-- Images an admin allowed for the custom-image class (never pulled: loaded into the engine).
CREATE TABLE "CustomImage" (
    "reference" TEXT NOT NULL,
    "note" TEXT NOT NULL DEFAULT '',
    "allowedBy" TEXT NOT NULL DEFAULT '',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CustomImage_pkey" PRIMARY KEY ("reference")
);
