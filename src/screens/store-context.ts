import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import type { AppState, AppStore } from '../store/app-store.js';

export const StoreContext = createContext<AppStore | undefined>(undefined);

/** Reads a slice of the app store; re-renders only when that slice changes. */
export function useAppState<T>(selector: (state: AppState) => T): T {
  const store = useContext(StoreContext);
  if (!store) throw new Error('useAppState outside <StoreContext.Provider>');
  return useStore(store, selector);
}
