-- Class versions users commit from a class prototype, and the version each class's followers use.
CREATE TABLE "ClassVersion" (
    "id" TEXT NOT NULL,
    "classId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "baseVersion" INTEGER NOT NULL,
    "definition" JSONB NOT NULL,
    "image" TEXT NOT NULL,
    "imageId" TEXT NOT NULL,
    "note" TEXT NOT NULL DEFAULT '',
    "createdBy" TEXT NOT NULL DEFAULT '',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ClassVersion_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "ClassVersion_classId_version_key" ON "ClassVersion"("classId", "version");

CREATE TABLE "ClassHead" (
    "classId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ClassHead_pkey" PRIMARY KEY ("classId")
);
