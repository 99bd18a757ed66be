import { Kind, type ASTNode } from 'graphql';
import manifest from '../gql/persisted-documents.json';

export interface PersistedDocument {
  /** Hex sha256 of `text`, as Apollo's persisted-query extension carries it. */
  sha256Hash: string;
  /** The operation exactly as the manifest (and so the server) has it. */
  text: string;
}

const OPERATION_NAME = /^(?:query|mutation|subscription)\s+([_A-Za-z][_0-9A-Za-z]*)/;

function byOperationName(entries: Record<string, string>): Map<string, PersistedDocument> {
  const documents = new Map<string, PersistedDocument>();
  for (const [hash, text] of Object.entries(entries)) {
    const name = OPERATION_NAME.exec(text)?.[1];
    if (name) documents.set(name, { sha256Hash: hash.replace(/^sha256:/, ''), text });
  }
  return documents;
}

const documents = byOperationName(manifest);

function operationName(ast: ASTNode): string | undefined {
  if (ast.kind !== Kind.DOCUMENT) return undefined;
  for (const definition of ast.definitions) {
    if (definition.kind === Kind.OPERATION_DEFINITION) return definition.name?.value;
  }
  return undefined;
}

/** The manifest entry of an operation this app ships (codegen guarantees operation names are unique). */
export function persistedDocumentFor(ast: ASTNode): PersistedDocument | undefined {
  const name = operationName(ast);
  return name === undefined ? undefined : documents.get(name);
}

/**
 * Prints an operation as the manifest has it (normalised, fields sorted, `__typename` included), so that the
 * text's sha256 is the manifest hash: a server in persisted-only mode finds it by hash, and Apollo Server's
 * automatic persisted queries accept the text because it matches the hash sent with it.
 */
export function printPersisted(ast: ASTNode, originalPrint: (ast: ASTNode) => string): string {
  return persistedDocumentFor(ast)?.text ?? originalPrint(ast);
}
