/** Normalises anything a call can throw into the desk's error shape, and words it for people. */
import { DeskCallError, ERROR_CODES, type DeskErrorInfo, type ErrorCode } from '../../../contract/api.ts';
import type { MessageKey } from '../i18n/en.ts';
import type { I18n } from '../i18n/I18nProvider.tsx';

export interface UiError extends DeskErrorInfo {
  /** The call never reached the desk (server stopped, connection refused). */
  network?: boolean;
}

function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value);
}

export function toUiError(err: unknown): UiError {
  if (err instanceof DeskCallError) return err.info;
  if (err && typeof err === 'object') {
    // Errors crossing Electron's contextBridge lose their class but keep plain fields.
    const rec = err as { info?: unknown; code?: unknown; message?: unknown; params?: unknown };
    const info = (rec.info && typeof rec.info === 'object' ? rec.info : rec) as {
      code?: unknown;
      message?: unknown;
      params?: unknown;
    };
    if (isErrorCode(info.code)) {
      return {
        code: info.code,
        message: typeof info.message === 'string' ? info.message : info.code,
        ...(info.params && typeof info.params === 'object' ? { params: info.params as DeskErrorInfo['params'] } : {}),
      };
    }
    if (err instanceof TypeError) return { code: 'internal', message: err.message, network: true };
    if (err instanceof Error) return { code: 'internal', message: err.message };
  }
  return { code: 'internal', message: String(err) };
}

/** Specific wordings per code, tried in order; used only when every placeholder has a param. */
const VARIANTS: Partial<Record<ErrorCode, MessageKey[]>> = {
  invalid_argument: ['error.invalid_argument.field'],
  too_large: ['error.too_large.page', 'error.too_large.pages'],
  corrupt_file: ['error.corrupt_file.page'],
  extension_mismatch: ['error.extension_mismatch.types'],
};

const FILE_TYPE_PARAMS = new Set(['claimed', 'actual']);

function pickKey(i18n: I18n, code: ErrorCode, params: DeskErrorInfo['params']): MessageKey {
  const base = `error.${code}` as const;
  if (!params) return base;
  for (const key of VARIANTS[code] ?? []) {
    const names = [...i18n.t(key).matchAll(/\{(\w+)\}/g)].map((m) => m[1] as string);
    if (names.every((n) => params[n] !== undefined)) return key;
  }
  return base;
}

/** Translated sentence for an error, plus the desk's own message when it adds information. */
export function describeError(i18n: I18n, info: UiError | DeskErrorInfo): { text: string; detail?: string } {
  if ('network' in info && info.network) return { text: i18n.t('error.network') };
  const known = isErrorCode(info.code);
  // File types travel as lowercase ids ("pdf"); people read them as "PDF".
  const params = info.params
    ? Object.fromEntries(
        Object.entries(info.params).map(([k, v]) => [k, FILE_TYPE_PARAMS.has(k) && typeof v === 'string' ? v.toUpperCase() : v]),
      )
    : undefined;
  const text = known ? i18n.t(pickKey(i18n, info.code, params), params) : info.message;
  // Validation and internal errors carry specifics (which field, what broke) worth showing.
  const showDetail = known && (info.code === 'invalid_argument' || info.code === 'internal') && info.message;
  return showDetail ? { text, detail: i18n.t('toast.details', { message: info.message }) } : { text };
}
