import { DidRouteKind } from '@tollgate/db';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { timestamp } from '../../http/field-schemas';

/** At most a year ahead: a reservation is a hold for a sale in progress, not a second assignment. */
export const MAX_RESERVATION_DAYS = 365;

// sip:[user@]host[:port][;params]: host a name, an IPv4 address or a bracketed IPv6 address.
const SIP_URI =
  /^sips?:(?:[A-Za-z0-9\-_.!~*'()&=+$,;?/%]+@)?(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?(?:;[A-Za-z0-9\-_.!~*'()&=+$%;]*)?$/;

const routeFields = z.strictObject({
  kind: z.enum(DidRouteKind).meta({
    description: 'line: a SIP line of the account; trunk: a SIP trunk service of the account; uri: a SIP URI',
  }),
  lineId: z.uuid().optional().meta({ description: 'kind line: a line of the account' }),
  serviceId: z.uuid().optional().meta({ description: 'kind trunk: a SIP trunk service of the account' }),
  uri: z
    .string()
    .max(500)
    .regex(SIP_URI, { error: 'must be a SIP URI, e.g. sip:ivr@pbx.example.net' })
    .optional()
    .meta({ description: 'kind uri: where calls are sent', example: 'sip:ivr@pbx.example.net' }),
});

const TARGET_OF: Record<DidRouteKind, 'lineId' | 'serviceId' | 'uri'> = {
  [DidRouteKind.Line]: 'lineId',
  [DidRouteKind.Trunk]: 'serviceId',
  [DidRouteKind.Uri]: 'uri',
};

/** Where inbound calls to the number go: exactly the one target its kind names. */
export const didRoute = routeFields.superRefine((route, context) => {
  const needed = TARGET_OF[route.kind];
  if (route[needed] === undefined)
    context.issues.push({
      code: 'custom',
      path: [needed],
      message: `is required for a ${route.kind} route`,
      input: route,
    });
  for (const field of Object.values(TARGET_OF))
    if (field !== needed && route[field] !== undefined)
      context.issues.push({
        code: 'custom',
        path: [field],
        message: `is only for a ${Object.entries(TARGET_OF).find(([, f]) => f === field)![0]} route`,
        input: route,
      });
});

export type DidRouteInput = z.output<typeof didRoute>;

export class ReserveDidDto extends createZodDto(
  z.strictObject({
    accountId: z.uuid().meta({ description: "an account of the DID's tenant" }),
    until: timestamp
      .refine((moment) => moment.getTime() > Date.now(), { error: 'must be in the future' })
      .refine((moment) => moment.getTime() <= Date.now() + MAX_RESERVATION_DAYS * 86_400_000, {
        error: `must be at most ${MAX_RESERVATION_DAYS} days ahead`,
      })
      .meta({ description: 'when the reservation lapses and the number becomes available again' }),
  }),
  { codec: true },
) {}

export class AssignDidDto extends createZodDto(
  z.strictObject({
    accountId: z.uuid().meta({
      description: "an account of the DID's tenant; a reserved number only to the account it is reserved for",
    }),
    route: didRoute,
  }),
  { codec: true },
) {}

export class ChangeDidRouteDto extends createZodDto(didRoute, { codec: true }) {}

// Release and end-quarantine take an optional note; no body at all is the same as `{}`.
const optionalNote = z.preprocess(
  (body) => body ?? {},
  z.strictObject({
    note: z.string().trim().min(1).max(500).optional().meta({ description: "kept in the number's history" }),
  }),
);

export class ReleaseDidDto extends createZodDto(optionalNote, { codec: true }) {}

export class EndDidQuarantineDto extends createZodDto(optionalNote, { codec: true }) {}
