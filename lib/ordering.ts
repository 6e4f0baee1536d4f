/**
 * Moves one id up or down in an ordered list and writes positions 1..n for every row (gaps and ties
 * vanish). `ids` is the current order; `write` stores a position.
 */
export async function moveInOrder(
  ids: number[],
  id: number,
  direction: "up" | "down",
  write: (id: number, position: number) => Promise<unknown>,
): Promise<boolean> {
  const index = ids.indexOf(id);
  if (index < 0) return false;
  const other = direction === "up" ? index - 1 : index + 1;
  if (other < 0 || other >= ids.length) return true;
  const order = [...ids];
  [order[index], order[other]] = [order[other]!, order[index]!];
  for (const [position, rowId] of order.entries()) await write(rowId, position + 1);
  return true;
}
