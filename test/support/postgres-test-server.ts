import { randomBytes } from 'node:crypto';
import pg from 'pg';

// The machine's server: trust auth on loopback, database `test`. A CI machine has `postgres`;
// a developer's may only have a role named after the login user.
const HOST = '127.0.0.1:5432';
const DATABASE = 'test';
const USERS = ['postgres', 'root'];
const DATABASE_MISSING = '3D000';

/** Null when the URL answers, else why not (and PostgreSQL's error code when it has one). */
async function tryConnect(url: string): Promise<{ code?: string; message: string } | null> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3_000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('SELECT 1');
    return null;
  } catch (error) {
    if (error instanceof pg.DatabaseError)
      return { message: error.message, ...(error.code ? { code: error.code } : {}) };
    return { message: error instanceof Error ? error.message : 'unknown failure' };
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function run(url: string, text: string): Promise<void> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3_000 });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

/** The URL of the test database, creating the database when the server lacks it; or why not. */
async function findTestDatabase(): Promise<{ url: string } | { reason: string }> {
  const given = process.env.CONVREV_TEST_DATABASE_URL;
  const candidates = given ? [given] : USERS.map((u) => `postgres://${u}@${HOST}/${DATABASE}`);
  const reasons: string[] = [];
  for (const url of candidates) {
    let error = await tryConnect(url);
    if (error?.code === DATABASE_MISSING) {
      const admin = new URL(url);
      admin.pathname = '/postgres';
      await run(admin.toString(), `CREATE DATABASE ${DATABASE}`).catch(() => undefined);
      error = await tryConnect(url);
    }
    if (error === null) return { url };
    reasons.push(`${url}: ${error.message}`);
  }
  return { reason: reasons.join('; ') };
}

const found = await findTestDatabase();

/**
 * The PostgreSQL half of the cross-engine suite runs whenever the server answers and is
 * mandatory in CI: there an unreachable server fails the suite. Elsewhere it is skipped, loudly.
 */
export function postgresUrlForTests(suite: string): string | null {
  if ('url' in found) return found.url;
  if (process.env.CI === 'true') {
    throw new Error(
      `${suite}: PostgreSQL is mandatory in CI (CI=true) and unreachable: ${found.reason}`,
    );
  }
  console.warn(`⚠ ${suite}: PostgreSQL unreachable, its half is SKIPPED (${found.reason})`);
  return null;
}

/** A schema name no other test run uses. */
export function freshSchemaName(): string {
  return `convrev_test_${randomBytes(6).toString('hex')}`;
}

export async function dropSchema(url: string, schema: string): Promise<void> {
  await run(url, `DROP SCHEMA IF EXISTS "${schema.replaceAll('"', '""')}" CASCADE`);
}
