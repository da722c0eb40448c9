export * from './jobstd-lsp-module.js';
export * from './protocol.js';
export { JobStdFormatter, layoutEdits } from './formatter.js';
