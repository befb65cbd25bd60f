import type { components } from '@tollgate/sdk';

export type TenantSettings = components['schemas']['TenantSettingsDto'];

export interface Brand {
  name: string;
  logoUrl: string | null;
  primary: string;
  /** Text drawn on the primary colour: black or white, whichever contrasts more. */
  onPrimary: string;
  accent: string;
}

const DEFAULT_PRIMARY = '#1d4ed8';
const DEFAULT_ACCENT = '#f59e0b';

/** The brand a user sees: its own tenant's, or for an end user its provider's (the settings API decides). */
export function brandOf(settings: TenantSettings | undefined): Brand {
  const primary = settings?.primaryColor ?? DEFAULT_PRIMARY;
  return {
    name: settings?.brandName ?? settings?.tenantName ?? 'Tollgate',
    logoUrl: settings?.logoUrl ?? null,
    primary,
    onPrimary: textColourOn(primary),
    accent: settings?.accentColor ?? DEFAULT_ACCENT,
  };
}

/** WCAG relative luminance of a #rrggbb colour. */
export function luminance(hex: string): number {
  const channels = [1, 3, 5].map((index) => parseInt(hex.slice(index, index + 2), 16) / 255);
  const [r, g, b] = channels.map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4)) as [
    number,
    number,
    number,
  ];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

export function contrastRatio(a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

export function textColourOn(background: string): string {
  return contrastRatio(background, '#ffffff') >= contrastRatio(background, '#000000') ? '#ffffff' : '#000000';
}
