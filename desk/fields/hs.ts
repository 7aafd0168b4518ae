/**
 * HS code validation. Format and chapter (01–97, 77 reserved) are checked from code alone;
 * whether the heading and subheading exist is checked against the HS 2022 nomenclature CSV
 * when one is available. Its path is configurable (setHsNomenclaturePath, or the environment
 * variable ORIGINDESK_HS_NOMENCLATURE); by default `<repo>/../shared/data/hs/
 * harmonized-system-2022/harmonized-system.csv` is used when present. The file is read in
 * place, never copied.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface Nomenclature {
  path: string;
  headings: Set<string>; // '7318'
  subheadings: Set<string>; // '731815'
  /** Words of five letters or more in the headings' and subheadings' descriptions, upper case. */
  words: Set<string>;
}

let configured: string | null | undefined; // undefined: default; null: disabled
let cache: { path: string; nom: Nomenclature | null } | undefined;

export function defaultHsNomenclaturePath(): string {
  const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
  return join(repo, '..', 'shared', 'data', 'hs', 'harmonized-system-2022', 'harmonized-system.csv');
}

/** Sets the nomenclature file (null: validate format and chapter only). */
export function setHsNomenclaturePath(path: string | null | undefined): void {
  configured = path;
  cache = undefined;
}

export function hsNomenclaturePath(): string | null {
  if (configured === null) return null;
  const p = configured ?? process.env.ORIGINDESK_HS_NOMENCLATURE ?? defaultHsNomenclaturePath();
  return p && existsSync(p) ? p : null;
}

export function loadHsNomenclature(): Nomenclature | null {
  const path = hsNomenclaturePath();
  if (!path) return null;
  if (cache && cache.path === path) return cache.nom;
  let nom: Nomenclature | null = null;
  try {
    const headings = new Set<string>();
    const subheadings = new Set<string>();
    const words = new Set<string>();
    for (const line of readFileSync(path, 'utf8').split(/\r?\n/)) {
      const m = /^[^,]*,"?(\d{4}|\d{6})"?,/.exec(line);
      if (!m) continue;
      (m[1]!.length === 4 ? headings : subheadings).add(m[1]!);
      for (const w of line.slice(m[0].length).toUpperCase().split(/[^A-Z]+/)) if (w.length >= 5) words.add(w);
    }
    nom = headings.size > 0 ? { path, headings, subheadings, words } : null;
  } catch {
    nom = null;
  }
  cache = { path, nom };
  return nom;
}

export interface HsCheck {
  ok: boolean;
  note?: string;
  /** Whether the nomenclature was consulted. */
  checkedAgainstNomenclature: boolean;
}

/** Checks a normalised 'NNNN.NN' (or 'NNNN') code. */
export function checkHs(code: string): HsCheck {
  const digits = code.replace(/\D/g, '');
  const chapter = Number(digits.slice(0, 2));
  if (!(digits.length === 4 || digits.length === 6)) return { ok: false, note: 'an HS code has 6 digits (NNNN.NN)', checkedAgainstNomenclature: false };
  if (chapter < 1 || chapter > 97) return { ok: false, note: `HS chapter ${digits.slice(0, 2)} does not exist (chapters run 01–97)`, checkedAgainstNomenclature: false };
  if (chapter === 77) return { ok: false, note: 'HS chapter 77 is reserved and holds no goods', checkedAgainstNomenclature: false };
  const nom = loadHsNomenclature();
  if (!nom) return { ok: true, checkedAgainstNomenclature: false };
  const heading = digits.slice(0, 4);
  if (!nom.headings.has(heading)) return { ok: false, note: `HS heading ${heading.slice(0, 2)}.${heading.slice(2)} does not exist in HS 2022`, checkedAgainstNomenclature: true };
  if (digits.length === 6 && !nom.subheadings.has(digits)) return { ok: false, note: `HS subheading ${heading}.${digits.slice(4)} does not exist in HS 2022`, checkedAgainstNomenclature: true };
  return { ok: true, checkedAgainstNomenclature: true };
}
