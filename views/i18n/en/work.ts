// English strings of the work feature.
export const work = {} as const;
