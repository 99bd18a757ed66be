import serverOperations from '../../generated/operations/persisted-documents.json';
import webAppOperations from '../../../web/src/gql/persisted-documents.json';
import type { PersistedManifest } from './persisted-operations';

/**
 * Every operation a client of this repository ships, as the persisted-operations manifest: the operations in
 * src/operations (this server's own tests and tools) and the reference web app's (web/src/gql, written by its
 * codegen and kept current by its `codegen:check`). A key is the sha256 of its text, so the two cannot disagree
 * about a hash. Imported rather than read from disk at start: the build copies both files into dist/, so a deploy
 * of dist/ accepts exactly the operations of the app it was built with.
 */
export const shippedOperations: PersistedManifest = { ...serverOperations, ...webAppOperations };
