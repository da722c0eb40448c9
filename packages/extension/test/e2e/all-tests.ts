// Every test file of the suite, in the order they run: reading first, then the tests that
// edit the fixture's documents, then the commands, which see the edited documents.
// Named *.e2e.ts, not *.test.ts: vitest collects packages/*/test/**/*.test.ts, and these files
// run only inside VS Code (they import 'vscode').
import './language.e2e.js';
import './editing.e2e.js';
import './commands.e2e.js';
import './import.e2e.js';
// Its own fixture: it edits only the ladder it opens.
import './ladders.e2e.js';
// Last: it writes and removes a file of its own, and reads only its own job.
import './robustness.e2e.js';
