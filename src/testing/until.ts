const POLL_MS = 10;

/**
 * Resolves once `condition` holds, checked every 10 ms; fails after `timeoutMs` naming `what`. For waiting on
 * an event a test cannot subscribe to (a simulator's counter, a store's content), never for measuring time.
 */
export async function until(what: string, condition: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}
