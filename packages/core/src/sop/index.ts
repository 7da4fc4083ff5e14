export * from './action-kinds.js';
export * from './diff.js';
export * from './engine.js';
export * from './flow.js';
export * from './schema.js';
export * from './validate.js';
