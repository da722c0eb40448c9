import {
    UriUtils, URI, type ConfigurationProvider, type DocumentBuilder, type FileSystemProvider, type LangiumDocuments,
    type WorkspaceFolder, type WorkspaceLock
} from 'langium';
import type { TextDocuments } from 'langium/lsp';
import type { TextDocument } from 'langium';
import type { Connection } from 'vscode-languageserver';
import { CONFIG_FILE_NAME, ConfigError, parseConfig, type JobStdConfig, type JobStdConfigProvider } from 'jobstd-language';
import { JobStdWorkspaceManager } from './workspace-manager.js';
import type { JobStdLspServices } from './jobstd-lsp-module.js';

/** The `jobstd` section of the editor's settings, as VS Code sends it. */
interface EditorSettings {
    rules?: unknown;
    placeholders?: { patterns?: unknown };
    weights?: { tolerance?: unknown };
}

/**
 * The configuration in force in the editor: the workspace's jobstd.config.json (read
 * through the file system provider, so it works in the browser too) with the `jobstd.*`
 * settings on top. Whenever either changes, every document is checked again.
 */
export class JobStdWorkspaceSettings {
    private readonly configurationProvider: ConfigurationProvider;
    private readonly fileSystem: FileSystemProvider;
    private readonly config: JobStdConfigProvider;
    private readonly services: JobStdLspServices;
    private folders: readonly WorkspaceFolder[] = [];
    private lastProblem = '';

    constructor(services: JobStdLspServices) {
        this.services = services;
        this.configurationProvider = services.shared.workspace.ConfigurationProvider;
        this.fileSystem = services.shared.workspace.FileSystemProvider;
        this.config = services.config.ConfigProvider;
        this.configurationProvider.onConfigurationSectionUpdate(update => {
            if (update.section === 'jobstd') void this.reload({ excludeChanged: true });
        });
        services.shared.lsp.DocumentUpdateHandler.onWatchedFilesChange(params => {
            if (params.changes.some(change => change.uri.endsWith(`/${CONFIG_FILE_NAME}`))) void this.reload();
        });
    }

    /** Reads both sources and puts the merged configuration in force; true when it changed. */
    async load(folders?: readonly WorkspaceFolder[]): Promise<boolean> {
        if (folders) this.folders = folders;
        const problems: string[] = [];
        const file = await this.readConfigFile(problems);
        const settings = await this.readSettings(problems);
        this.report(problems);
        const merged = mergeConfig(file, settings);
        if (JSON.stringify(merged) === JSON.stringify(this.config.get())) return false;
        this.config.set(merged);
        return true;
    }

    /** After a change: reload, and check every document again if anything changed. */
    async reload(options: { excludeChanged?: boolean } = {}): Promise<void> {
        const changed = await this.load(this.shared().workspace.WorkspaceManager.workspaceFolders ?? this.folders);
        if (options.excludeChanged) await this.reindex();
        if (changed) await this.revalidate();
    }

    /** Runs every check of every document again (after the configuration changed). */
    revalidate(): Promise<void> {
        const lock: WorkspaceLock = this.shared().workspace.WorkspaceLock;
        const builder: DocumentBuilder = this.shared().workspace.DocumentBuilder;
        const documents: LangiumDocuments = this.shared().workspace.LangiumDocuments;
        return lock.write(token => builder.build(documents.all.toArray(), { validation: true }, token));
    }

    /** `jobstd.exclude` changed: index the files it now lets in, forget the ones it now keeps out. */
    private async reindex(): Promise<void> {
        const manager = this.shared().workspace.WorkspaceManager;
        if (!(manager instanceof JobStdWorkspaceManager) || !(await manager.loadExclude())) return;
        const wanted = await manager.indexedFiles();
        const wantedKeys = new Set(wanted.map(uri => uri.toString()));
        const open: TextDocuments<TextDocument> = this.shared().workspace.TextDocuments;
        const documents = this.shared().workspace.LangiumDocuments;
        const added = wanted.filter(uri => !documents.hasDocument(uri));
        const removed = documents.all.map(d => d.uri).filter(uri => !wantedKeys.has(uri.toString()) && !open.get(uri.toString())).toArray();
        if (added.length + removed.length === 0) return;
        await this.shared().workspace.WorkspaceLock.write(token => this.shared().workspace.DocumentBuilder.update(added, removed, token));
    }

    private async readConfigFile(problems: string[]): Promise<JobStdConfig> {
        for (const folder of this.folders) {
            const uri = UriUtils.joinPath(URI.parse(folder.uri), CONFIG_FILE_NAME);
            let text: string;
            try {
                if (!(await this.fileSystem.exists(uri))) continue;
                text = await this.fileSystem.readFile(uri);
            } catch {
                continue;
            }
            try {
                return parseConfig(JSON.parse(text.replace(/^\uFEFF/, '')), CONFIG_FILE_NAME, problems);
            } catch (error) {
                problems.push(error instanceof ConfigError ? error.message : `${CONFIG_FILE_NAME}: invalid JSON: ${(error as Error).message}`);
                return {};
            }
        }
        return {};
    }

    /** Each part of the settings is checked on its own: one bad rule does not drop the patterns. */
    private async readSettings(problems: string[]): Promise<JobStdConfig> {
        const get = (name: string) => this.configurationProvider.getConfiguration('jobstd', name) as Promise<unknown>;
        const settings: EditorSettings = { rules: await get('rules'), placeholders: await get('placeholders') as EditorSettings['placeholders'], weights: await get('weights') as EditorSettings['weights'] };
        const parts: Array<Record<string, unknown>> = [];
        if (isObject(settings.rules) && Object.keys(settings.rules).length > 0) parts.push({ rules: settings.rules });
        const patterns = isObject(settings.placeholders) ? settings.placeholders.patterns : undefined;
        if (Array.isArray(patterns) && patterns.length > 0) parts.push({ placeholders: { patterns } });
        const tolerance = isObject(settings.weights) ? settings.weights.tolerance : undefined;
        if (tolerance !== undefined && tolerance !== null) parts.push({ weights: { tolerance } });
        const config: JobStdConfig = {};
        for (const part of parts) {
            try {
                Object.assign(config, parseConfig(part, 'settings (jobstd.*)', problems));
            } catch (error) {
                problems.push((error as Error).message);
            }
        }
        return config;
    }

    /** Says once what is wrong with the configuration; the rest of it still applies. */
    private report(problems: string[]): void {
        const text = problems.join('\n');
        if (text && text !== this.lastProblem) {
            const connection: Connection | undefined = this.shared().lsp.Connection;
            void connection?.window.showErrorMessage(`jobstd configuration: ${text}`);
        }
        this.lastProblem = text;
    }

    private shared() {
        return this.services.shared;
    }
}

/** The file's configuration with the editor's settings on top, rule by rule. */
export function mergeConfig(file: JobStdConfig, settings: JobStdConfig): JobStdConfig {
    const merged: JobStdConfig = {};
    if (file.rules || settings.rules) merged.rules = { ...file.rules, ...settings.rules };
    if (file.placeholders || settings.placeholders) merged.placeholders = { ...file.placeholders, ...settings.placeholders };
    if (file.weights || settings.weights) merged.weights = { ...file.weights, ...settings.weights };
    return merged;
}

function isObject(value: unknown): value is Record<string, unknown> {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}
