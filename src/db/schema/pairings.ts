// Tables of the pairings feature.
export {};
