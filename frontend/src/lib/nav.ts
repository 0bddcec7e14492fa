import type { ReactNode } from 'react';

/** One entry of the side navigation; each area of the app declares its own list. */
export interface NavItem {
  to: string;
  label: string;
  icon: ReactNode;
  /** only this exact path is "current" */
  end?: boolean;
}
