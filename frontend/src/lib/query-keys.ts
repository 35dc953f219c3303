/** Query keys shared by features: one screen's change refreshes what another shows (React Query invalidation). */
export const CATEGORIES_KEY = ['custom-field-categories'] as const;
