import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import { requestForDocument } from './document-requests.js';
import { errorMessage, isJobStd } from './documents.js';
import { StatusRequest, type StatusParams, type StatusResult, type WeightTotal } from './server-protocol.js';

/** What `jobstd._statusState` reports, since a status-bar item cannot be read through the API. */
export interface StatusBarState {
    visible: boolean;
    text: string;
    tooltip: string;
    uri?: string;
    /** How many times the item was refreshed from the server. */
    updates: number;
}

/** Diagnostics arrive in bursts while the server re-validates the workspace; refresh once they settle. */
const REFRESH_DELAY_MS = 150;

/** The active jobstd document's weight totals and finding count, refreshed as its diagnostics change. */
export class JobStdStatusBar implements vscode.Disposable {
    private readonly item = vscode.window.createStatusBarItem('jobstd.status', vscode.StatusBarAlignment.Right, 100);
    private readonly disposables: vscode.Disposable[] = [this.item];
    private timer: ReturnType<typeof setTimeout> | undefined;
    private generation = 0;
    private shownFor: string | undefined;
    private updates = 0;

    constructor(private readonly client: BaseLanguageClient) {
        this.item.name = 'jobstd: weights and findings';
        this.item.command = 'workbench.actions.view.problems';
    }

    /** Called once the client runs: before that there is no one to ask. */
    start(): void {
        this.disposables.push(
            vscode.window.onDidChangeActiveTextEditor(() => this.refreshSoon(0)),
            vscode.languages.onDidChangeDiagnostics(event => {
                const active = this.activeDocument();
                if (active && event.uris.some(uri => uri.toString() === active.uri.toString())) this.refreshSoon(REFRESH_DELAY_MS);
            }),
        );
        this.refreshSoon(0);
    }

    state(): StatusBarState {
        const tooltip = this.item.tooltip;
        return {
            visible: this.shownFor !== undefined,
            text: this.item.text,
            tooltip: typeof tooltip === 'string' ? tooltip : tooltip?.value ?? '',
            uri: this.shownFor,
            updates: this.updates,
        };
    }

    dispose(): void {
        clearTimeout(this.timer);
        for (const disposable of this.disposables) disposable.dispose();
    }

    private activeDocument(): vscode.TextDocument | undefined {
        const document = vscode.window.activeTextEditor?.document;
        return isJobStd(document) ? document : undefined;
    }

    private refreshSoon(delay: number): void {
        clearTimeout(this.timer);
        this.timer = setTimeout(() => void this.refresh(), delay);
    }

    private async refresh(): Promise<void> {
        const document = this.activeDocument();
        const generation = ++this.generation;
        if (!document) {
            this.item.hide();
            this.shownFor = undefined;
            return;
        }
        let status: StatusResult;
        try {
            const params: StatusParams = { uri: document.uri.toString() };
            status = await requestForDocument<StatusResult>(this.client, StatusRequest, params);
        } catch (error) {
            if (generation !== this.generation) return;
            this.item.text = '$(warning) jobstd';
            this.item.tooltip = `No status for this document: ${errorMessage(error)}`;
            this.item.show();
            this.shownFor = document.uri.toString();
            return;
        }
        // The user may have switched editors while the server answered.
        if (generation !== this.generation) return;
        const { text, tooltip } = describeStatus(status);
        this.item.text = text;
        this.item.tooltip = tooltip;
        this.item.accessibilityInformation = { label: tooltip.value.replace(/[*_`]/g, '') };
        this.item.backgroundColor = status.findings.errors > 0 ? new vscode.ThemeColor('statusBarItem.errorBackground') : undefined;
        this.item.show();
        this.shownFor = document.uri.toString();
        this.updates++;
    }
}

const SET_LABEL: Record<string, string> = { 'competency': 'Competencies', 'task group': 'Task groups' };

/** "Competencies 100.1% · Task groups 160 pts · 0 errors, 3 warnings" with a plain-words tooltip. */
export function describeStatus(status: StatusResult): { text: string; tooltip: vscode.MarkdownString } {
    const weights = status.weights.map(w => `${SET_LABEL[w.set] ?? w.set} ${formatTotal(w)}`);
    const { errors, warnings } = status.findings;
    const findings = errors === 0 && warnings === 0 ? '$(check) no findings' : `$(error) ${errors} $(warning) ${warnings}`;
    const text = [...weights, findings].join('  ');
    const lines = [
        ...status.weights.map(w => `- ${SET_LABEL[w.set] ?? w.set} total **${formatTotal(w)}**${w.total === undefined ? ' (a weight is missing, a placeholder or in another unit)' : ''}`),
        `- ${plural(errors, 'error')}, ${plural(warnings, 'warning')} in this document`,
    ];
    const tooltip = new vscode.MarkdownString(`**jobstd**\n\n${lines.join('\n')}\n\nClick to open the Problems view.`);
    tooltip.supportThemeIcons = false;
    return { text, tooltip };
}

/** "100.1%", "160 pts", or "?" while the total cannot be computed. */
function formatTotal({ total, unit }: WeightTotal): string {
    if (total === undefined) return '?';
    const rounded = Math.round(total * 100) / 100;
    if (unit === '%') return `${rounded}%`;
    if (unit === 'points') return `${rounded} pts`;
    return `${rounded}`;
}

function plural(count: number, noun: string): string {
    return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
