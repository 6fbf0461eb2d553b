/** A scenario file's name ends with this: `alice.biopass-test.json`. */
export const SCENARIO_SUFFIX = '.biopass-test.json';

/** The glob the editor and `biopassid test <folder>` look for. */
export const SCENARIO_GLOB = `**/*${SCENARIO_SUFFIX}`;

/** The `$schema` a scenario file may name instead of following the file-name rule. */
export const SCENARIO_SCHEMA_URI = 'biopassid-schema:/scenario.schema.json';

export function isScenarioFileName(path: string): boolean {
  return path.toLowerCase().endsWith(SCENARIO_SUFFIX);
}
