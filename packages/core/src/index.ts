export * from './contracts/audit.js';
export * from './contracts/auth.js';
export * from './contracts/common.js';
export * from './contracts/org.js';
export * from './messages.js';
export * from './nip.js';
export * from './person-name.js';
export * from './time-zones.js';
