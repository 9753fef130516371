/** `(provider's sampling: temperature, topP not applied)`, or '' when every parameter was applied. */
export function providerFixedLabel(providerFixed: readonly string[] | undefined): string {
  return providerFixed && providerFixed.length > 0
    ? ` (provider's sampling: ${providerFixed.join(', ')} not applied)`
    : '';
}
