export * from './class-schema';
export * from './resolved';
