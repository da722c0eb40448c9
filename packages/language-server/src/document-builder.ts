import { Cancellation, DefaultDocumentBuilder, interruptAndCheck, isOperationCancelled, type BuildOptions, type LangiumDocument, type URI } from 'langium';

/** Changes closer together than this are one burst of typing. */
export const TYPING_PAUSE_MS = 100;

/**
 * Builds at once after a single change, but lets a burst of typing settle first. Parsing a
 * large job cannot be interrupted, so building every intermediate version while keys keep
 * coming delays the diagnostics of the last one by a parse per key. A burst is a change less
 * than a pause after the last one, or one that cancelled the build before it (it came in while
 * that build was busy). The documents are marked changed at once as before, so a hover or
 * completion asked in the pause waits for the new build.
 */
export class JobStdDocumentBuilder extends DefaultDocumentBuilder {
    private lastUpdate = Number.NEGATIVE_INFINITY;
    private superseded = false;
    private settleBeforeBuild = false;

    override async update(changed: URI[], deleted: URI[], cancelToken: Cancellation.CancellationToken = Cancellation.CancellationToken.None): Promise<void> {
        const now = performance.now();
        this.settleBeforeBuild = this.superseded || now - this.lastUpdate < TYPING_PAUSE_MS;
        this.lastUpdate = now;
        this.superseded = false;
        try {
            await super.update(changed, deleted, cancelToken);
        } catch (error) {
            if (isOperationCancelled(error)) this.superseded = true;
            throw error;
        }
    }

    protected override async buildDocuments(documents: LangiumDocument[], options: BuildOptions, cancelToken: Cancellation.CancellationToken): Promise<void> {
        if (this.settleBeforeBuild) {
            this.settleBeforeBuild = false;
            // A newer change cancels this build; the wait ends there and the newer build goes on.
            await pause(TYPING_PAUSE_MS, cancelToken);
            await interruptAndCheck(cancelToken);
        }
        return super.buildDocuments(documents, options, cancelToken);
    }
}

function pause(ms: number, cancelToken: Cancellation.CancellationToken): Promise<void> {
    return new Promise(resolve => {
        const timer = setTimeout(done, ms);
        const listener = cancelToken.onCancellationRequested(done);
        function done() {
            clearTimeout(timer);
            listener.dispose();
            resolve();
        }
    });
}
