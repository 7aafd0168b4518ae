/** The demo case shipped in assets/demo, so a first start shows real documents. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Desk } from './service.ts';

export const DEMO_DECLARATION = 'DEMO-2026-000417';

/** Creates the demo case once (idempotent) and ingests its documents; returns its id. */
export async function seedDemo(desk: Desk, assetsDir: string): Promise<string> {
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
