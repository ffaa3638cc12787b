/** Forja's annotation listing an entity's environments in order (`dev,staging,prod`). */
const FORJA_ANNOTATION_ENVIRONMENTS = 'forja.dev/environments';

/** The environments an entity declares, in order (`forja.dev/environments`). */
export function declaredEnvironments(entity: {
  metadata: { annotations?: Record<string, string> };
}): string[] {
  return (entity.metadata.annotations?.[FORJA_ANNOTATION_ENVIRONMENTS] ?? '')
    .split(',')
    .map(e => e.trim())
    .filter(Boolean);
}

/**
 * Where an application runs: its `forja.dev/environment` label, else an `-<env>` suffix
 * of its name among the declared environments, else the only declared one.
 */
export function applicationEnvironment(
  app: { name: string; environment?: string },
  declared: string[],
): string | undefined {
  return (
    app.environment ??
    declared.find(env => app.name.endsWith(`-${env}`)) ??
    (declared.length === 1 ? declared[0] : undefined)
  );
}
