// The custom requests between this client and the jobstd language server: one contract, owned by the
// server package. It imports nothing, so bundling it does not pull the server into the client.
export * from '../../../language-server/src/protocol.js';
