// English strings of study seasons: seasons, participants, papers and votes.
export const study = {
} as const;
