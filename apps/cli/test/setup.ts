// Runs in every test file: what the file's tests put in the temp dir goes when it ends.
import { afterAll } from 'vitest';
import { removeTempDirs } from './run-cli';

afterAll(removeTempDirs);
