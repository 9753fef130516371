import type { ApiPrice, CatalogModel } from './catalog-types.ts';
import type { Workload } from './workload.ts';

function licenceViolations(model: CatalogModel, workload: Workload): string[] {
  const allowed = workload.constraints.licences;
  if (!allowed || allowed.includes(model.licence.id)) return [];
  return [
    `licence: ${model.id} is under '${model.licence.id}', not one of the allowed ${allowed.join(', ')}`,
  ];
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
  if (constraints.fineTuning && !price.fineTuning) {
    violations.push(`fine-tuning: ${price.provider} does not offer fine-tuning of ${model.id}`);
  }
  return violations;
}

/** Constraints a self-hosted deployment of an open-weight model fails, each with its reason. */
export function selfHostedViolations(options: { model: CatalogModel; workload: Workload }): string[] {
  const { model, workload } = options;
  const violations = licenceViolations(model, workload);
  if (workload.constraints.commercialUse && !model.licence.commercialUse) {
    violations.push(
      `licence: '${model.licence.id}' does not allow commercial use${model.licence.note ? ` (${model.licence.note})` : ''}`,
    );
  }
  if (workload.constraints.fineTuning && !model.fineTunable) {
    violations.push(`fine-tuning: ${model.id} cannot be fine-tuned`);
  }
  return violations;
}
