// The part of autocannon@9's programmatic API that bench/loadgen-vs-autocannon.ts uses (it ships no types).
declare module 'autocannon' {
  interface AutocannonOptions {
    url: string;
    connections?: number;
    duration?: number;
    amount?: number;
    method?: string;
    headers?: Record<string, string>;
    body?: string;
  }
  interface AutocannonResult {
    requests: { total: number; average: number };
    duration: number;
    errors: number;
    non2xx: number;
  }
  function autocannon(options: AutocannonOptions): Promise<AutocannonResult>;
  export default autocannon;
}
