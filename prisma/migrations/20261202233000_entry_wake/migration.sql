-- Entries: start on first request (the edge listener holds connections while Colo starts the VDC).
ALTER TABLE "Entry" ADD COLUMN "wakeOnRequest" BOOLEAN NOT NULL DEFAULT false;
