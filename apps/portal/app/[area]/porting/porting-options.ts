import type { components } from '@tollgate/sdk';

type PortingRequest = components['schemas']['PortingRequestDto'];

export const PORTING_STATUSES: Array<PortingRequest['status']> = [
  'draft',
  'submitted',
  'accepted',
  'completed',
  'rejected',
  'cancelled',
];

export const DIRECTION_LABELS: Record<PortingRequest['direction'], string> = {
  port_in: 'Port in',
  port_out: 'Port out',
};

/** The numbers of a request, short: the first ones and how many more. */
export function numbersSummary(numbers: string[], shown = 2): string {
  const first = numbers.slice(0, shown).map((number) => `+${number}`);
  return numbers.length > shown ? `${first.join(', ')} and ${numbers.length - shown} more` : first.join(', ');
}
