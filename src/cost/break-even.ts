/**
 * The smallest monthly output volume at which self-hosting costs no more than the API, or undefined when the
 * API stays cheaper at every volume. Self-hosting costs ceil(V / capacity) × replica + operations; the API
 * costs V × apiUsdPerOutputToken (input tokens folded in at the workload's mix). With k replicas the two
 * meet at V = (k × replica + operations) / apiUsdPerOutputToken, which must lie in ((k − 1) × capacity,
 * k × capacity]; the first such k is max(1, ceil(operations / (api × capacity − replica))).
 */
export function breakEvenOutputTokensPerMonth(options: {
  apiUsdPerOutputToken: number;
  replicaUsdPerMonth: number;
  replicaCapacityOutputTokensPerMonth: number;
  operationsUsdPerMonth: number;
}): number | undefined {
  const {
    apiUsdPerOutputToken: api,
    replicaUsdPerMonth: replica,
    operationsUsdPerMonth: operations,
  } = options;
  const capacity = options.replicaCapacityOutputTokensPerMonth;
  if (api <= 0 || capacity <= 0) return undefined;
  const marginPerReplica = api * capacity - replica;
  if (marginPerReplica < 0 || (marginPerReplica === 0 && operations > 0)) return undefined;
  const replicas = marginPerReplica === 0 ? 1 : Math.max(1, Math.ceil(operations / marginPerReplica));
  // The crossing lies above (replicas − 1) × capacity: (replicas − 1) × margin < operations by the choice of
  // replicas, so api × (replicas − 1) × capacity = (replicas − 1) × (margin + replica) < operations + replicas × replica.
  return (replicas * replica + operations) / api;
}
