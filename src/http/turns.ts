// Fair under load: requests start one per event-loop turn, in the order they arrived.
//
// Node accepts a new connection once per turn of its event loop. Left alone, one turn starts every request
// whose bytes have arrived, and with a local database a request runs to its end in that turn (the statements
// are synchronous), so under load a turn lasts as long as all of them together — 16 requests of 20 ms make a
// 320 ms turn — and a browser opening a new connection waits several turns (seconds) before it is even
// accepted. Starting one request per turn keeps each turn about one request long: new connections are
// accepted within a request's time, and the requests queue here first come, first served. Throughput is
// unchanged (one process serves one request at a time either way). README, Design: fair under load.

/** Wraps a request handler (e.g. `app.fetch`) so each call starts on its own turn of the event loop, in call order. */
export function oneStartPerTurn<A extends unknown[], R>(handler: (...args: A) => R | Promise<R>): (...args: A) => Promise<R> {
  const waiting: Array<() => void> = [];
  let pumping = false;
  const turn = () => {
    // The released request runs right after this callback (its promise continuation); the next one gets the next turn.
    waiting.shift()?.();
    if (waiting.length) setImmediate(turn);
    else pumping = false;
  };
  return async (...args: A) => {
    await new Promise<void>((resolve) => {
      waiting.push(resolve);
      if (!pumping) {
        pumping = true;
        setImmediate(turn);
      }
    });
    return handler(...args);
  };
}
