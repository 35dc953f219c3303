/** Registration statuses in display order, with their colours (badges, bars, lines). */
export const PEPPOL_STATUSES = ['REGISTERED', 'HERMES_ONLY', 'NOT_REGISTERED', 'NO_IDENTIFIER', 'LOOKUP_FAILED'] as const;

export const PEPPOL_STATUS_COLOR: Record<string, string> = {
  REGISTERED: 'green',
  NOT_REGISTERED: 'red',
  HERMES_ONLY: 'orange',
  NO_IDENTIFIER: 'gray',
  LOOKUP_FAILED: 'yellow',
  UNKNOWN: 'blue',
};
