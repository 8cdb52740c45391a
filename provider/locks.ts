const tails = new Map<string, Promise<void>>();

/**
 * Runs `task` after every earlier task with the same key has finished, within this process. The
 * provider host serves all resources of a stack from one process, so this serialises work that
 * must not interleave, such as placing an order and then finding it in a list.
 */
export async function withKeyLock<T>(key: string, task: () => Promise<T>): Promise<T> {
  const previous = tails.get(key) ?? Promise.resolve();
  let release!: () => void;
  const done = new Promise<void>((resolve) => (release = resolve));
  const tail = previous.then(() => done);
  tails.set(key, tail);

  await previous;
  try {
    return await task();
  } finally {
    release();
    if (tails.get(key) === tail) {
      tails.delete(key);
    }
  }
}
