// SIMULATOR support: the formatting options pvesh takes on top of each API method's parameters
// (PVE::CLIFormatter), shared by the pvesh stand-in and the contract tests that check calls offline.
export const FORMAT_OPTIONS = {
  'output-format': { type: 'string', enum: ['text', 'json', 'json-pretty', 'yaml'], optional: 1 },
  noborder: { type: 'boolean', optional: 1 },
  noheader: { type: 'boolean', optional: 1 },
  'human-readable': { type: 'boolean', optional: 1 },
  quiet: { type: 'boolean', optional: 1 },
};

/** pvesh verbs and the HTTP method each one calls. */
export const METHODS = { get: 'GET', ls: 'GET', create: 'POST', set: 'PUT', delete: 'DELETE' };
