import { describe, expect, it } from 'vitest';
import { breakEvenOutputTokensPerMonth } from './break-even.ts';

describe('breakEvenOutputTokensPerMonth', () => {
  it('is where one replica plus operations costs what the API charges', () => {
    // API $4 per M output; replica $7,000/month for 5 B tokens; operations $1,000
    // (7,000 + 1,000) / 4e-6 = 2 B tokens, within one replica's capacity
    expect(
      breakEvenOutputTokensPerMonth({
        apiUsdPerOutputToken: 4e-6,
        replicaUsdPerMonth: 7000,
        replicaCapacityOutputTokensPerMonth: 5e9,
        operationsUsdPerMonth: 1000,
      }),
    ).toBeCloseTo(2e9, 0);
  });

  it('needs more replicas when operations outweigh one replica’s margin', () => {
    // margin per replica: 4e-6 × 1e9 − 3,000 = $1,000; operations $2,500 → 3 replicas
    // (3 × 3,000 + 2,500) / 4e-6 = 2.875 B, which lies in (2 B, 3 B]
    expect(
      breakEvenOutputTokensPerMonth({
        apiUsdPerOutputToken: 4e-6,
        replicaUsdPerMonth: 3000,
        replicaCapacityOutputTokensPerMonth: 1e9,
        operationsUsdPerMonth: 2500,
      }),
    ).toBeCloseTo(2.875e9, 0);
  });

  it('is undefined when a full replica costs more than the API for the same tokens', () => {
    expect(
      breakEvenOutputTokensPerMonth({
        apiUsdPerOutputToken: 0.88e-6,
        replicaUsdPerMonth: 7271,
        replicaCapacityOutputTokensPerMonth: 3e9,
        operationsUsdPerMonth: 0,
      }),
    ).toBeUndefined();
  });
});
