import type { DocumentParameterSpec } from './parameter-spec';

/** A document version ready to run: what documentForExecution answers and renderSteps reads. */
export interface ExecutableDocument {
  name: string;
  arn: string;
  documentVersion: string;
  documentType: string;
  schemaVersion: string;
  /** The parsed content (JSON or YAML alike). */
  content: unknown;
  parameters: DocumentParameterSpec[];
  platformTypes: string[];
  /**
   * Loads another document the same caller may run, for aws:runDocument steps. Set by
   * documentForExecution; absent on hand-built documents, which then cannot nest.
   */
  loadDocument?: (nameOrArn: string, version?: string) => Promise<ExecutableDocument>;
}
