import { createContext, useContext } from 'react';

/** Colours by meaning; all undefined when colour is off (NO_COLOR), so text stays plain. */
export interface Theme {
  accent: string | undefined;
  muted: string | undefined;
  ok: string | undefined;
  warn: string | undefined;
  error: string | undefined;
  /** Colours told apart by source (the services merged in the logs view); empty when colour is off. */
  sources: readonly string[];
}

export const colourTheme: Theme = { accent: 'cyan', muted: 'gray', ok: 'green', warn: 'yellow', error: 'red', sources: ['cyan', 'magenta', 'yellow', 'green', 'blue', 'red', 'cyanBright', 'magentaBright'] };
export const plainTheme: Theme = { accent: undefined, muted: undefined, ok: undefined, warn: undefined, error: undefined, sources: [] };

export const ThemeContext = createContext<Theme>(colourTheme);

export function useTheme(): Theme {
  return useContext(ThemeContext);
}
