import type { ApiPrice, CatalogModel } from './catalog-types.ts';
import type { Workload } from './workload.ts';

function licenceViolations(model: CatalogModel, workload: Workload): string[] {
  const violations: string[] = [];
  const allowed = workload.constraints.licences;
  if (allowed && !allowed.includes(model.licence.id)) {
    violations.push(
      `licence: ${model.id} is under '${model.licence.id}', not one of the allowed ${allowed.join(', ')}`,
    );
  }
  const wanted = new Set(workload.useCases.map((use) => use.toLowerCase()));
  const prohibited = model.licence.prohibitedUses.filter((use) => wanted.has(use.toLowerCase()));
  if (prohibited.length > 0) {
    violations.push(
      `licence: '${model.licence.id}' (or its acceptable-use policy) prohibits ${prohibited.join(', ')}, a use case of this workload`,
    );
  }
  return violations;
}

/** Constraints an API deployment of a model fails, each with its reason. */
export function apiViolations(options: {
  model: CatalogModel;
  price: ApiPrice;
  workload: Workload;
}): string[] {
  const { model, price, workload } = options;
  const { constraints } = workload;
  const violations: string[] = [];
  if (constraints.onPremises) {
    violations.push(
      model.openWeights
        ? `on-premises: the ${price.provider} API processes requests off premises (self-host ${model.id} instead)`
        : `on-premises: ${model.id} is API-only (no open weights), so every request leaves the premises for ${price.provider}`,
    );
  }
  if (constraints.dataResidency !== undefined) {
    const region = constraints.dataResidency.toLowerCase();
    if (!price.regions) {
      violations.push(`data residency: the catalog does not say where ${price.provider} processes data`);
    } else if (!price.regions.map((entry) => entry.toLowerCase()).includes(region)) {
      violations.push(
        `data residency: ${price.provider} processes data in ${price.regions.join(', ')}, not ${constraints.dataResidency}`,
      );
    }
  }
  violations.push(...licenceViolations(model, workload));
  if ((constraints.fineTuning || workload.fineTuning) && !price.fineTuning) {
    violations.push(`fine-tuning: ${price.provider} does not offer fine-tuning of ${model.id}`);
  } else if (workload.fineTuning && !price.fineTuningPrices) {
    violations.push(
      `fine-tuning: the catalog has no fine-tuning price for ${price.provider} ${price.providerModel} (give one in the workload's prices)`,
    );
  }
  return violations;
}

/** Constraints a self-hosted deployment of an open-weight model fails, each with its reason. */
export function selfHostedViolations(options: { model: CatalogModel; workload: Workload }): string[] {
  const { model, workload } = options;
  const violations = licenceViolations(model, workload);
  // No threshold binds no one; no user count is below every threshold (thresholds are positive).
  const threshold = model.licence.maxMonthlyActiveUsers ?? Number.POSITIVE_INFINITY;
  const users = workload.monthlyActiveUsers ?? 0;
  if (users > threshold) {
    violations.push(
      `licence: '${model.licence.id}' needs a separate licence from ${model.vendor} above ${threshold.toLocaleString('en-US')} monthly active users; the workload has ${users.toLocaleString('en-US')}`,
    );
  }
  if (workload.constraints.commercialUse && !model.licence.commercialUse) {
    violations.push(
      `licence: '${model.licence.id}' does not allow commercial use${model.licence.note ? ` (${model.licence.note})` : ''}`,
    );
  }
  if ((workload.constraints.fineTuning || workload.fineTuning) && !model.fineTunable) {
    violations.push(`fine-tuning: ${model.id} cannot be fine-tuned`);
  }
  return violations;
}
