/**
 * The request field behind each unique index (index names are declared on the entities in
 * packages/db), so a duplicate answers 409 naming the field. Each resource module registers its own.
 */
const fieldByConstraint = new Map<string, string>([['users_email_key', 'email']]);

export function registerUniqueFields(fields: Record<string, string>): void {
  for (const [constraint, field] of Object.entries(fields)) fieldByConstraint.set(constraint, field);
}

export function uniqueViolationField(constraint: string): string | undefined {
  return fieldByConstraint.get(constraint);
}
