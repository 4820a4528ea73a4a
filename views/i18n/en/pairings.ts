// English strings of the pairings feature.
export const pairings = {} as const;
