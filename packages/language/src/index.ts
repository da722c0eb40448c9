export * from './core.js';
export * from './export/index.js';
export * from './import/index.js';
