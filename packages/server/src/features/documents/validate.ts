import { AwsError } from '../../operations/errors';
import { COMMAND_PARAMETER_TYPES, parseParameterSpecs, type DocumentParameterSpec } from './parameter-spec';
import { commandPlatforms, validateMainSteps, validateRuntimeConfig } from './validate-command';

/** What a valid document's content declares: kept with each version. */
export interface DocumentFacts {
  schemaVersion: string;
  description?: string;
  parameters: DocumentParameterSpec[];
  platformTypes: string[];
}

const ALL_PLATFORMS = ['Windows', 'Linux', 'MacOS'];
const SESSION_TYPES = ['Standard_Stream', 'InteractiveCommands', 'NonInteractiveCommands', 'Port'];

const invalid = (message: string) => new AwsError('InvalidDocumentContent', message);
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The schema versions each document type accepts; types not listed are checked only for a schemaVersion. */
const SCHEMAS: Record<string, string[]> = {
  Command: ['1.2', '2.0', '2.2'],
  Automation: ['0.3'],
  Session: ['1.0'],
  Policy: ['2.0', '2.2'],
};

/** Checks content by its document type and schema version; AWS's InvalidDocumentContent/InvalidDocumentSchemaVersion otherwise. */
export function validateContent(documentType: string, value: unknown): DocumentFacts {
  if (!isObject(value)) throw invalid('The document content must be an object (a JSON object or a YAML mapping).');
  const raw = value.schemaVersion;
  if (raw === undefined) throw invalid('The document content has no schemaVersion.');
  // AWS: YAML readers turn 2.2 into a number; the schema version is compared as text.
  const schemaVersion = typeof raw === 'number' ? raw.toFixed(1) : String(raw);
  const accepted = SCHEMAS[documentType];
  if (accepted && !accepted.includes(schemaVersion)) {
    throw new AwsError('InvalidDocumentSchemaVersion', `Schema version ${schemaVersion} is not supported for ${documentType} documents. Supported: ${accepted.join(', ')}.`);
  }
  if (value.description !== undefined && typeof value.description !== 'string') throw invalid('description must be a string.');
  const facts = (parameters: DocumentParameterSpec[], platformTypes: string[]): DocumentFacts => ({
    schemaVersion,
    ...(typeof value.description === 'string' ? { description: value.description } : {}),
    parameters,
    platformTypes,
  });

  switch (documentType) {
    case 'Command':
    case 'Policy': {
      const parameters = parseParameterSpecs(value.parameters, COMMAND_PARAMETER_TYPES);
      if (schemaVersion === '1.2') validateRuntimeConfig(value);
      else validateMainSteps(value);
      assertReferencesDeclared(value, parameters);
      return facts(parameters, commandPlatforms(value));
    }
    case 'Automation':
      validateAutomation(value);
      return facts(parseParameterSpecs(value.parameters), ALL_PLATFORMS);
    case 'Session':
      validateSession(value);
      return facts(parseParameterSpecs(value.parameters), ALL_PLATFORMS);
    default:
      return facts(parseParameterSpecs(value.parameters), ALL_PLATFORMS);
  }
}

/** AWS: a Command document may only use `{{ name }}` for parameters it declares. */
function assertReferencesDeclared(value: Record<string, unknown>, parameters: DocumentParameterSpec[]): void {
  const declared = new Set(parameters.map((p) => p.name));
  const body = JSON.stringify(value.mainSteps ?? value.runtimeConfig);
  for (const m of body.matchAll(/\{\{\s*([a-zA-Z0-9_]+)\s*\}\}/g)) {
    if (!declared.has(m[1])) throw invalid(`The step inputs use {{ ${m[1]} }}, but the document declares no parameter "${m[1]}".`);
  }
}

function validateAutomation(value: Record<string, unknown>): void {
  const steps = value.mainSteps;
  if (!Array.isArray(steps) || steps.length === 0) throw invalid('Automation schema 0.3 requires mainSteps: a non-empty list of steps.');
  const seen = new Set<string>();
  steps.forEach((step, i) => {
    if (!isObject(step) || typeof step.name !== 'string' || !step.name) throw invalid(`mainSteps[${i}] must be an object with a name and an action.`);
    if (seen.has(step.name)) throw invalid(`Step name "${step.name}" is used more than once; step names must be unique.`);
    seen.add(step.name);
    if (typeof step.action !== 'string' || !/^aws:[a-zA-Z]+$/.test(step.action)) throw invalid(`Step "${step.name}" needs an action of the form aws:<name>.`);
  });
  if (value.assumeRole !== undefined && typeof value.assumeRole !== 'string') throw invalid('assumeRole must be a string.');
}

function validateSession(value: Record<string, unknown>): void {
  if (typeof value.sessionType !== 'string' || !SESSION_TYPES.includes(value.sessionType)) {
    throw invalid(`Session schema 1.0 requires sessionType, one of ${SESSION_TYPES.join(', ')}.`);
  }
  if (value.inputs !== undefined && !isObject(value.inputs)) throw invalid('inputs must be an object.');
  if (value.properties !== undefined && !isObject(value.properties)) throw invalid('properties must be an object.');
}
