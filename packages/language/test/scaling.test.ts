import {
    DefaultAstNodeDescriptionProvider, DefaultScopeProvider, DocumentState, EmptyFileSystem, URI,
    type AstNode, type AstNodeDescription, type LangiumDocument
} from 'langium';
import { describe, expect, it } from 'vitest';
import { createJobStdServices, type JobStdModuleSource } from '../src/index.js';

/*
 * Linking must cost the same per link however large a job grows. Times would make a flaky
 * test, so this counts work instead: how often linking looks at a name's description (reads
 * its name or type). A scope that finds names in a map looks at a description a fixed number
 * of times; a scope that scans every name of the job for every link looks at them all, per link.
 */

/** Descriptions that count every look at their name or type while `counting` is on. */
class CountingDescriptions extends DefaultAstNodeDescriptionProvider {
    counting = false;
    looks = 0;

    override createDescription(node: AstNode, name: string | undefined, document?: LangiumDocument): AstNodeDescription {
        const description = super.createDescription(node, name, document);
        const { name: knownName, type } = description;
        Object.defineProperties(description, {
            name: { get: () => { if (this.counting) this.looks++; return knownName; }, enumerable: true },
            type: { get: () => { if (this.counting) this.looks++; return type; }, enumerable: true },
        });
        return description;
    }
}

/** A library of `n` competencies, in a file of its own: jobs reach it through the workspace. */
function library(n: number): string {
    const members = Array.from({ length: n }, (_, i) => `  competency Lib${i} "Library competency ${i}" { definition "Shared ${i}." }`);
    return `library CTK {\n  scale DPL 1 to 5\n${members.join('\n')}\n}\n`;
}

/** A job whose names all grow with `n`: task groups, competencies linked to them, uses of the library. */
function job(n: number): string {
    const lines = ['job "Representative" {'];
    for (let i = 0; i < n; i++) {
        lines.push(`  section "Part ${i}" {`,
            `    task group T${i} "Tasks ${i}" { "Task ${i}" }`,
            `    competency C${i} "Competency ${i}" { level DPL 3 linked to T${i}, T${(i + 1) % n} }`,
            `    uses Lib${i} level DPL 4 linked to T${i}`,
            '  }');
    }
    lines.push('}');
    return lines.join('\n') + '\n';
}

interface LinkWork {
    links: number;
    looksPerLink: number;
    unresolved: number;
}

/** Builds a job of size `n` and its library, counting looks while (and only while) links are resolved. */
async function linkWork(n: number, extra: JobStdModuleSource[] = []): Promise<LinkWork> {
    let descriptions: CountingDescriptions | undefined;
    const { shared } = createJobStdServices({
        ...EmptyFileSystem,
        modules: [{
            workspace: { AstNodeDescriptionProvider: (services) => (descriptions = new CountingDescriptions(services)) },
        }, ...extra],
    });
    const builder = shared.workspace.DocumentBuilder;
    builder.onBuildPhase(DocumentState.ComputedScopes, () => { descriptions!.counting = true; });
    builder.onBuildPhase(DocumentState.Linked, () => { descriptions!.counting = false; });
    const documents = [library(n), job(n)].map((text, i) =>
        shared.workspace.LangiumDocuments.createDocument(URI.parse(`file:///scaling/doc${i}.jobstd`), text));
    await builder.build(documents, { validation: false });
    const references = documents.flatMap(d => d.references);
    return {
        links: references.length,
        looksPerLink: descriptions!.looks / references.length,
        unresolved: references.filter(r => r.error !== undefined).length,
    };
}

describe('linking a growing job', () => {
    it('resolves every link, in the job and in the library, at both sizes', async () => {
        for (const n of [40, 400]) {
            const work = await linkWork(n);
            // Per part: two links and a scale from the competency, a competency, a scale and a task group from the use.
            expect(work.links).toBe(6 * n);
            expect(work.unresolved).toBe(0);
        }
    });

    it('looks at about as many names per link when the job is ten times larger', async () => {
        const small = await linkWork(40);
        const large = await linkWork(400);
        // Linear linking: the same per link at both sizes (building each map once adds a little
        // per name, which is also constant per link). A scan of all names per link would be ×10.
        expect(large.looksPerLink).toBeLessThan(small.looksPerLink * 1.5);
        expect(large.looksPerLink).toBeLessThan(10);
    });

    it('would catch a scope that scans every name for every link (Langium\'s default scope)', async () => {
        // The measure itself must be able to fail: with the default scope, which walks a stream
        // of the job's names per link, looks per link grow with the job.
        const scanning: JobStdModuleSource = {
            references: { ScopeProvider: (services) => new DefaultScopeProvider(services) },
        };
        const small = await linkWork(40, [scanning]);
        const large = await linkWork(400, [scanning]);
        expect(large.unresolved).toBe(0);
        expect(large.looksPerLink).toBeGreaterThan(small.looksPerLink * 5);
    });
});
