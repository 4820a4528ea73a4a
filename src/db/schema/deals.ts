// Tables of the deals feature.
export {};
