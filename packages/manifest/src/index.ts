export * from './class-schema';
