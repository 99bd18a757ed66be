import { HeaderMap, type GraphQLResponse } from '@apollo/server';
import { getOperationAST, parse } from 'graphql';
import { errorCodes, outcomeLabel, outcomeText, rootFieldLabel } from '../operation-facts';

function labelOf(query: string): string {
  const document = parse(query);
  return rootFieldLabel(getOperationAST(document) ?? undefined, document);
}

function responseWith(codes: string[]): GraphQLResponse {
  const errors = codes.map((code) => ({ message: code, extensions: { code } }));
  return { http: { status: 200, headers: new HeaderMap() }, body: { kind: 'single', singleResult: errors.length ? { errors } : { data: {} } } };
}

describe('rootFieldLabel', () => {
  it('When an operation has one root field, then the label is its name, whatever the operation is called or aliased', () => {
    expect(labelOf('query WhateverTheClientLikes { list: campaigns { id } }')).toBe('campaigns');
    expect(labelOf('mutation { generateContent(input: {}) { snippet1 } }')).toBe('generateContent');
  });

  it('When the operation also asks for __typename at the root (as the app documents do), then the label ignores it', () => {
    expect(labelOf('mutation GenerateContent { __typename generateContent(input: {}) { __typename snippet1 } }')).toBe('generateContent');
    expect(labelOf('{ __typename }')).toBe('__typename');
  });

  it('When root fields come through fragments or repeat, then they count once, sorted', () => {
    expect(labelOf('{ upstreams { name } ... on Query { campaigns { id } } ...F } fragment F on Query { campaigns { name } }')).toBe(
      'campaigns+upstreams',
    );
  });

  it('When there are more root fields than a label may name, then it is `multiple`, so combinations cannot multiply series', () => {
    expect(labelOf('{ campaigns { id } upstreams { name } contentModels { id } }')).toBe('multiple');
  });

  it('When the request never became an operation, then the label is `unknown`', () => {
    expect(rootFieldLabel(undefined, undefined)).toBe('unknown');
  });
});

describe('outcomes', () => {
  it('When a response has no errors, then its outcome is ok', () => {
    const codes = errorCodes(responseWith([]));
    expect([outcomeText(codes), outcomeLabel(codes)]).toEqual(['ok', 'ok']);
  });

  it('When it has errors, then the text lists the distinct codes and the label is the first known one', () => {
    const codes = errorCodes(responseWith(['UPSTREAM_BUSY', 'NOT_FOUND', 'UPSTREAM_BUSY']));
    expect(outcomeText(codes)).toBe('UPSTREAM_BUSY,NOT_FOUND');
    expect(outcomeLabel(codes)).toBe('UPSTREAM_BUSY');
    expect(outcomeLabel(errorCodes(responseWith(['GRAPHQL_PARSE_FAILED'])))).toBe('GRAPHQL_PARSE_FAILED');
  });

  it('When a code is outside the known sets, then the label is OTHER: a label value must stay bounded', () => {
    expect(outcomeLabel(['SOMETHING_A_PLUGIN_MADE_UP'])).toBe('OTHER');
  });
});
