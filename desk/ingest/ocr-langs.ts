/** OCR language choice: `$ORIGINDESK_OCR_LANGS` ("eng,kor,chi_sim" or "off"), else the default. */
import { OCR_LANGS, type OcrLang } from '../ocr/engine.ts';
import { DEFAULT_OCR_LANGS } from './queue.ts';

export function ocrLangsFromEnv(env = process.env.ORIGINDESK_OCR_LANGS): OcrLang[] | null {
  if (!env) return DEFAULT_OCR_LANGS;
  if (env.trim().toLowerCase() === 'off') return null;
  const langs = env.split(',').map((l) => l.trim());
  const unknown = langs.filter((l) => !(OCR_LANGS as readonly string[]).includes(l));
  if (unknown.length) throw new Error(`ORIGINDESK_OCR_LANGS: unknown language(s) ${unknown.join(', ')}; known: ${OCR_LANGS.join(', ')}, or off`);
  return langs as OcrLang[];
}
