// jsonld ships no types; these are the few parts of its API the JSON-LD tests call.
declare module 'jsonld' {
    interface RemoteDocument {
        contextUrl?: string;
        documentUrl: string;
        document: unknown;
    }
    interface ExpandOptions {
        base?: string;
        documentLoader?: (url: string) => Promise<RemoteDocument>;
    }
    const jsonld: {
        /** Expanded JSON-LD is always an array of node objects. */
        expand(input: unknown, options?: ExpandOptions): Promise<unknown[]>;
    };
    export default jsonld;
}
