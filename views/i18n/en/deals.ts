// English strings of the deals feature.
export const deals = {} as const;
