import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type * as Vite from 'vite';

// The package root is three folders up from here, whether this runs from src/ or dist/.
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** Where `npm run build:dashboard` writes the dashboard, and the config it builds from. */
export const DASHBOARD_DIR = join(ROOT, 'dist', 'dashboard');
const VITE_CONFIG = join(ROOT, 'src', 'interfaces', 'dashboard', 'vite.config.ts');

export function dashboardBuilt(dir = DASHBOARD_DIR): boolean {
  return existsSync(join(dir, 'index.html'));
}

/**
 * Builds the dashboard with Vite when it has not been built (a fresh clone), so `convrev serve`
 * and `convrev demo` work without a separate step. Returns false when it cannot be built here
 * (an install without the dev dependencies or the sources): the API still serves.
 */
export async function ensureDashboard(log: (line: string) => void = () => {}): Promise<boolean> {
  if (dashboardBuilt()) return true;
  if (!existsSync(VITE_CONFIG)) return false;
  let vite: typeof Vite;
  try {
    vite = await import('vite');
  } catch {
    return false;
  }
  log('building the dashboard (first start)…');
  await vite.build({ configFile: VITE_CONFIG, logLevel: 'warn' });
  return dashboardBuilt();
}
