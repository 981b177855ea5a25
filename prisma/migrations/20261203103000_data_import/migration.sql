-- The operation that fills a VDC imported from a .colo.tar with the archive's data.
ALTER TYPE "OperationKind" ADD VALUE IF NOT EXISTS 'data_import';
