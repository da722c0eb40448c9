export * from './json-export.js';
export * from './html-export.js';
export * from './html-index.js';
export * from './docx-export.js';
export * from './jsonld-export.js';
