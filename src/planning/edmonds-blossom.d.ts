// Types for `edmonds-blossom` (CommonJS, untyped); use it through ./matching.ts, which validates its input.
declare module 'edmonds-blossom' {
  /**
   * Maximum-weight matching. Returns the mate of each vertex 0..(largest index in `edges`), -1 when
   * unmatched; returns `edges` itself (an empty array) when there are no edges.
   */
  export default function blossom(
    edges: Array<[number, number, number]>,
    maxCardinality?: boolean,
  ): number[];
}
