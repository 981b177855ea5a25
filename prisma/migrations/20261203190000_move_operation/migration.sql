-- AlterEnum
ALTER TYPE "OperationKind" ADD VALUE 'move';
