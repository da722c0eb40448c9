export * from './json-export.js';
export * from './html-export.js';
