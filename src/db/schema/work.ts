// Tables of the work feature.
export {};
