// A .txt imported by the suite is bundled as its bytes (test/build-e2e.mjs: loader '.txt' → binary).
declare module '*.txt' {
    const bytes: Uint8Array;
    export default bytes;
}
