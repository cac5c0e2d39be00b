export * from './calendar';
export * from './firm-up';
