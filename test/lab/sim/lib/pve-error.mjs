// SIMULATOR support: errors shaped like PVE::Exception, so the lab's pct/pvesh stand-ins fail the
// way the real tools do ("400 Parameter verification failed." + one "key: message" line per error +
// the short usage line, exit 255 because Perl's die exits with 255).

/** An error as PVE::Exception stringifies it. */
export class PveError extends Error {
  /**
   * @param {string} msg the message; PVE messages end with "\n"
   * @param {{code?: number, errors?: Record<string, string>, usage?: string, warnings?: string[]}} [extra]
   */
  constructor(msg, extra = {}) {
    super(msg);
    this.code = extra.code;
    this.errors = extra.errors;
    this.usage = extra.usage;
    /** Lines Getopt::Long warns before the exception (e.g. "Unknown option: foo"). */
    this.warnings = extra.warnings ?? [];
  }

  /** True for HTTP 400 errors, the ones the CLI decorates with the usage line. */
  isParamError() {
    return this.code === 400;
  }

  /** The text the real CLI prints on stderr (warnings first). */
  render() {
    let out = this.warnings.map((w) => `${w}\n`).join('');
    out += stringifyError(this);
    return out;
  }
}

/**
 * PVE::Exception::stringify: "<code> <msg>", then "<key>: <error>" lines (sorted here, Perl's hash
 * order is random), then the usage.
 * @param {PveError} err
 */
export function stringifyError(err) {
  let msg = err.code ? `${err.code} ${err.message}` : err.message;
  if (!msg.endsWith('\n')) msg += '\n';
  for (const key of Object.keys(err.errors ?? {}).sort()) {
    msg += `${key}: ${err.errors?.[key]}\n`;
  }
  if (err.usage) {
    msg += err.usage;
    if (!msg.endsWith('\n')) msg += '\n';
  }
  return msg;
}

/** raise_param_exc: "400 Parameter verification failed." with one line per parameter. */
export function paramError(errors) {
  return new PveError('Parameter verification failed.\n', { code: 400, errors });
}

/** A plain `die "...\n"` (no HTTP code), e.g. "CT 100 already running". */
export function dieError(message) {
  return new PveError(message.endsWith('\n') ? message : `${message}\n`);
}
