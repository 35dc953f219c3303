/**
 * Styles of a badge whose label may be longer than the room it has (a filter chip, a Peppol status in the side panel):
 * it wraps onto more lines and grows, rather than being cut off with an ellipsis as Mantine's badges are.
 */
export const wrappingBadgeStyles = {
  root: { height: 'auto', minHeight: 'var(--badge-height)', maxWidth: '100%', paddingBlock: 2 },
  label: { whiteSpace: 'normal', overflow: 'visible' },
} as const;
