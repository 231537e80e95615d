import { AwsError } from '../../operations/errors';

/**
 * Command documents, schema 2.2 (mainSteps) and 1.2 (runtimeConfig): the structure AWS checks,
 * with a message that names the step and what is wrong with it.
 */
const invalid = (message: string) => new AwsError('InvalidDocumentContent', message);
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The plugins SSM Agent runs for Command documents. */
export const COMMAND_ACTIONS = [
  'aws:runShellScript', 'aws:runPowerShellScript', 'aws:runDocument', 'aws:downloadContent', 'aws:applications',
  'aws:cloudWatch', 'aws:configureDocker', 'aws:configurePackage', 'aws:domainJoin', 'aws:psModule',
  'aws:refreshAssociation', 'aws:runDockerAction', 'aws:softwareInventory', 'aws:updateAgent', 'aws:updateSsmAgent',
];

const PLATFORMS = ['Linux', 'Windows', 'MacOS'];
/** AWS: step names are letters, digits, '.', '-' and '_'. */
const STEP_NAME = /^[a-zA-Z0-9_.-]{1,128}$/;

export function validateMainSteps(content: Record<string, unknown>): void {
  const steps = content.mainSteps;
  if (!Array.isArray(steps) || steps.length === 0) throw invalid('Schema version 2.2 requires mainSteps: a non-empty list of steps.');
  const seen = new Set<string>();
  steps.forEach((step, i) => {
    const where = `mainSteps[${i}]`;
    if (!isObject(step)) throw invalid(`${where} must be an object with action, name and inputs.`);
    if (typeof step.name !== 'string' || !step.name) throw invalid(`${where} has no name.`);
    if (!STEP_NAME.test(step.name)) throw invalid(`Step name "${step.name}" is not valid: use letters, digits, '.', '-' and '_' only.`);
    if (seen.has(step.name)) throw invalid(`Step name "${step.name}" is used more than once; step names must be unique.`);
    seen.add(step.name);
    if (typeof step.action !== 'string' || !step.action) throw invalid(`Step "${step.name}" has no action.`);
    if (!COMMAND_ACTIONS.includes(step.action)) throw invalid(`Step "${step.name}": action "${step.action}" is not supported. Supported actions: ${COMMAND_ACTIONS.join(', ')}.`);
    if (!isObject(step.inputs)) throw invalid(`Step "${step.name}" has no inputs object.`);
    checkInputs(step.name, step.action, step.inputs);
    if (step.precondition !== undefined) checkPrecondition(step.name, step.precondition);
  });
}

function checkInputs(name: string, action: string, inputs: Record<string, unknown>): void {
  if ((action === 'aws:runShellScript' || action === 'aws:runPowerShellScript') && inputs.runCommand === undefined) {
    throw invalid(`Step "${name}" (${action}) needs inputs.runCommand: the commands to run.`);
  }
  if (action === 'aws:runDocument' && (inputs.documentType === undefined || (inputs.documentPath === undefined && inputs.sourceInfo === undefined))) {
    throw invalid(`Step "${name}" (aws:runDocument) needs inputs.documentType and inputs.documentPath.`);
  }
}

/** AWS: the only precondition is StringEquals on platformType. */
function checkPrecondition(name: string, pre: unknown): void {
  const eq = isObject(pre) ? pre.StringEquals : undefined;
  if (!isObject(pre) || Object.keys(pre).length !== 1 || !Array.isArray(eq) || eq.length !== 2 || eq[0] !== 'platformType' || !PLATFORMS.includes(String(eq[1]))) {
    throw invalid(`Step "${name}": precondition must be {"StringEquals": ["platformType", "Linux" | "Windows" | "MacOS"]}.`);
  }
}

export function validateRuntimeConfig(content: Record<string, unknown>): void {
  const config = content.runtimeConfig;
  if (!isObject(config) || Object.keys(config).length === 0) throw invalid('Schema version 1.2 requires runtimeConfig: a map of plugin name to its properties.');
  for (const [plugin, body] of Object.entries(config)) {
    if (!COMMAND_ACTIONS.includes(plugin)) throw invalid(`runtimeConfig plugin "${plugin}" is not supported. Supported plugins: ${COMMAND_ACTIONS.join(', ')}.`);
    const properties = isObject(body) ? body.properties : undefined;
    const list = Array.isArray(properties) ? properties : [properties];
    if (list.length === 0 || list.some((p) => !isObject(p))) throw invalid(`runtimeConfig plugin "${plugin}" needs properties: an object or a list of objects.`);
    for (const p of list as Array<Record<string, unknown>>) checkInputs(String(p.id ?? plugin), plugin, p);
  }
}

/** Platforms a Command document runs on: from each step's action, narrowed by its precondition. */
export function commandPlatforms(content: Record<string, unknown>): string[] {
  const steps: Array<{ action: string; precondition?: unknown }> = Array.isArray(content.mainSteps)
    ? content.mainSteps.filter(isObject).map((s) => ({ action: String(s.action), precondition: s.precondition }))
    : Object.keys(isObject(content.runtimeConfig) ? content.runtimeConfig : {}).map((action) => ({ action }));
  const found = new Set<string>();
  for (const step of steps) {
    const pre = isObject(step.precondition) && Array.isArray(step.precondition.StringEquals) ? String(step.precondition.StringEquals[1]) : undefined;
    const platforms = pre ? [pre]
      : step.action === 'aws:runShellScript' ? ['Linux', 'MacOS']
      : step.action === 'aws:runPowerShellScript' ? ['Windows']
      : PLATFORMS;
    platforms.forEach((p) => found.add(p));
  }
  return PLATFORMS.filter((p) => found.has(p));
}
