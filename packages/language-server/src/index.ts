export * from './jobstd-lsp-module.js';
export * from './protocol.js';
export { JobStdFormatter, layoutEdits } from './formatter.js';
export { JobStdCodeActionProvider } from './code-actions.js';
export { apportion, splitEvenly, formatUnits } from './apportion.js';
export { JobStdHoverProvider } from './hover.js';
export { JobStdCompletionProvider } from './completion.js';
