import type { DeskErrorInfo, ErrorCode } from '../contract/api.ts';

/** An error the desk explains to the officer: a code the UI translates plus an English message. */
export class DeskError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly params?: Record<string, string | number>,
  ) {
    super(message);
    this.name = 'DeskError';
  }

  toInfo(): DeskErrorInfo {
    return this.params ? { code: this.code, message: this.message, params: this.params } : { code: this.code, message: this.message };
  }
}

/** Any thrown value as DeskErrorInfo; unexpected errors become `internal` without leaking stacks. */
export function toErrorInfo(err: unknown): DeskErrorInfo {
  if (err instanceof DeskError) return err.toInfo();
  const message = err instanceof Error ? err.message : String(err);
  return { code: 'internal', message };
}
