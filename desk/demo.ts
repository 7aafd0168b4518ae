/** The demo case shipped in assets/demo, so a first start shows real documents. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Desk } from './service.ts';
import { ownerLabel } from './store/mark-store.ts';

export const DEMO_DECLARATION = 'DEMO-2026-000417';

/** Creates the demo case once (idempotent) and ingests its documents; returns its id. */
export async function seedDemo(desk: Desk, assetsDir: string): Promise<string> {
  await seedDemoLibrary(desk, join(assetsDir, 'specimens'));
  const existing = desk.store.listCases(DEMO_DECLARATION).find((c) => c.declarationNo === DEMO_DECLARATION);
  if (existing) return existing.id;
  const demo = await desk.call('cases.create', {
    declarationNo: DEMO_DECLARATION,
    port: 'Hai Phong (VNHPH)',
    date: '2026-11-20',
    notes: 'Demo consignment: steel fasteners from Ningbo under ACFTA Form E. Certificate, invoice and packing list as scanned at the desk.',
  });
  const files = readdirSync(assetsDir)
    .filter((f) => /\.(pdf|tiff?|png|jpe?g)$/i.test(f))
    .sort();
  for (const file of files) {
    const { document } = await desk.call('documents.ingest', {
      caseId: demo.id,
      fileName: file,
      data: new Uint8Array(readFileSync(join(assetsDir, file))),
    });
    const kind = /form-e|origin|c-o/i.test(file)
      ? 'certificate_of_origin'
      : /invoice/i.test(file)
        ? 'commercial_invoice'
        : /packing/i.test(file)
          ? 'packing_list'
          : /xray|x-ray/i.test(file)
            ? 'xray_image'
            : undefined;
    if (kind) await desk.call('documents.setKind', { documentId: document.id, kind });
  }
  return demo.id;
}

/** One owner of the demo specimen manifest (assets/demo/specimens/specimens.json). */
export interface DemoOwner {
  kind: 'stamp' | 'signature';
  country: string;
  authority: string;
  office: string;
  signatory: string;
  validFrom: string | null;
  validTo: string | null;
  notes: string;
  specimens: { file: string; dpi: number; source: string }[];
}

/**
 * The demo's specimen library (assets/demo/specimens, made by make-specimens.ts): the issuing
 * offices and officers of the demo C/O, once, when the desk's library holds none of them.
 */
export async function seedDemoLibrary(desk: Desk, dir: string): Promise<void> {
  const manifest = join(dir, 'specimens.json');
  if (!existsSync(manifest)) return;
  const owners = JSON.parse(readFileSync(manifest, 'utf8')) as DemoOwner[];
  const known = new Set(desk.auth.marks.listOwners({ search: '', includeRetired: true }).map((o) => o.label));
  for (const { specimens, ...o } of owners) {
    if (known.has(ownerLabel(o))) continue;
    const owner = await desk.call('library.saveOwner', o);
    for (const s of specimens) {
      await desk.call('library.uploadSpecimen', { ownerId: owner.id, fileName: s.file, dpi: s.dpi, source: s.source, data: new Uint8Array(readFileSync(join(dir, s.file))) });
    }
  }
}
