import 'reflect-metadata';

export * from './auth';
export * from './calendar';
export * from './config';
export * from './connection';
export * from './db';
export * from './departments';
export * from './errors';
export * from './graph-client';
export * from './http';
export * from './internal-call';
export * from './loaders';
export * from './period';
export * from './logger';
export * from './scalars';
export * from './schema';
export * from './subgraph';
export * from './subgraph-list';
