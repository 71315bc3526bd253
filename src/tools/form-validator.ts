import type {
  JsonSchemaType,
  JsonSchemaValidator,
  jsonSchemaValidator,
} from '@modelcontextprotocol/sdk/validation/types.js';

type Rec = Record<string, unknown>;
const isRec = (v: unknown): v is Rec => typeof v === 'object' && v !== null && !Array.isArray(v);

// Checks what a user filled in on an elicitation form against the form's schema. MCP allows only flat forms
// (an object of string, number, integer and boolean fields), so this small check stands in for the SDK's
// default, Ajv: a general JSON Schema compiler that this server would load and build for one yes/no box.
export class FormValidator implements jsonSchemaValidator {
  getValidator<T>(schema: JsonSchemaType): JsonSchemaValidator<T> {
    const s = schema as Rec;
    const properties = isRec(s.properties) ? s.properties : {};
    const required = Array.isArray(s.required) ? s.required.filter((k) => typeof k === 'string') : [];
    return (input: unknown) => {
      const problem = formProblem(input, properties, required as string[]);
      return problem === undefined
        ? { valid: true, data: input as T, errorMessage: undefined }
        : { valid: false, data: undefined, errorMessage: problem };
    };
  }
}

function formProblem(input: unknown, properties: Rec, required: string[]): string | undefined {
  if (!isRec(input)) return 'the answer is not an object';
  for (const key of required) if (!(key in input)) return `${key} is missing`;
  for (const [key, value] of Object.entries(input)) {
    const field = properties[key];
    if (!isRec(field)) continue;
    const type = field.type;
    if (type === 'boolean' && typeof value !== 'boolean') return `${key} must be true or false`;
    if ((type === 'number' || type === 'integer') && typeof value !== 'number')
      return `${key} must be a number`;
    if (type === 'integer' && !Number.isInteger(value)) return `${key} must be a whole number`;
    if (type === 'string' && typeof value !== 'string') return `${key} must be text`;
    if (Array.isArray(field.enum) && !field.enum.includes(value)) return `${key} is not one of the choices`;
    if (typeof value === 'string') {
      if (typeof field.minLength === 'number' && value.length < field.minLength) return `${key} is too short`;
      if (typeof field.maxLength === 'number' && value.length > field.maxLength) return `${key} is too long`;
    }
    if (typeof value === 'number') {
      if (typeof field.minimum === 'number' && value < field.minimum) return `${key} is too small`;
      if (typeof field.maximum === 'number' && value > field.maximum) return `${key} is too large`;
    }
  }
  return undefined;
}
