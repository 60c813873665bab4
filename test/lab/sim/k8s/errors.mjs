// kubectl SIMULATOR support: errors printed the way kubectl prints server and client errors.

export class KubeError extends Error {
  /** @param {string} message the whole line kubectl prints (without "error: " for server errors) */
  constructor(message, exitCode = 1) {
    super(message);
    this.exitCode = exitCode;
  }
}

export const notFound = (quoted) => new KubeError(`Error from server (NotFound): ${quoted} not found`);
export const badRequest = (text) => new KubeError(`Error from server (BadRequest): ${text}`);
export const usage = (text) => new KubeError(`error: ${text}`);
