/**
 * Renders a JSON pointer into the config (`/sources/2/mapping/occurred_at`) the way a person
 * reads it in their YAML (`sources[2].mapping.occurred_at`); the root is `top level`.
 */
export function configPath(pointer: string): string {
  if (pointer === '') return 'top level';
  return pointer
    .split('/')
    .slice(1)
    .map((segment) => segment.replaceAll('~1', '/').replaceAll('~0', '~'))
    .reduce(
      (path, key) => (/^\d+$/.test(key) ? `${path}[${key}]` : path ? `${path}.${key}` : key),
      '',
    );
}
