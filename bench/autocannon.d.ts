// The part of autocannon's library API the benchmark uses (the package ships no types).
declare module 'autocannon' {
  type Percentiles = { average: number; mean: number; stddev: number; min: number; max: number; total: number } & Record<`p${string}`, number>;
  export type Request = {
    method?: string;
    path?: string;
    headers?: Record<string, string>;
    body?: string;
    setupRequest?: (req: Request, context: Record<string, unknown>) => Request;
    onResponse?: (status: number, body: string, context: Record<string, unknown>) => void;
  };
  export type Client = { setRequests(requests: Request[]): void };
  export type Options = {
    url: string;
    connections?: number;
    duration?: number;
    pipelining?: number;
    timeout?: number;
    method?: string;
    headers?: Record<string, string>;
    body?: string;
    requests?: Request[];
    setupClient?: (client: Client) => void;
  };
  export type Result = {
    latency: Percentiles;
    requests: Percentiles;
    throughput: Percentiles;
    errors: number;
    timeouts: number;
    non2xx: number;
    '2xx': number;
    '5xx': number;
    statusCodeStats: Record<string, { count: number }>;
    duration: number;
  };
  function autocannon(options: Options): Promise<Result> & { stop(): void };
  export default autocannon;
}
