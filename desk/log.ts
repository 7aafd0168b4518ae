/** Structured logs (pino) to `<dataDir>/logs/desk.log`; one logger per desk instance. */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import pino, { type Logger } from 'pino';

export type { Logger };

export function createLogger(dataDir: string, name = 'desk'): Logger {
  const dir = join(dataDir, 'logs');
  mkdirSync(dir, { recursive: true });
  // Synchronous destination: a crash must not lose the line that explains it.
  const dest = pino.destination({ dest: join(dir, `${name}.log`), sync: true, mkdir: true });
  return pino({ level: process.env.ORIGINDESK_LOG_LEVEL ?? 'info', base: { name } }, dest);
}
