import { z } from 'zod';

// The settings the server runs with; built only by loadConfig.
export interface Config {
  cookie: string | undefined;
  cookieFile: string | undefined;
  baseUrl: string;
  currency: string;
  userAgent: string | undefined;
  maxConcurrency: number;
  timeoutMs: number;
  logLevel: LogLevel;
  idCheck: 'strict' | 'lenient';
  sandbox: boolean;
  readOnly: boolean;
  auditLog: string | undefined;
  cacheTtlMs: number;
}

export type LogLevel = 'error' | 'warn' | 'info' | 'debug';

export const DEFAULT_BASE_URL = 'https://studio.pixieset.com/api/v1';

// Thrown by loadConfig with every problem found, each naming the variable and the fix.
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(
      `Configuration problem${problems.length > 1 ? 's' : ''}:\n${problems.map((p) => `  - ${p}`).join('\n')}`,
    );
    this.name = 'ConfigError';
  }
}

const intSetting = (name: string, min: number, max: number, fallback: number) =>
  z
    .string()
    .optional()
    .transform((raw, ctx) => {
      if (raw === undefined) return fallback;
      const n = /^\d+$/.test(raw.trim()) ? Number(raw.trim()) : Number.NaN;
      if (!Number.isSafeInteger(n) || n < min || n > max) {
        ctx.addIssue({
          code: 'custom',
          message: `${name} must be a whole number from ${min} to ${max} (got "${raw}"); remove it to use the default ${fallback}.`,
        });
        return z.NEVER;
      }
      return n;
    });

const enumSetting = <T extends string>(name: string, values: readonly T[], fallback: T) =>
  z
    .string()
    .optional()
    .transform((raw, ctx) => {
      if (raw === undefined) return fallback;
      const v = raw.trim().toLowerCase() as T;
      if (!values.includes(v)) {
        ctx.addIssue({
          code: 'custom',
          message: `${name} must be one of ${values.join(', ')} (got "${raw}"); remove it to use the default ${fallback}.`,
        });
        return z.NEVER;
      }
      return v;
    });

const boolSetting = (name: string) =>
  z
    .string()
    .optional()
    .transform((raw, ctx) => {
      if (raw === undefined) return false;
      const v = raw.trim().toLowerCase();
      if (['true', '1', 'yes', 'on'].includes(v)) return true;
      if (['false', '0', 'no', 'off'].includes(v)) return false;
      ctx.addIssue({ code: 'custom', message: `${name} must be true or false (got "${raw}").` });
      return z.NEVER;
    });

const isLoopback = (host: string) =>
  host === 'localhost' || host === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(host);

