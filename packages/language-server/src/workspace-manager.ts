import { DefaultWorkspaceManager, URI, type Cancellation, type ConfigurationProvider, type FileSystemNode, type WorkspaceFolder } from 'langium';
import type { LangiumSharedServices } from 'langium/lsp';
import { globToRegExp, isExcluded } from './glob.js';
import type { JobStdLspServices } from './jobstd-lsp-module.js';

/**
 * Indexes every `.jobstd` file of the workspace folders, open or not, so links into a
 * library resolve everywhere; skips `node_modules`, `out`, dot-folders (as Langium does)
 * and whatever the `jobstd.exclude` setting lists. The settings and the workspace's
 * jobstd.config.json are read before the first build, so the first diagnostics already
 * follow them.
 */
export class JobStdWorkspaceManager extends DefaultWorkspaceManager {
    private readonly configurationProvider: ConfigurationProvider;
    private exclude: RegExp[] = [];

    constructor(services: LangiumSharedServices) {
        super(services);
        this.configurationProvider = services.workspace.ConfigurationProvider;
        // Every file is checked at start, not only when opened: the Problems view lists the whole workspace, as the CLI does.
        this.initialBuildOptions = { validation: true };
    }

    override async initializeWorkspace(folders: WorkspaceFolder[], cancelToken?: Cancellation.CancellationToken): Promise<void> {
        await this.configurationProvider.ready;
        await this.loadExclude();
        for (const language of this.serviceRegistry.all) {
            await (language as Partial<JobStdLspServices>).settings?.WorkspaceSettings.load(folders);
        }
        return super.initializeWorkspace(folders, cancelToken);
    }

    /** Reads `jobstd.exclude`; true when it changed. */
    async loadExclude(): Promise<boolean> {
        const value: unknown = await this.configurationProvider.getConfiguration('jobstd', 'exclude');
        const globs = Array.isArray(value) ? value.filter((g): g is string => typeof g === 'string' && g.trim() !== '') : [];
        const exclude = globs.map(globToRegExp);
        const changed = exclude.map(String).join('\n') !== this.exclude.map(String).join('\n');
        this.exclude = exclude;
        return changed;
    }

    override shouldIncludeEntry(entry: FileSystemNode): boolean {
        if (!super.shouldIncludeEntry(entry)) return false;
        const relative = this.relativePath(entry.uri);
        return relative === undefined || !isExcluded(relative, this.exclude);
    }

    /** Every file the workspace should index now: after `jobstd.exclude` changed, what to add and drop. */
    async indexedFiles(): Promise<URI[]> {
        const uris: URI[] = [];
        for (const folder of this.folders ?? []) {
            uris.push(...await this.searchFolder(this.getRootFolder(folder)));
        }
        return uris;
    }

    private relativePath(uri: URI): string | undefined {
        const path = uri.path;
        for (const folder of this.folders ?? []) {
            const root = URI.parse(folder.uri).path.replace(/\/$/, '');
            if (path === root) return '';
            if (path.startsWith(root + '/')) return path.slice(root.length + 1);
        }
        return undefined;
    }
}
