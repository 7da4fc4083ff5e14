export * from './achievement.js';
export * from './aggregate.js';
export * from './decimal.js';
export * from './efficiency.js';
export * from './individual.js';
export * from './rollup.js';
export * from './scale.js';
export * from './year.js';
