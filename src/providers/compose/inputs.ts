import type { RenderedCommon, RenderedService } from '../../platform/recipe/render/rendered.js';
import type { LogFirstLogin } from './first-login.js';

/** Inputs for the compose provider. The first service is the app. */
export interface ComposeInputs extends RenderedCommon {
  provider: 'compose';
  project: string;
  services: RenderedService[];
  /** The host name people use for the app (from its first URL or domain answer), for reverse-proxy rules. */
  publicHost?: string;
  /** Where the app prints its first login (the recipe's compose.firstLogin), shown after install. */
  firstLogin?: LogFirstLogin;
}
