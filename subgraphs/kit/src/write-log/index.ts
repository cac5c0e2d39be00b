export * from './entry';
export * from './migration';
export * from './resolver';
export * from './scope';
export * from './subscriber';
export * from './values';