const envSchema = z.object({
  PIXIESET_COOKIE: z
    .string()
    .optional()
    .refine((v) => v === undefined || !/[\r\n]/.test(v.trim()), {
      message:
        'PIXIESET_COOKIE must be the Cookie header on one line; copy the value of the "Cookie" request header again, without line breaks.',
    }),
  PIXIESET_COOKIE_FILE: z.string().optional(),
  PIXIESET_BASE_URL: z
    .string()
    .optional()
    .transform((raw, ctx) => {
      const value = (raw ?? DEFAULT_BASE_URL).trim().replace(/\/+$/, '');
      let url: URL;
      try {
        url = new URL(value);
      } catch {
        ctx.addIssue({
          code: 'custom',
          message: `PIXIESET_BASE_URL is not a URL (got "${raw}"); remove it to use ${DEFAULT_BASE_URL}.`,
        });
        return z.NEVER;
      }
      const plainHttpOk = url.protocol === 'http:' && isLoopback(url.hostname);
      if (url.protocol !== 'https:' && !plainHttpOk) {
        ctx.addIssue({
          code: 'custom',
          message: `PIXIESET_BASE_URL must use https:// (plain http is allowed only for 127.0.0.1/localhost), so the session cookie is never sent in the clear (got "${raw}").`,
        });
        return z.NEVER;
      }
      return value;
    }),
  PIXIESET_CURRENCY: z
    .string()
    .optional()
    .transform((raw, ctx) => {
      if (raw === undefined) return 'usd';
      const v = raw.trim().toLowerCase();
      if (!/^[a-z]{3}$/.test(v)) {
        ctx.addIssue({
          code: 'custom',
          message: `PIXIESET_CURRENCY must be a three-letter ISO 4217 code such as usd, gbp, eur, cad or jpy (got "${raw}").`,
        });
        return z.NEVER;
      }
      return v;
    }),
  PIXIESET_USER_AGENT: z.string().optional(),
  PIXIESET_MAX_CONCURRENCY: intSetting('PIXIESET_MAX_CONCURRENCY', 1, 8, 4),
  PIXIESET_TIMEOUT_MS: intSetting('PIXIESET_TIMEOUT_MS', 100, 300_000, 30_000),
  PIXIESET_LOG_LEVEL: enumSetting('PIXIESET_LOG_LEVEL', ['error', 'warn', 'info', 'debug'] as const, 'info'),
  PIXIESET_ID_CHECK: enumSetting('PIXIESET_ID_CHECK', ['strict', 'lenient'] as const, 'strict'),
  PIXIESET_READ_ONLY: boolSetting('PIXIESET_READ_ONLY'),
  PIXIESET_AUDIT_LOG: z.string().optional(),
  PIXIESET_CACHE_TTL_MS: intSetting('PIXIESET_CACHE_TTL_MS', 0, 3_600_000, 60_000),
});

// Options that come from the command line rather than the environment.
export interface CliOverrides {
  sandbox?: boolean;
  // --read-only: on top of PIXIESET_READ_ONLY (either one turns it on).
  readOnly?: boolean;
}

// Pure: reads only the given env object; reports every problem at once by throwing ConfigError.
export function loadConfig(env: Record<string, string | undefined>, cli: CliOverrides = {}): Config {
  // Hosts often pass unset variables as empty strings: treat those as unset.
  const cleaned: Record<string, string | undefined> = {};
  for (const [key, value] of Object.entries(env)) {
    if (key.startsWith('PIXIESET_') && value !== undefined && value.trim() !== '') cleaned[key] = value;
  }
  const parsed = envSchema.safeParse(cleaned);
  const problems = parsed.success ? [] : parsed.error.issues.map((issue) => issue.message);
  const sandbox = cli.sandbox ?? false;
  if (!sandbox && cleaned.PIXIESET_COOKIE === undefined && cleaned.PIXIESET_COOKIE_FILE === undefined) {
    problems.push(
      'PIXIESET_COOKIE_FILE (or PIXIESET_COOKIE) is not set. Log in to studio.pixieset.com in your browser, open DevTools → Network, click any request to studio.pixieset.com/api, copy the whole "Cookie" request header into a file (chmod 600), and set PIXIESET_COOKIE_FILE to its path. To try the server without an account, run it with --sandbox.',
    );
  }
  if (!parsed.success || problems.length > 0) throw new ConfigError(problems);
  const e = parsed.data;
  return {
    cookie: e.PIXIESET_COOKIE?.trim(),
    cookieFile: e.PIXIESET_COOKIE_FILE?.trim(),
    baseUrl: e.PIXIESET_BASE_URL,
    currency: e.PIXIESET_CURRENCY,
    userAgent: e.PIXIESET_USER_AGENT?.trim(),
    maxConcurrency: e.PIXIESET_MAX_CONCURRENCY,
    timeoutMs: e.PIXIESET_TIMEOUT_MS,
    logLevel: e.PIXIESET_LOG_LEVEL,
    idCheck: e.PIXIESET_ID_CHECK,
    sandbox,
    readOnly: e.PIXIESET_READ_ONLY || (cli.readOnly ?? false),
    auditLog: e.PIXIESET_AUDIT_LOG?.trim(),
    cacheTtlMs: e.PIXIESET_CACHE_TTL_MS,
  };
}
