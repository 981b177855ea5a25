-- API tokens get a scope (what they may do) and an optional expiry. Tokens issued before this
-- had every right their user has: they become `admin`, so nothing that works today breaks.
CREATE TYPE "TokenScope" AS ENUM ('read', 'deploy', 'admin');

ALTER TABLE "ApiToken" ADD COLUMN "scope" "TokenScope" NOT NULL DEFAULT 'admin',
ADD COLUMN "expiresAt" TIMESTAMP(3);
