import { z } from 'zod';
import { concerns } from '../model';

/** One environment variable as the reference shows it, read from its schema. */
export interface VariableReference {
  name: string;
  meaning: string;
  /** The default exactly as it would be written in the environment; undefined when there is none. */
  default: string | undefined;
  /** A default the model computes (e.g. from NODE_ENV), in words. */
  defaultText: string | undefined;
  /** Allowed values or range, in words; undefined when the meaning says it all. */
  allowed: string | undefined;
  secret: boolean;
  example: string | undefined;
}

export interface ConcernReference {
  title: string;
  description: string;
  variables: VariableReference[];
}

type Property = Record<string, unknown>;

const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
const code = (value: string) => `\`${value}\``;

function orList(values: string[]): string {
  return values.length > 1 ? `${values.slice(0, -1).join(', ')} or ${values.at(-1)}` : values.join('');
}

function range(property: Property): string | undefined {
  const min = typeof property.minimum === 'number' ? property.minimum : undefined;
  const max = typeof property.maximum === 'number' && property.maximum < Number.MAX_SAFE_INTEGER ? property.maximum : undefined;
  const kind = property.type === 'integer' ? 'an integer' : 'a number';
  if (min !== undefined && max !== undefined) return `${kind} from ${min} to ${max}`;
  if (min !== undefined) return `${kind} ≥ ${min}`;
  return undefined;
}

function allowedValues(property: Property): string | undefined {
  if (Array.isArray(property.enum)) {
    const values = property.enum.map(String);
    // A flag: the spellings besides true/false are a convenience, not worth a line each.
    if (values.includes('true') && values.includes('false')) return `${code('true')} or ${code('false')} (also 1/0, yes/no)`;
    return `${values.length > 2 ? 'one of ' : ''}${orList(values.map(code))}`;
  }
  if (property.format === 'uri') return 'an http(s) URL';
  if (property.type === 'integer' || property.type === 'number') return range(property);
  return undefined;
}

function variableReference(name: string, property: Property): VariableReference {
  const meaning = text(property.description);
  if (!meaning) throw new Error(`${name} has no .describe(): every variable is documented where it is declared`);
  const examples = Array.isArray(property.examples) ? property.examples : [];
  return {
    name,
    meaning,
    default: property.default === undefined ? undefined : String(property.default),
    defaultText: text(property.defaultText),
    allowed: allowedValues(property),
    secret: property.secret === true,
    example: text(examples[0]),
  };
}

/**
 * The concerns in model order, each with the variables it declares. A variable several concerns read (the same
 * schema, e.g. NODE_ENV) is listed under the first of them only.
 */
export function describeModel(): ConcernReference[] {
  const listed = new Set<string>();
  return Object.values(concerns).map((model) => {
    const schema = z.toJSONSchema(model, { io: 'input', unrepresentable: 'any' });
    const properties = Object.entries((schema.properties ?? {}) as Record<string, Property>);
    const variables = properties
      .filter(([name]) => !listed.has(name))
      .map(([name, property]) => {
        listed.add(name);
        return variableReference(name, property);
      });
    const title = text(schema.title);
    const description = text(schema.description);
    if (!title || !description) throw new Error(`a concern without .meta({ title, description }): ${properties.map(([n]) => n).join(', ')}`);
    return { title, description, variables };
  });
}
